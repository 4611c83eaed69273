// The non-executing pickle walker: protocols 0-5, globals, top-level class, memo, several pickles, text.
import { describe, expect, it } from '@jest/globals'
import { scanPickles, sniffPickle, unsafeImports } from '../../src/detect/pickle.js'
import { detect } from '../../src/detect/index.js'
import { detectBytes, detectFixture, fixture } from './helpers.js'

const PROTOCOLS = [0, 1, 2, 3, 4, 5]

describe('pickle protocols 0-5 (sklearn, written by CPython pickle)', () => {
  it.each(PROTOCOLS)('LogisticRegression, protocol %i: kind pickle with its class and globals', async (p) => {
    const [found] = await detectFixture(`lr_p${p}.pkl`)
    expect(found).toMatchObject({ format: 'pickle', kind: 'pickle' })
    expect(found.detail.topClass).toBe('sklearn.linear_model._logistic.LogisticRegression')
    expect(found.detail.globals).toEqual(expect.arrayContaining(['sklearn.linear_model._logistic.LogisticRegression']))
    expect(found.detail.protocol).toBe(p < 2 ? 0 : p)
  })

  it.each(PROTOCOLS)('KNeighborsClassifier, protocol %i: kind knn-index', async (p) => {
    const [found] = await detectFixture(`knn_p${p}.pkl`)
    expect(found).toMatchObject({ format: 'pickle', kind: 'knn-index' })
    expect(found.detail.topClass).toBe('sklearn.neighbors._classification.KNeighborsClassifier')
    expect(found.detail.globals).toEqual(expect.arrayContaining(['sklearn.neighbors._kd_tree.KDTree']))
  })

  it.each([
    ['nn_balltree_p4.pkl', 'sklearn.neighbors._unsupervised.NearestNeighbors'],
    ['radius_p3.pkl', 'sklearn.neighbors._regression.RadiusNeighborsRegressor'],
    ['lof_p4.pkl', 'sklearn.neighbors._lof.LocalOutlierFactor'],
    ['kdtree_p2.pkl', 'sklearn.neighbors._kd_tree.KDTree']
  ])('%s is a knn-index with topClass %s', async (name, topClass) => {
    expect(await detectFixture(name)).toEqual([
      expect.objectContaining({ kind: 'knn-index', detail: expect.objectContaining({ topClass }) })
    ])
  })

  it('a neighbour estimator wrapped in a dict still makes the pickle a knn-index', async () => {
    const [found] = await detectFixture('pipeline_knn_p4.pkl')
    expect(found).toMatchObject({ kind: 'knn-index', detail: { topClass: 'dict' } })
    expect(found.detail.neighbourClasses).toEqual(
      expect.arrayContaining(['sklearn.neighbors._classification.KNeighborsClassifier'])
    )
  })

  it.each(['dict_p0.pkl', 'dict_p1.pkl'])(
    '%s: a plain container pickle without PROTO is a pickle of kind data',
    async (name) => {
      expect(await detectFixture(name)).toEqual([
        expect.objectContaining({
          format: 'pickle',
          kind: 'data',
          detail: expect.objectContaining({ topClass: 'dict' })
        })
      ])
    }
  )
})

describe('unsafe imports are listed as information', () => {
  it('os.system (pickled as posix.system) is reported', async () => {
    const [found] = await detectFixture('unsafe_p2.pkl')
    expect(found.detail.unsafeImports).toEqual(['posix.system'])
  })

  it('classifies common dangerous globals', () => {
    const globals = [
      'builtins.eval',
      'builtins.dict',
      '__builtin__.getattr',
      'subprocess.Popen',
      'nt.system',
      'numpy.dtype',
      'runpy._run_code'
    ]
    expect(unsafeImports(globals)).toEqual([
      'builtins.eval',
      '__builtin__.getattr',
      'subprocess.Popen',
      'nt.system',
      'runpy._run_code'
    ])
  })

  it('a benign sklearn pickle has none', async () => {
    const [found] = await detectFixture('lr_p4.pkl')
    expect(found.detail.unsafeImports).toEqual([])
  })
})

