// PMML: XML whose root element is <PMML> (any prefix), after an optional BOM, XML declaration,
// comments and doctype. An XML whose root is something else (a Maven pom, an SVG) stays quiet.
import type { BlobPrefix, Sniffed } from './sniff.js'
import { xmlAttribute, xmlRoot } from './xml.js'

export function sniffPmml(blob: BlobPrefix): Sniffed | null {
  const root = xmlRoot(blob.bytes)
  if (root?.name !== 'PMML') return null
  const version = xmlAttribute(root.tag, 'version')
  const model = /<(?:[\w.-]+:)?(\w+Model|MiningModel|Scorecard|NearestNeighborModel)[\s>]/.exec(root.head)?.[1]
  const kind = model === 'NearestNeighborModel' ? 'knn-index' : 'weights'
  return { format: 'pmml', kind, detail: { version, ...(model ? { modelElement: model } : {}) } }
}
