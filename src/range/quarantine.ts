// What a push brings that no pushed ref reaches. receive-pack keeps a push's objects in a
// quarantine directory while pre-receive runs and, once the hook accepts, moves ALL of them into
// the repository, where any of them can be fetched by id: not only what the refs reach. So every
// blob in the quarantine that the range does not name, and that the repository did not already
// hold (a thin pack's bases, objects a client re-sent), is judged too.
import { join } from 'node:path'
import type { LeavingBlob } from '../types.js'
import type { GitRepository } from './git.js'
import { listLeavingObjects, type LeavingSet, type OnIntroduced } from './leaving.js'

/**
 * Where receive-pack keeps the pushed objects while pre-receive runs, as it tells the hook:
 * `GIT_QUARANTINE_PATH` (git 2.13 and later), else the object directory it points git at (git
 * 2.11 and 2.12, and hosting layers that pass a hook only that one). null outside a push.
 * Should the object directory be the repository's own, every object is listed and none is new:
 * slower, never wrong.
 */
export function quarantinePath(env: NodeJS.ProcessEnv): string | null {
  return env.GIT_QUARANTINE_PATH || env.GIT_OBJECT_DIRECTORY || null
}

/** What the range sends, then every other blob the quarantine holds that the repository did not. */
export async function receivedObjects(
  git: GitRepository,
  revisions: string[],
  quarantine: string,
  onIntroduced?: OnIntroduced
): Promise<LeavingSet> {
  const leaving = await listLeavingObjects(git, revisions, onIntroduced)
  const named = new Set(leaving.blobs.map((blob) => blob.id))
  const others = await quarantineBlobs(git, quarantine, named)
  const brought = others.length > 0 ? await notStoredBefore(git, others) : []
  return { ...leaving, blobs: [...leaving.blobs, ...brought.map(unreachedBlob)] }
}

/** A blob no pushed ref reaches: no path, no commit. */
function unreachedBlob(id: string): LeavingBlob {
  return { id, path: '', commit: '', size: -1, unreached: true }
}

/**
 * The blobs in the quarantine alone (no alternates: the repository's own store is one), minus
 * `named`. Streamed in pack order (`--unordered`, no sort of the whole pack); only ids not named
 * are kept.
 */
async function quarantineBlobs(git: GitRepository, quarantine: string, named: Set<string>): Promise<string[]> {
  const others: string[] = []
  const lines = new LineSplitter((line) => {
    const id = line.startsWith('blob ') ? line.slice(5) : ''
    if (id !== '' && !named.has(id)) others.push(id)
  })
  const args = ['cat-file', '--batch-all-objects', '--unordered', '--batch-check=%(objecttype) %(objectname)']
  const env = { GIT_OBJECT_DIRECTORY: quarantine, GIT_ALTERNATE_OBJECT_DIRECTORIES: '' }
  await git.stream(args, (chunk) => lines.write(chunk), { env }).done
  lines.end()
  return others
}

/**
 * Those of `ids` the repository lacked before the push: its own object directory instead of the
 * quarantine, with its alternates and those git passes the hook (which name that directory too).
 */
async function notStoredBefore(git: GitRepository, ids: string[]): Promise<string[]> {
  const gitDir = (await git.run(['rev-parse', '--absolute-git-dir'])).stdout.trim()
  const { stdout } = await git.run(['cat-file', '--batch-check=%(objectname)'], {
    input: `${ids.join('\n')}\n`,
    env: { GIT_OBJECT_DIRECTORY: join(gitDir, 'objects') }
  })
  const missing = ' missing'
  return stdout
    .split('\n')
    .filter((line) => line.endsWith(missing))
    .map((line) => line.slice(0, -missing.length))
}

/** Hands over whole lines of a stream of chunks. */
class LineSplitter {
  private rest = ''

  constructor(private readonly onLine: (line: string) => void) {}

  write(chunk: Buffer): void {
    const lines = (this.rest + chunk.toString('latin1')).split('\n')
    this.rest = lines.pop() ?? ''
    for (const line of lines) this.onLine(line)
  }

  end(): void {
    if (this.rest !== '') this.onLine(this.rest)
    this.rest = ''
  }
}
