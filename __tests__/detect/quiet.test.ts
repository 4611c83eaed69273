// What must stay quiet: data, code, documents and archives without models.
import { describe, expect, it } from '@jest/globals'
import zlib from 'node:zlib'
import { detectBytes, detectFixture } from './helpers.js'

/** Deterministic noise (an LCG) starting with `head`. */
function noise(length: number, head: number[]): Buffer {
  const bytes = Buffer.alloc(length)
  let x = 12345
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0
    bytes[i] = x >>> 24
  }
  bytes.set(head)
  return bytes
}

describe('must stay quiet', () => {
  it.each([
    'clean/site.pth',
    'clean/notebook.ipynb',
    'clean/app.log.gz',
    'clean/random.bin',
    'clean/short.txt',
    'clean/notes.txt',
    'clean/data.json',
    'clean/photo.jpg',
    'clean/app.sqlite',
    'clean/measurements.h5',
    'clean/numbers.npy',
    'clean/numbers.npz',
    'clean/source.zip',
    'clean/source.tar.gz',
    'clean/row.mat',
    'clean/matrix.mat',
    'clean/settings.msgpack',
    'clean/settings.ser',
    'corpus/cells.h5ad',
    'corpus/site_hook.pth',
    'corpus/train.py',
    'corpus/results.csv',
    'corpus/firmware.bin',
    'corpus/source.zip',
    'corpus/paper.pdf',
    'corpus/pixel.png'
  ])('%s', async (name) => {
    expect(await detectFixture(name)).toEqual([])
  })

  it.each([
    ['an empty file', Buffer.alloc(0), 'empty.bin'],
    ['a .pth path-config file', Buffer.from('../lib\nimport site\n'), 'env/easy-install.pth'],
    [
      'source that mentions torch.save and pickle.dumps',
      Buffer.from('import torch, pickle\ntorch.save(m, "m.pt")\npickle.dumps(x)\n'),
      'train.py'
    ],
    ['a big gzipped log', zlib.gzipSync(Buffer.from('GET /index.html 200\n'.repeat(50_000))), 'access.log.gz'],
    ['JSON that starts with {', Buffer.from('{"a": 1, "b": [1, 2, 3]}'), 'data.bin'],
    ['text starting with x^ (looks like a zlib header)', Buffer.from('x^2 + y^2 = r^2\n'), 'math.txt'],
    [
      'another protobuf that starts like a SavedModel',
      Buffer.from([0x08, 0x01, 0x12, 0x0a, 0x0a, 0x03, 0x61, 0x62, 0x63, 0x12, 0x03, 0x64, 0x65, 0x66]),
      'msg.pb'
    ],
    [
      'long text that starts like a protocol-0 pickle',
      Buffer.from('(see below)\n' + 'please read lp0 carefully.\n'.repeat(10_000)),
      'notes.txt'
    ],
    ['long text of INT lines (parses, builds nothing)', Buffer.from('I1\n'.repeat(30_000)), 'ones.txt'],
    ['5 MiB of noise behind a PROTO 4 header', noise(5 * 1024 * 1024, [0x80, 0x04]), 'blob.dat']
  ])('%s', async (_label, bytes, path) => {
    expect(await detectBytes(bytes, path)).toEqual([])
  })
})
