// Java serialization (ObjectOutputStream: AC ED 00 05), how Weka, Smile, Deeplearning4j, H2O, MOA,
// Spark MLlib, LIBSVM and hnswlib-java save models. The class descriptors (TC_CLASSDESC 0x72, then
// the class name as a u16-length string) name every class in the stream; nothing is deserialized.
// A stream with no model class stays quiet when it was read to its end, else it is not inspected.
import { hasBytes } from './bytes.js'
import { LIMITS } from './limits.js'
import type { BlobPrefix, Sniffed } from './sniff.js'

const STREAM_MAGIC = [0xac, 0xed, 0x00, 0x05]
const TC_CLASSDESC = 0x72
const CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/

// Instance-based learners and neighbour searches: they keep the training records themselves.
const NEIGHBOURS = new RegExp(
  [
    '^weka\\.classifiers\\.lazy\\.(IBk|KStar|LWL|LBR)$',
    '^weka\\.core\\.neighboursearch\\.',
    '^smile\\.(classification\\.KNN|neighbor\\.)',
    '^moa\\.classifiers\\.lazy\\.',
    '^org\\.tribuo\\.common\\.nearest\\.',
    '^net\\.sf\\.javaml\\.classification\\.KNearestNeighbors',
    '^jsat\\.classifiers\\.knn\\.',
    '^com\\.github\\.jelmerk\\.knn\\.'
  ].join('|')
)

const MODELS = new RegExp(
  [
    '^weka\\.(classifiers|clusterers)\\.',
    '^smile\\.(classification|regression|clustering|anomaly|sequence|manifold|projection|feature\\.extraction)\\.',
    '^org\\.deeplearning4j\\.nn\\.',
    '^(hex\\.[\\w$.]*Model|ai\\.h2o\\.[\\w$.]*)$',
    '^moa\\.(classifiers|clusterers)\\.',
    '^org\\.apache\\.spark\\.ml(lib)?\\.[\\w$.]*Model$',
    '^(libsvm\\.svm_model|de\\.bwaldvogel\\.liblinear\\.Model|ml\\.dmlc\\.xgboost4j\\.(java|scala)\\.Booster)$',
    '^org\\.tribuo\\.[\\w$.]*Model$',
    '^(jsat\\.(classifiers|regression|clustering)|net\\.sf\\.javaml\\.(classification|clustering))\\.',
    '^(edu\\.stanford\\.nlp\\.(classify|ie\\.crf|tagger\\.maxent)|opennlp\\.tools\\.ml\\.model)\\.'
  ].join('|')
)

/** A Java object stream: read like a pickle (model classes can sit past the first 64 KiB). */
export function javaWants(head: Buffer): number | null {
  return hasBytes(head, 0, STREAM_MAGIC) ? LIMITS.reads.serialized : null
}

export function sniffJavaSerialized(blob: BlobPrefix): Sniffed | null {
  if (!hasBytes(blob.bytes, 0, STREAM_MAGIC)) return null
  const classes = classNames(blob.bytes)
  const neighbours = classes.filter((c) => NEIGHBOURS.test(c))
  const models = classes.filter((c) => MODELS.test(c))
  const detail = { topClass: classes[0] ?? null, classes: classes.slice(0, 32) }
  if (neighbours.length > 0) return { format: 'java-serialized', kind: 'knn-index', detail: { ...detail, neighbours } }
  if (models.length > 0) return { format: 'java-serialized', kind: 'pickle', detail: { ...detail, models } }
  if (blob.bytes.length >= blob.size) return null
  const reason = `Java serialization stream longer than the ${blob.bytes.length} bytes read, no model class in them: not fully inspected`
  return { format: 'java-serialized', kind: 'unknown', detail: { reason, ...detail } }
}

/** The class names of the stream's descriptors, in order, each once. */
function classNames(bytes: Buffer): string[] {
  const names = new Set<string>()
  for (let at = bytes.indexOf(TC_CLASSDESC, 4); at >= 0 && names.size < LIMITS.javaClasses;) {
    const length = at + 3 <= bytes.length ? bytes.readUInt16BE(at + 1) : 0
    const name = bytes.toString('latin1', at + 3, Math.min(bytes.length, at + 3 + length))
    if (length > 0 && name.length === length && CLASS_NAME.test(name)) names.add(name)
    at = bytes.indexOf(TC_CLASSDESC, at + 1)
  }
  return [...names]
}