describe('walker details', () => {
  it('STACK_GLOBAL resolves memoized strings through BINGET (not just the last two strings)', () => {
    // PROTO 4, "mod" MEMOIZE(0), "Cls" MEMOIZE(1), "other" POP, BINGET 0, BINGET 1, STACK_GLOBAL, EMPTY_TUPLE, NEWOBJ, STOP
    const str = (s: string): Buffer => Buffer.concat([Buffer.from([0x8c, s.length]), Buffer.from(s)])
    const bytes = Buffer.concat([
      Buffer.from([0x80, 4]),
      str('mod'),
      Buffer.from([0x94]),
      str('Cls'),
      Buffer.from([0x94]),
      str('other'),
      Buffer.from('0'),
      Buffer.from([0x68, 0, 0x68, 1, 0x93, 0x29, 0x81, 0x2e])
    ])
    const scan = scanPickles(bytes)
    expect(scan).toMatchObject({ valid: true, globals: ['mod.Cls'], topClass: 'mod.Cls', pickles: 1 })
  })

  it('walks several pickles in a row (legacy torch writes five)', async () => {
    const scan = scanPickles(fixture('legacy_state.pt'))
    expect(scan.pickles).toBe(5)
    expect(scan.globals).toEqual(expect.arrayContaining(['collections.OrderedDict', 'torch._utils._rebuild_tensor_v2']))
  })

  it('steps over joblib raw array bytes and walks to the end', () => {
    const scan = scanPickles(fixture('knn.joblib'))
    expect(scan).toMatchObject({
      valid: true,
      pickles: 1,
      stopped: undefined,
      topClass: 'sklearn.neighbors._classification.KNeighborsClassifier'
    })
  })

  it('a joblib array whose size the wrapper does not tell stops the walk, keeping what was seen', () => {
    const bytes = Buffer.from(fixture('knn.joblib'))
    const at = bytes.indexOf('i8', 0, 'latin1')
    bytes.write('x8', at, 'latin1') // a dtype code with no known item size
    expect(scanPickles(bytes)).toMatchObject({ valid: true, stopped: 'joblib-array' })
  })

  it.each([
    ['I1\\n.', 'I1\n.'],
    ['(see below)', '(see below)\nplease read lp0 carefully.\n'],
    ['cool stuff', 'cool stuff\nhere\n'],
    ['import line', 'import sys; sys.path.insert(0, "/x")\n'],
    ['csv', '1.0,2.0\n3,4\n'],
    ['(lp0 list', '(lp0\n.']
  ])('short ASCII text is not a protocol-0 pickle: %s', async (_label, text) => {
    expect(scanPickles(Buffer.from(text)).valid).toBe(false)
    expect(await detectBytes(Buffer.from(text), 'notes.txt')).toEqual([])
  })

  it('a protocol-0 pickle that builds objects is accepted', () => {
    const text = "ccollections\nOrderedDict\np0\n(tRp1\nS'k'\np2\nI1\ns."
    expect(scanPickles(Buffer.from(text))).toMatchObject({ valid: true, topClass: 'collections.OrderedDict' })
  })

  it('never throws on garbage, and bounds its work: at most one opcode per byte, never past the end', () => {
    for (let seed = 1; seed < 200; seed++) {
      const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => (seed * 7919 + i * i * 31) & 0xff))
      bytes[0] = 0x80
      bytes[1] = seed % 6
      const scan = scanPickles(bytes)
      expect(scan.ops).toBeLessThanOrEqual(bytes.length)
      expect(scan.end).toBeLessThanOrEqual(bytes.length)
      expect(scan.valid).toBe(false) // noise after a PROTO header builds nothing
    }
  })
})

describe('joblib', () => {
  it('plain joblib dump of a KNN is joblib / knn-index', async () => {
    expect(await detectFixture('knn.joblib')).toEqual([
      expect.objectContaining({ format: 'joblib', kind: 'knn-index' })
    ])
  })

  it.each([
    ['zlib', 'zlib'],
    ['gzip', 'gzip'],
    ['bz2', 'bzip2'],
    ['xz', 'xz']
  ])('joblib compress=%s is unwrapped and still a knn-index', async (method, packing) => {
    const [found] = await detectFixture(`knn_${method}.joblib`)
    expect(found).toMatchObject({ format: 'joblib', kind: 'knn-index', detail: { compression: [packing] } })
    expect(found.detail.topClass).toBe('sklearn.neighbors._classification.KNeighborsClassifier')
  })

  it('a gzip of a plain pickle is a pickle with its compression noted', async () => {
    expect(await detectFixture('lr_p4.pkl.gz')).toEqual([
      expect.objectContaining({
        format: 'pickle',
        kind: 'pickle',
        detail: expect.objectContaining({ compression: ['gzip'] })
      })
    ])
  })
})

