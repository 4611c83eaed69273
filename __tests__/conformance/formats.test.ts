// Red team, format side (docs/conformance.md): a real model changed so its loader still accepts it,
// or a stream a loader acts on before failing, must be reported under a neutral name; look-alikes stay quiet.
import { describe, expect, it } from '@jest/globals'
import { LIMITS } from '../../src/detect/index.js'
import { detectBytes, fixture } from '../detect/helpers.js'

const reported = (found: { kind: string }[]): boolean => found.some((d) => d.kind !== 'data')

describe('pickles a loader acts on before it fails', () => {
  it.each([
    ['text GLOBAL exec, MARK, a BINUNICODE whose length runs past the end', "cbuiltins\nexec\n(X>\nf = open('x')tRX."],
    ['protocol 2 GLOBAL os.system, then a cut argument', '\x80\x02cos\nsystem\nX\xff\xff\x00\x00echo'],
    [
      'protocol 4 STACK_GLOBAL subprocess.Popen, then an unknown opcode',
      '\x80\x04\x8c\nsubprocess\x8c\x05Popen\x93\xff'
    ]
  ])('%s is reported', async (_what, stream) => {
    const found = await detectBytes(Buffer.from(stream, 'latin1'), 'neutral')
    expect(found).toEqual([expect.objectContaining({ kind: 'unknown', format: 'pickle' })])
    expect(String(found[0].detail.reason)).toMatch(/imports .* then breaks off/)
  })

  it('text that parses as a GLOBAL of os and then stops making sense stays quiet', async () => {
    expect(await detectBytes(Buffer.from('cos\nsin\ntan\nand the rest of the trigonometry\n'), 'notes')).toEqual([])
  })
})

describe('safetensors whose header length lies', () => {
  const table = '{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}'
  const withLength = (length: bigint): Buffer => {
    const head = Buffer.alloc(8)
    head.writeBigUInt64LE(length)
    return Buffer.concat([head, Buffer.from(table), Buffer.alloc(24)])
  }

  it.each([
    ['past the end of the file', 1n << 20n],
    ['past the loader maximum', 1n << 40n],
    ['shorter than any header', 1n]
  ])('a length %s is an unknown safetensors finding', async (_what, length) => {
    expect(await detectBytes(withLength(length), 'neutral')).toEqual([
      expect.objectContaining({ format: 'safetensors', kind: 'unknown' })
    ])
  })

  it('a u64 followed by JSON that is no tensor table stays quiet', async () => {
    const head = Buffer.alloc(8)
    head.writeBigUInt64LE(1n << 40n)
    expect(await detectBytes(Buffer.concat([head, Buffer.from('{"name":"x","version":1}')]), 'neutral')).toEqual([])
  })

  it('the real fixture still reads as weights', async () => {
    expect(reported(await detectBytes(fixture('tiny_meta.safetensors'), 'neutral'))).toBe(true)
  })
})

describe('pickles around the read cap', () => {
  const cap = LIMITS.reads.pickle
  const binunicode8 = (length: number): Buffer => {
    const head = Buffer.from([0x8d, 0, 0, 0, 0, 0, 0, 0, 0])
    head.writeBigUInt64LE(BigInt(length), 1)
    return Buffer.concat([head, Buffer.alloc(length, 0x79)])
  }

  it.each([
    [
      'a string',
      (n: number) => Buffer.concat([Buffer.from('\x80\x04', 'latin1'), binunicode8(n - 12), Buffer.from('.')])
    ],
    [
      'a list of data',
      (n: number) => Buffer.concat([Buffer.from('\x80\x04]', 'latin1'), binunicode8(n - 14), Buffer.from('a.')])
    ]
  ])('%s ending exactly at the cap, then a k-NN model, is not passed as data', async (_what, dataPickle) => {
    const first = dataPickle(cap)
    expect(first.length).toBe(cap)
    // Padding after the model keeps the blob's tail (read besides the prefix) from reaching back to it.
    const padded = Buffer.concat([first, fixture('knn_p4.pkl'), Buffer.alloc(LIMITS.tailBytes)])
    const found = await detectBytes(padded, 'neutral')
    expect(found).toEqual([expect.objectContaining({ kind: 'unknown', format: 'pickle' })])
  })

  it('a protocol 0 pickle whose string literal is longer than 64 KiB is still walked to the model', async () => {
    const knn = fixture('knn_p0.pkl')
    const stream = Buffer.concat([
      Buffer.from(`(dp0\nVpad\np1\nV${'x'.repeat(100_000)}\np2\nsVmodel\np3\n`),
      knn.subarray(0, knn.length - 1),
      Buffer.from('s.')
    ])
    expect(await detectBytes(stream, 'neutral')).toEqual([expect.objectContaining({ kind: 'knn-index' })])
  })

  it('one longer than the pickle read is unknown, not quiet', async () => {
    const stream = Buffer.from(`(dp0\nVpad\np1\nV${'x'.repeat(cap + LIMITS.tailBytes + 10)}\np2\ns.`)
    expect(await detectBytes(stream, 'neutral')).toEqual([expect.objectContaining({ kind: 'unknown' })])
  })

  it('prose that starts like a text pickle stays quiet', async () => {
    const prose = `(defun area (r)\n  (* pi r r))\n${'; a comment line that goes on\n'.repeat(4000)}`
    expect(await detectBytes(Buffer.from(prose), 'notes')).toEqual([])
  })
})

describe('Git LFS pointers in every form the git-lfs client accepts', () => {
  const oid = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'
  const v1 = 'version https://git-lfs.github.com/spec/v1'

  it.each([
    ['CRLF line ends', `${v1}\r\noid sha256:${oid}\r\nsize 12345\r\n`],
    ['the alpha version URL', `version http://git-media.io/v/2\noid sha256:${oid}\nsize 12345\n`],
    ['the pre-release version URL', `version https://hawser.github.com/spec/v1\noid sha256:${oid}\nsize 12345\n`],
    ['leading blank lines and spaces', `\n  ${v1}\noid sha256:${oid}\nsize 12345\n`],
    ['no final newline', `${v1}\noid sha256:${oid}\nsize 12345`],
    ['blank lines between keys', `${v1}\n\noid sha256:${oid}\n\nsize 12345\n\n`],
    ['an extension line', `${v1}\next-0-Foo_bar sha256:${oid}\noid sha256:${oid}\nsize 12345\n`],
    ['a size with a plus sign', `${v1}\noid sha256:${oid}\nsize +12345\n`],
    ['trailing whitespace', `${v1}\noid sha256:${oid}\nsize 12345\n   \n`]
  ])('a pointer with %s is an LFS finding under a neutral name', async (_what, text) => {
    expect(await detectBytes(Buffer.from(text), 'weights')).toEqual([
      expect.objectContaining({ format: 'lfs-pointer', kind: 'unknown' })
    ])
  })

  it.each([
    ['an unknown key after size', `${v1}\noid sha256:${oid}\nsize 12345\nfoo bar\n`],
    ['keys out of order', `${v1}\nsize 12345\noid sha256:${oid}\n`],
    ['an upper-case oid', `${v1}\noid sha256:${oid.toUpperCase()}\nsize 12345\n`],
    ['another version URL', `version https://example.invalid/spec/v1\noid sha256:${oid}\nsize 12345\n`]
  ])('text the client refuses as a pointer (%s) is judged as text: quiet', async (_what, text) => {
    expect(await detectBytes(Buffer.from(text), 'weights')).toEqual([])
  })
})
