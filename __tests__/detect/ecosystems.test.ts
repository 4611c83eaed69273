// Model formats of ecosystems with no loader here (src/detect/ecosystems.ts): found by content under
// a neutral name where they have a signature, by name where they do not (fail closed), and their
// look-alikes stay quiet. Fixtures: scripts/make-fixtures-formats.py (real Weka, R and msgpack).
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import zlib from 'node:zlib'
import { detect } from '../../src/detect/index.js'
import { detectBytes, detectFixture, fixture, summary } from './helpers.js'

const none = { includedByName: () => false }

describe('found by content, under their own name and a neutral one', () => {
  it.each([
    ['flax/flax_model.msgpack', 'flax-msgpack', 'weights', { arrays: 4, keys: ['classifier'] }],
    ['flax/checkpoint_100', 'flax-msgpack', 'weights', { keys: ['step', 'params', 'opt_state'] }],
    ['java/ibk.model', 'java-serialized', 'knn-index', { topClass: 'weka.classifiers.lazy.IBk' }],
    ['java/j48_with_header.model', 'java-serialized', 'pickle', { topClass: 'weka.classifiers.trees.J48' }],
    ['r/lm.rds', 'r-object', 'pickle', { classes: ['data.frame', 'lm'], compression: ['gzip'] }],
    ['r/glm.rds', 'r-object', 'pickle', { compression: ['bzip2'] }],
    ['r/knn3.rds', 'r-object', 'knn-index', { compression: ['xz'] }],
    ['r/session.RData', 'r-object', 'pickle', { classes: ['data.frame', 'lm'] }],
    ['r/patients.rds', 'r-object', 'data', { classes: ['data.frame'] }],
    ['mxnet/model-0000.params', 'mxnet', 'weights', { arrays: 2 }],
    ['caffe/risk.caffemodel', 'caffe', 'weights', { net: 'risk_net' }],
    ['caffe/v1_layers.caffemodel', 'caffe', 'weights', { net: 'CaffeNet' }],
    ['openvino/model.xml', 'openvino', 'weights', { net: 'risk_model', irVersion: '11' }]
  ])('%s is %s / %s', async (name, format, kind, detail) => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([
        expect.objectContaining({ member: null, format, kind, detail: expect.objectContaining(detail) })
      ])
    }
  })

  it('an uncompressed R stream (saveRDS(compress = FALSE)) is read the same', async () => {
    const raw = zlib.gunzipSync(fixture('r/lm.rds'))
    expect(raw.toString('latin1', 0, 2)).toBe('X\n')
    expect(summary(await detectBytes(raw, 'neutral'))).toEqual([':r-object/pickle'])
  })

  it('IBk lists the neighbour search it keeps the training instances in', async () => {
    const [found] = await detectFixture('java/ibk.model', { path: 'neutral' })
    expect(found.detail.neighbours).toEqual(
      expect.arrayContaining(['weka.classifiers.lazy.IBk', 'weka.core.neighboursearch.LinearNNSearch'])
    )
  })
})

describe('Java serialization: what the class descriptors name decides', () => {
  /** A stream holding one object of `className` (no fields), as ObjectOutputStream writes it. */
  function javaObject(className: string): Buffer {
    const name = Buffer.from(className)
    const length = Buffer.alloc(2)
    length.writeUInt16BE(name.length)
    const uid = Buffer.alloc(8, 1)
    return Buffer.concat([
      Buffer.from([0xac, 0xed, 0, 5, 0x73, 0x72]),
      length,
      name,
      uid,
      Buffer.from([2, 0, 0, 0x78, 0x70])
    ])
  }

  it.each([
    ['smile.classification.KNN', 'knn-index'],
    ['com.github.jelmerk.knn.hnsw.HnswIndex', 'knn-index'],
    ['weka.classifiers.functions.SMO', 'pickle'],
    ['smile.classification.RandomForest', 'pickle'],
    ['org.deeplearning4j.nn.multilayer.MultiLayerNetwork', 'pickle'],
    ['hex.tree.gbm.GBMModel', 'pickle'],
    ['org.apache.spark.ml.classification.LogisticRegressionModel', 'pickle'],
    ['libsvm.svm_model', 'pickle']
  ])('%s is %s', async (className, kind) => {
    expect(await detectBytes(javaObject(className), 'neutral')).toEqual([
      expect.objectContaining({ format: 'java-serialized', kind })
    ])
  })

  it('a stream of other classes read to its end stays quiet; one longer than the read is unknown', async () => {
    const plain = javaObject('com.example.Settings')
    expect(await detectBytes(plain, 'neutral')).toEqual([])
    const cut = await detect({ path: 'neutral', size: plain.length + 10_000_000, bytes: plain }, none)
    expect(cut).toEqual([expect.objectContaining({ format: 'java-serialized', kind: 'unknown' })])
  })
})