describe('pickles inside NumPy files', () => {
  it('an object .npy carries a pickle (of data: dicts, None, str)', async () => {
    const [found] = await detectFixture('objects.npy')
    expect(found).toMatchObject({
      format: 'pickle',
      kind: 'data',
      detail: { container: 'npy', topClass: 'numpy.ndarray' }
    })
  })

  it('an .npz with an object array reports that member only', async () => {
    expect(await detectFixture('objects.npz')).toEqual([
      expect.objectContaining({ member: 'objs.npy', format: 'pickle' })
    ])
  })

  it('numeric .npy and .npz are data and stay quiet', async () => {
    expect(await detectFixture('clean/numbers.npy')).toEqual([])
    expect(await detectFixture('clean/numbers.npz')).toEqual([])
  })
})

const MiB = 1024 * 1024

/** `(payload, knn)` in protocol 4 as pickle.dump lays it out: a big BINBYTES8 before the estimator's frame. */
function bigBytesThenKnn(declared: number, payload = declared): Buffer {
  const head = Buffer.from('\x80\x04\x8e\0\0\0\0\0\0\0\0', 'latin1')
  head.writeBigUInt64LE(BigInt(declared), 3)
  const knn = fixture('knn_p4.pkl').subarray(2, -1) // its FRAME and opcodes, without PROTO and STOP
  return Buffer.concat([head, Buffer.alloc(payload, 0x5a), knn, Buffer.from('\x86.', 'latin1')])
}

/** `({'a': list(range(n))}, knn)` in protocol 0: a long text-opcode list before the estimator. */
function longListThenKnn(n: number): Buffer {
  const items = Array.from({ length: n }, (_, i) => `I${i}\na`).join('')
  const knn = fixture('knn_p0.pkl').subarray(0, -1) // without STOP
  return Buffer.concat([Buffer.from(`((dVa\n(l${items}s`, 'latin1'), knn, Buffer.from('t.')])
}

describe('pickles longer than what is read fail closed', () => {
  const uninspected = (read: number): object => ({
    member: null,
    format: 'pickle',
    kind: 'unknown',
    detail: expect.objectContaining({ reason: `pickle longer than the ${read} bytes read: not fully inspected` })
  })

  it('protocol 4: a 6 MiB bytes payload before the estimator is cut by the 4 MiB read', async () => {
    expect(await detectBytes(bigBytesThenKnn(6 * MiB), 'x.dat')).toEqual([uninspected(4 * MiB)])
  })

  it('protocol 0: a text pickle whose head parses is read like other pickles (4 MiB), and the estimator found', async () => {
    const found = await detectBytes(longListThenKnn(400_000), 'x.dat')
    expect(found).toEqual([expect.objectContaining({ format: 'pickle', kind: 'knn-index' })])
  })

  it('protocol 0: a text pickle longer than 4 MiB is cut by the read', async () => {
    expect(await detectBytes(longListThenKnn(1_000_000), 'x.dat')).toEqual([uninspected(4 * MiB)])
  })

  it('a declared length past the end of the blob is not a pickle', async () => {
    expect(await detectBytes(bigBytesThenKnn(64 * MiB, 6 * MiB), 'x.dat')).toEqual([])
  })

  it('a stream longer than the walker will go fails closed too (opcode limit)', () => {
    const bytes = Buffer.concat([Buffer.from([0x80, 4]), Buffer.from('(1'.repeat(1_100_000))])
    expect(sniffPickle({ path: 'x.dat', size: bytes.length, bytes })).toMatchObject({
      format: 'pickle',
      kind: 'unknown',
      detail: { reason: 'pickle walk stopped at its opcode limit: not fully inspected' }
    })
  })

  it('the JS-built streams are whole pickles (CPython loads them too) that walk to STOP', () => {
    for (const bytes of [bigBytesThenKnn(100), longListThenKnn(100)]) {
      const scan = scanPickles(bytes)
      expect([scan.valid, scan.pickles, scan.topClass]).toEqual([true, 1, 'tuple'])
    }
  })
})

