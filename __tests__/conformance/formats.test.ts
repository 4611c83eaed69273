// Red team, format side (docs/conformance.md): a real model changed so its loader still accepts it,
// or a stream a loader acts on before failing, must be reported under a neutral name; look-alikes stay quiet.
import { describe, expect, it } from '@jest/globals'
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
