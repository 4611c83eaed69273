// Test helpers: read fixtures next to the tests, run detection the way the engine does, and build
// zip/tar/gzip copies of a fixture in memory.
import { readFileSync } from 'node:fs'
import zlib from 'node:zlib'
import { crc32 } from '../../src/detect/bytes.js'
import { bytesWanted, detect, HEAD_BYTES, tailWanted, tailWantedAfter } from '../../src/detect/index.js'
import type { Detection, LfsAbsentRule } from '../../src/types.js'

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/models/${name}`, import.meta.url))
}

export interface RunOptions {
  /** Path the blob has in the repository (defaults to the fixture name). */
  path?: string
  include?: (path: string) => boolean
  /** How a Git LFS pointer whose object is absent is judged (the engine's default: by name). */
  lfsAbsent?: LfsAbsentRule
}

/** What the engine does: read the head, ask bytesWanted and tailWanted, hand over that prefix and tail. */
export async function detectBytes(content: Buffer, path: string, options: RunOptions = {}): Promise<Detection[]> {
  const size = content.length
  const head = content.subarray(0, HEAD_BYTES)
  const bytes = content.subarray(0, Math.max(bytesWanted(head, size, path), Math.min(HEAD_BYTES, size)))
  const first = tailWanted(head, size, bytes.length)
  const more = first > 0 ? tailWantedAfter({ path, size, bytes, tail: content.subarray(size - first) }) : 0
  const tail = Math.max(first, more) > 0 ? content.subarray(size - Math.max(first, more)) : undefined
  return detect(
    { path, size, bytes, tail },
    { includedByName: options.include ?? (() => false), lfsAbsent: options.lfsAbsent }
  )
}

export async function detectFixture(name: string, options: RunOptions = {}): Promise<Detection[]> {
  return detectBytes(fixture(name), options.path ?? name, options)
}

/** What `pickle.dumps([b'\0' * n], protocol=3)` writes for n >= 256 (byte-identical to CPython's). */
export function bytesListPickle(n: number): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32LE(n)
  const head = Buffer.from('\x80\x03]q\x00B', 'latin1')
  return Buffer.concat([head, length, Buffer.alloc(n), Buffer.from('q\x01a.', 'latin1')])
}

/** One-line summaries, easy to compare: `member:format/kind`. */
export function summary(found: Detection[]): string[] {
  return found.map((d) => `${d.member ?? ''}:${d.format}/${d.kind}`)
}

/** A minimal zip writer (deflate or stored), enough to wrap fixtures in tests. */
export function makeZip(members: Record<string, Buffer>, deflate = true): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of Object.entries(members)) {
    const packed = deflate ? zlib.deflateRawSync(data) : data
    const nameBytes = Buffer.from(name)
    const fields = (h: Buffer, at: number): void => {
      h.writeUInt16LE(deflate ? 8 : 0, at)
      h.writeUInt32LE(crc32(data), at + 6)
      h.writeUInt32LE(packed.length, at + 10)
      h.writeUInt32LE(data.length, at + 14)
      h.writeUInt16LE(nameBytes.length, at + 18)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    fields(local, 8)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    fields(central, 10)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, packed)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + packed.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(members).length, 8)
  end.writeUInt16LE(Object.keys(members).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** A minimal ustar writer. */
export function makeTar(members: Record<string, Buffer>): Buffer {
  const blocks: Buffer[] = []
  for (const [name, data] of Object.entries(members)) {
    const header = Buffer.alloc(512)
    header.write(name, 0, 100, 'utf8')
    header.write('0000644\0', 100)
    header.write('0000000\0', 108)
    header.write('0000000\0', 116)
    header.write(data.length.toString(8).padStart(11, '0') + '\0', 124)
    header.write('00000000000\0', 136)
    header.write('0', 156)
    header.write('ustar\u000000', 257, 'latin1')
    header.fill(0x20, 148, 156)
    let sum = 0
    for (const byte of header) sum += byte
    header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1')
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  return Buffer.concat([...blocks, Buffer.alloc(1024)])
}