describe('R objects: data only when walked whole, unknown when not seen', () => {
  const patients = zlib.gunzipSync(fixture('r/patients.rds'))

  it('a data.frame with bytes after it is not data', async () => {
    const found = await detectBytes(Buffer.concat([patients, Buffer.from('trailing')]), 'neutral')
    expect(summary(found)).toEqual([':r-object/unknown'])
  })

  it('a data.frame read only in part is not data', async () => {
    const found = await detect({ path: 'x.rds', size: patients.length, bytes: patients.subarray(0, 100) }, none)
    expect(summary(found)).toEqual([':r-object/unknown'])
  })

  it('an object of a class that is no data class is unknown, with its class', async () => {
    const renamed = Buffer.from(patients.toString('latin1').replace('data.frame', 'my.tracker'), 'latin1')
    const [found] = await detectBytes(renamed, 'neutral')
    expect(found).toMatchObject({ format: 'r-object', kind: 'unknown', detail: { classes: ['my.tracker'] } })
  })

  it('a vector whose length is negative stops the walk: an unknown R object, not a thrown RangeError', async () => {
    const negative = Buffer.from(patients)
    const realVector = negative.indexOf(Buffer.from([0, 0, 0, 14, 0, 0, 0, 6])) // REALSXP, 6 values
    negative[realVector + 4] = 0x80 // its length now -2147483642
    expect(summary(await detectBytes(negative, 'neutral'))).toEqual([':r-object/unknown'])
  })

  it('the ASCII format (saveRDS(ascii = TRUE)) is an unknown R object', async () => {
    const ascii = Buffer.from('A\n3\n263170\n197888\n5\nUTF-8\n238\n2\n1\n262153\n14\ncompact_intseq\n')
    expect(summary(await detectBytes(ascii, 'neutral'))).toEqual([':r-object/unknown'])
  })
})

describe('by name, fail closed, where the content says nothing', () => {
  const noise = Buffer.from(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) & 0xff))

  it.each(['export/flax_model.msgpack', 'models/net.caffemodel', 'fit.rds', 'workspace.RData', 'x.rda'])(
    '%s of unrecognised content is unknown',
    async (path) => {
      expect(await detectBytes(noise, path)).toEqual([
        expect.objectContaining({
          format: 'unknown',
          kind: 'unknown',
          detail: expect.objectContaining({ detectedBy: 'name' })
        })
      ])
    }
  )

  it('Darknet weights are known by their name and header; a binary .weights without it is unknown', async () => {
    expect(summary(await detectFixture('darknet/tiny.weights'))).toEqual([':darknet/weights'])
    expect(await detectFixture('darknet/tiny.weights', { path: 'neutral' })).toEqual([])
    expect(summary(await detectBytes(noise, 'yolo.weights'))).toEqual([':unknown/unknown'])
  })
})

describe('look-alikes stay quiet', () => {
  const mxnetHead = Buffer.alloc(40)
  mxnetHead.writeBigUInt64LE(0x112n, 0)
  mxnetHead.writeBigUInt64LE(7n, 8) // reserved is always 0

  it.each([
    ['clean/settings.msgpack', 'a msgpack map of settings (no arrays)'],
    ['clean/settings.ser', 'a Java HashMap of settings'],
    ['openvino/model.bin', 'the OpenVINO weights alone (raw floats)']
  ])('%s (%s)', async (name) => {
    expect(await detectFixture(name, { path: 'neutral' })).toEqual([])
  })

  it.each([
    ['a .weights text file', Buffer.from('layer1 0.5\nlayer2 0.25\n'), 'class.weights'],
    ['a 0x112 head whose reserved word is not 0', mxnetHead, 'neutral'],
    [
      'an XML document with a <net> root and no layers',
      Buffer.from('<?xml version="1.0"?>\n<net version="1"><host/></net>\n'),
      'neutral'
    ],
    [
      'a protobuf that is no NetParameter',
      Buffer.from([0x0a, 0x03, 0x61, 0x62, 0x63, 0x12, 0x02, 0x08, 0x01]),
      'neutral'
    ],
    ['text that starts with X and a newline', Buffer.from('X\nY\nZ\n'.repeat(20)), 'neutral'],
    ['a msgpack map whose keys are numbers', Buffer.from([0x81, 0x01, 0xc7, 0x03, 0x01, 0x93, 0x90, 0xa0]), 'neutral']
  ])('%s', async (_what, bytes, path) => {
    expect(await detectBytes(bytes, path)).toEqual([])
  })
})

describe('property: the readers never throw on random or changed input', () => {
  const heads = [
    '\xac\xed\x00\x05\x73\x72',
    'X\n\0\0\0\x03\0\x04\x02\x02\0\x03\x05\0\0\0\0\x05UTF-8',
    '\x81\xa6params\x82',
    '\x12\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0',
    '\x0a\x03net\xa2\x06',
    '\0\0\x06\x08\x01\x1a\x02\x08\x01',
    '<net version="11"><layers>'
  ].map((head) => Buffer.from(head, 'latin1'))
  const real = [
    zlib.gunzipSync(fixture('r/lm.rds')),
    zlib.gunzipSync(fixture('r/patients.rds')),
    fixture('java/ibk.model'),
    fixture('flax/checkpoint_100'),
    fixture('caffe/risk.caffemodel'),
    fixture('tf/ckpt-1.index'),
    fixture('darknet/tiny.weights')
  ]
  const kinds = ['weights', 'pickle', 'knn-index', 'data', 'unknown']
  const judged = async (bytes: Buffer, path: string): Promise<void> => {
    for (const found of await detect({ path, size: bytes.length, bytes }, none)) expect(kinds).toContain(found.kind)
  }

  it('random bytes behind each signature', async () => {
    const tail = fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a))
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...heads), tail, fc.constantFrom('x', 'y.weights'), async (head, rest, path) =>
        judged(Buffer.concat([head, rest]), path)
      ),
      { numRuns: 80 }
    )
  })

  it('real files with bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...real),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.nat(255),
        async (file, at, byte) => {
          const changed = Buffer.from(file)
          for (const i of at) changed[i % changed.length] = byte
          await judged(changed, 'm.weights')
        }
      ),
      { numRuns: 80 }
    )
  })
})