describe('as tolerant as pickle.load (#10): judged by what the stream does', () => {
  it.each([
    ['tolerant/knn_p4_noproto.pkl', 'knn-index'],
    ['tolerant/knn_p2_noproto.pkl', 'knn-index'],
    ['tolerant/lr_p5_noproto.pkl', 'pickle']
  ])('%s: a real pickle without its PROTO (and FRAME) opcodes is still %s', async (name, kind) => {
    for (const path of [name, 'neutral']) {
      expect(await detectFixture(name, { path })).toEqual([expect.objectContaining({ format: 'pickle', kind })])
    }
  })

  it('five protocol-0 opcodes that import and call something are a pickle', async () => {
    expect(await detectFixture('tolerant/tiny_p0.pkl', { path: 'neutral' })).toEqual([
      expect.objectContaining({
        format: 'pickle',
        kind: 'pickle',
        detail: expect.objectContaining({ topClass: 'uuid.uuid4' })
      })
    ])
  })

  it('a GET of a key never PUT after a REDUCE: the loader has already called it, so it is reported', async () => {
    expect(await detectFixture('tolerant/memo_miss_p0.pkl', { path: 'neutral' })).toEqual([
      expect.objectContaining({ format: 'pickle', detail: expect.objectContaining({ globals: ['builtins.print'] }) })
    ])
  })

  it.each([
    ['a word', 'cat\ndog\n'],
    ['a copyright line', '(c) 2024 Example Corp\nAll rights reserved.\n'],
    ['code', 'import os\nos.system("ls")\n'],
    ['a list of ints', 'K\x05K\x06\x86.'],
    ['binary noise starting with a binary opcode', '\x8c\x03abc\x94\x8c\x03def\x94\x01\x02\x03']
  ])('%s stays quiet', async (_label, text) => {
    expect(await detectBytes(Buffer.from(text, 'latin1'), 'neutral')).toEqual([])
  })
})

describe('pickles of data are kind data (#11), a model anywhere inside keeps them a model', () => {
  it.each([
    ['data/frame_p4.pkl', 'pandas.core.frame.DataFrame'],
    ['data/series_p2.pkl', 'pandas.core.series.Series'],
    ['data/array_p5.pkl', null],
    ['data/ordered_p0.pkl', 'collections.OrderedDict'],
    ['data/arrays.joblib', 'dict']
  ])('%s is data', async (name, topClass) => {
    for (const path of [name, 'neutral']) {
      const [found] = await detectFixture(name, { path })
      expect(found).toMatchObject({ kind: 'data', format: name.endsWith('.joblib') ? 'joblib' : 'pickle' })
      if (topClass) expect(found.detail.topClass).toBe(topClass)
    }
  })

  it.each([
    ['lr_p4.pkl', 'pickle'],
    ['unsafe_p2.pkl', 'pickle'],
    ['pipeline_knn_p4.pkl', 'knn-index'],
    ['tolerant/objects_then_knn.joblib', 'knn-index']
  ])('%s (an estimator or an unknown class) stays %s', async (name, kind) => {
    expect(await detectFixture(name, { path: 'neutral' })).toEqual([expect.objectContaining({ kind })])
  })

  it('a cut pickle of containers is not called data: the rest is unseen', async () => {
    const whole = fixture('data/frame_p4.pkl')
    const found = await detect(
      { path: 'x', size: whole.length, bytes: whole.subarray(0, whole.length - 30) },
      { includedByName: () => false }
    )
    expect(found).toEqual([expect.objectContaining({ format: 'pickle', kind: 'unknown' })])
  })
})

describe('joblib: raw arrays are stepped over, so what follows them is seen', () => {
  it('a scaler then a KNN in a Pipeline is a knn-index with its records', async () => {
    const [found] = await detectFixture('tolerant/pipeline_knn.joblib', { path: 'neutral' })
    expect(found).toMatchObject({ format: 'joblib', kind: 'knn-index', detail: { records: 20, dimension: 5 } })
    expect(found.detail.walkStopped).toBeUndefined()
  })

  it('an object array (a nested pickle) before the model is walked too', async () => {
    const [found] = await detectFixture('tolerant/objects_then_knn.joblib')
    expect(found.detail.globals).toEqual(expect.arrayContaining(['sklearn.pipeline.Pipeline']))
    expect(found.detail).toMatchObject({ records: 20, dimension: 5 })
  })
})

describe('k-NN pickles say how many training records they keep (#10 §5)', () => {
  it.each([
    ...PROTOCOLS.map((p) => [`knn_p${p}.pkl`, 12, 3] as const),
    ['knn.joblib', 12, 3] as const,
    ['knn_xz.joblib', 12, 3] as const,
    ['kdtree_p2.pkl', 12, 3] as const,
    ['lof_p4.pkl', 12, 3] as const,
    ['corpus/knn_p5.pkl', 60, 8] as const,
    ['corpus/knn.joblib', 60, 8] as const
  ])('%s: records %i, dimension %i', async (name, records, dimension) => {
    const [found] = await detectFixture(name)
    expect(found.detail).toMatchObject({ records, dimension })
  })
})
