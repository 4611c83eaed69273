// PyTorch: torch.save zip (`pytorch`), TorchScript zip (`torchscript`), and the legacy formats
// (`pytorch-legacy`): stacked pickles opened by the magic number, and the pre-0.4 tar layout.
import { looksLikeText } from './bytes.js'
import { classOf, pickleDetail, pickleKind, scanBlob, scanPickles } from './pickle.js'
import type { Archive, ArchiveEntry, BlobPrefix, Sniffed } from './sniff.js'
import { LIMITS } from './limits.js'

// torch.serialization MAGIC_NUMBER, written as the first pickle of a legacy file.
const LEGACY_MAGIC = BigInt('0x1950a86a20f9469cfc6c').toString()

export function sniffTorchLegacy(blob: BlobPrefix): Sniffed | null {
  const scan = scanBlob(blob)
  const first = scan?.tops[0]
  if (!scan || first?.t !== 'int' || first.v !== LEGACY_MAGIC) return null
  const second = scan.tops[1]
  const detail: Record<string, unknown> = { ...pickleDetail(scan), layout: 'stacked-pickles' }
  detail.protocolVersion = second?.t === 'int' ? Number(second.v) : null
  detail.topClass = classOf(scan.tops[3]) // magic, protocol version, sys_info, then the saved object
  return { format: 'pytorch-legacy', kind: 'weights', detail }
}

/** The folder holding data.pkl (`archive/`, or the file stem torch used); null when there is none. */
function rootOf(entries: ArchiveEntry[]): string | null {
  const data = entries.find((e) => /(^|\/)data\.pkl$/.test(e.name) && e.name.split('/').length <= 2)
  if (data) return data.name.slice(0, data.name.length - 'data.pkl'.length)
  const model = entries.find((e) => /(^|\/)model\.json$/.test(e.name) && e.name.split('/').length <= 2)
  return model && entries.some((e) => e.name.endsWith('attributes.pkl'))
    ? model.name.slice(0, -'model.json'.length)
    : null
}

export async function sniffTorchArchive(archive: Archive): Promise<Sniffed | null> {
  if (archive.type === 'tar') return sniffLegacyTar(archive)
  if (archive.type !== 'zip') return null // a 7z or rar of a checkpoint's files: each member is judged
  const root = rootOf(archive.entries)
  if (root === null) return null
  const names = new Set(archive.entries.map((e) => e.name.slice(root.length)))
  const scripted =
    names.has('constants.pkl') || names.has('model.json') || [...names].some((n) => n.startsWith('code/'))
  const marked = scripted || ['byteorder', 'version', '.format_version', '.data/version'].some((n) => names.has(n))
  if (!marked && ![...names].some((n) => n.startsWith('data/'))) return null
  const detail: Record<string, unknown> = { storageCount: [...names].filter((n) => /^data\/\d+$/.test(n)).length }
  Object.assign(detail, await dataPickle(archive, root))
  if (scripted) detail.metadata = await extraFiles(archive, root)
  if (archive.truncated) detail.partialListing = archive.truncated
  const kind = detail.kind === 'knn-index' ? 'knn-index' : 'weights'
  delete detail.kind
  return { format: scripted ? 'torchscript' : 'pytorch', kind, detail }
}

async function dataPickle(archive: Archive, root: string): Promise<Record<string, unknown>> {
  const entry = archive.entries.find((e) => e.name === `${root}data.pkl`)
  if (!entry || entry.unreadable) return {}
  const bytes = await archive.read(entry, LIMITS.reads.pickle)
  const scan = scanPickles(bytes, 0, bytes.length < entry.size)
  return scan.valid ? { ...pickleDetail(scan), kind: pickleKind(scan) } : { dataPkl: 'not a valid pickle' }
}

/** TorchScript `_extra_files` land in extra/: small text ones are the model's own metadata. */
async function extraFiles(archive: Archive, root: string): Promise<Record<string, string>> {
  const metadata: Record<string, string> = {}
  const { files, maxSize, bytes: read } = LIMITS.reads.torchExtraFiles
  const extras = archive.entries.filter((e) => e.name.startsWith(`${root}extra/`) && !e.unreadable && e.size <= maxSize)
  for (const entry of extras.slice(0, files)) {
    const bytes = await archive.read(entry, read)
    if (looksLikeText(bytes)) metadata[entry.name.slice(root.length)] = bytes.toString('utf8')
  }
  return metadata
}

const LEGACY_TAR_MEMBERS = ['sys_info', 'pickle', 'storages', 'tensors']

function sniffLegacyTar(archive: Archive): Sniffed | null {
  const names = new Set(archive.entries.map((e) => e.name))
  if (!LEGACY_TAR_MEMBERS.every((n) => names.has(n))) return null
  return { format: 'pytorch-legacy', kind: 'weights', detail: { layout: 'tar', members: LEGACY_TAR_MEMBERS } }
}
