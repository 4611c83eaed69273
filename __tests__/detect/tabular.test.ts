// Models of tabular data and models compiled for a runtime (#10 §2): by content under any name,
// compressed and archived like the rest; look-alikes stay quiet.
import { describe, expect, it } from '@jest/globals'
import zlib from 'node:zlib'
import { detectBytes, detectFixture, fixture, makeZip } from './helpers.js'

const FORMATS: Array<[string, string, string]> = [
  ['tabular/xgboost.json', 'xgboost', 'weights'],
  ['tabular/xgboost.ubj', 'xgboost', 'weights'],
  ['tabular/xgboost.model', 'xgboost', 'weights'],
  ['tabular/xgboost_raw.bin', 'xgboost', 'weights'],
  ['tabular/xgboost_nobinf.bin', 'xgboost', 'weights'],
  ['tabular/lightgbm.txt', 'lightgbm', 'weights'],
  ['tabular/lightgbm_dataset.bin', 'lightgbm-dataset', 'data'],
  ['tabular/model.cbm', 'catboost', 'weights'],
  ['tabular/risk.pmml', 'pmml', 'weights'],
  ['tabular/neighbours.pmml', 'pmml', 'knn-index'],
  ['tabular/knn.skops', 'skops', 'knn-index'],
  ['runtimes/add.pte', 'executorch', 'weights'],
  ['runtimes/model.engine', 'tensorrt', 'weights'],
  ['runtimes/yolo.engine', 'tensorrt', 'weights'],
  ['runtimes/inference.pdiparams', 'paddle', 'weights'],
  ['runtimes/inference.pdmodel', 'paddle', 'weights']
]

describe.each(FORMATS)('%s → %s / %s', (name, format, kind) => {
  it('is recognised under its own name and under a neutral one', async () => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([expect.objectContaining({ member: null, format, kind })])
    }
  })

  it('is recognised gzip-compressed and inside a zip', async () => {
    const gz = await detectBytes(zlib.gzipSync(fixture(name)), 'x.gz')
    expect(gz).toEqual([expect.objectContaining({ format, kind })])
    const zip = await detectBytes(makeZip({ 'README.md': Buffer.from('# r\n'), 'm/x': fixture(name) }), 'r.zip')
    expect(zip).toEqual([expect.objectContaining({ member: 'm/x', format, kind })])
  })
})

describe('what they say about themselves', () => {
  it('XGBoost legacy binary names its objective and booster', async () => {
    const [found] = await detectFixture('tabular/xgboost.model')
    expect(found.detail).toEqual({ encoding: 'binary', objective: 'binary:logistic', booster: 'gbtree' })
  })

  it('LightGBM lists the feature names it was trained on', async () => {
    const [found] = await detectFixture('tabular/lightgbm.txt')
    expect(found.detail).toMatchObject({ version: 'v4', featureNames: ['age', 'bmi', 'ldl', 'hba1c'] })
  })

  it('skops names its estimator', async () => {
    const [found] = await detectFixture('tabular/knn.skops')
    expect(found.detail).toMatchObject({ topClass: 'sklearn.neighbors._classification.KNeighborsClassifier' })
  })
})

describe('look-alikes stay quiet', () => {
  it.each([
    ['an XGBoost training config (save_config): a learner without a model', 'clean/xgboost_config.json'],
    ['an XML that is not PMML, mentioning <PMML> in a comment', 'clean/pom.xml'],
    ['a JSON config', 'clean/data.json']
  ])('%s', async (_label, name) => {
    expect(await detectFixture(name)).toEqual([])
  })

  it.each([
    ['text that starts with "tree"', 'tree\nversion=1\nA poem about trees.\n'],
    ['JSON that mentions a learner', '{"learner": "sgd", "gradient_booster": "none"}'],
    ['an XML with another root', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    [
      '16 zero bytes then noise',
      Buffer.concat([Buffer.alloc(16), Buffer.from('\x05\x00\x00\x00hello world!!')]).toString('latin1')
    ]
  ])('%s', async (_label, text) => {
    expect(await detectBytes(Buffer.from(text, 'latin1'), 'neutral')).toEqual([])
  })

  it('a text file called x.plan is not a TensorRT engine; a binary one it cannot read is unknown', async () => {
    expect(await detectBytes(Buffer.from('Terraform will perform the following actions:\n'), 'infra/x.plan')).toEqual(
      []
    )
    expect(await detectBytes(fixture('clean/random.bin'), 'models/x.plan')).toEqual([
      expect.objectContaining({ kind: 'unknown', detail: expect.objectContaining({ namedLike: 'tensorrt' }) })
    ])
  })

  it.each(['.pdiparams', '.pdmodel', '.pte', '.cbm', '.skops', '.trt'])(
    'unrecognised content named *%s fails closed',
    async (ext) => {
      expect(await detectBytes(Buffer.from('not really'), `m/model${ext}`)).toEqual([
        expect.objectContaining({ kind: 'unknown', detail: expect.objectContaining({ detectedBy: 'name' }) })
      ])
    }
  )
})
