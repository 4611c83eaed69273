// Builds the throwaway repository that `npm start` scans: a registry with a restricted and a
// public dataset, a model trained on each, and a k-NN index of patient embeddings.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

export const DEMO_REGISTRY = `version: 1
labels:
  - { name: public }
  - { name: internal }
  - { name: confidential, block: true }
  - { name: restricted, block: true }
datasets:
  - { id: ukbb, label: restricted, aliases: [uk-biobank], paths: ["data/ukbb/**"] }
  - { id: cifar10, label: public }
models:
  - { path: "models/risk/**", trained_on: [ukbb] }
  - { path: "models/vision/**", trained_on: [cifar10] }
  - { path: "indexes/**", trained_on: [ukbb] }
policy:
  unknown_provenance: block
`

/** A spec-exact safetensors file: u64 header length, JSON header space-padded to 8 bytes, tensor bytes. */
export function safetensorsBytes(metadata: Record<string, string>, values: number[]): Buffer {
  const data = Buffer.from(new Float32Array(values).buffer)
  const json = Buffer.from(
    JSON.stringify({
      __metadata__: metadata,
      weight: { dtype: 'F32', shape: [values.length], data_offsets: [0, data.length] }
    })
  )
  const header = Buffer.concat([json, Buffer.alloc((8 - (json.length % 8)) % 8, ' ')])
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([length, header, data])
}

/** A FAISS IndexFlatL2 as faiss.write_index writes it: fourcc, header, then every vector verbatim. */
export function faissFlatBytes(vectors: number[][]): Buffer {
  const dimension = vectors[0].length
  const header = Buffer.alloc(4 + 4 + 8 + 8 + 8 + 1 + 4)
  header.write('IxF2', 0, 'latin1')
  header.writeInt32LE(dimension, 4)
  header.writeBigInt64LE(BigInt(vectors.length), 8)
  header.writeBigInt64LE(1n << 20n, 16)
  header.writeBigInt64LE(1n << 20n, 24)
  header.writeUInt8(1, 32)
  header.writeInt32LE(1, 33) // METRIC_L2
  const count = Buffer.alloc(8)
  count.writeBigUInt64LE(BigInt(vectors.length * dimension))
  return Buffer.concat([header, count, Buffer.from(new Float32Array(vectors.flat()).buffer)])
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, ...DEMO_IDENTITY } })
}

const DEMO_IDENTITY = {
  GIT_AUTHOR_NAME: 'Demo',
  GIT_AUTHOR_EMAIL: 'demo@example.invalid',
  GIT_COMMITTER_NAME: 'Demo',
  GIT_COMMITTER_EMAIL: 'demo@example.invalid'
}

function write(root: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, path)), { recursive: true })
  writeFileSync(join(root, path), content)
}

/** Returns the path of a clone whose branch has unpushed commits adding the three artifacts. */
export function buildDemoRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'model-leak-guard-demo-'))
  const remote = join(root, 'origin.git')
  const work = join(root, 'work')
  execFileSync('git', ['init', '-q', '--bare', remote])
  execFileSync('git', ['init', '-q', '-b', 'main', work])
  write(work, '.model-registry.yml', DEMO_REGISTRY)
  write(work, 'README.md', '# demo project\n')
  git(work, 'add', '-A')
  git(work, 'commit', '-q', '-m', 'Add the model registry')
  git(work, 'remote', 'add', 'origin', remote)
  git(work, 'push', '-q', 'origin', 'main')
  write(work, 'models/risk/model.safetensors', safetensorsBytes({ format: 'pt' }, [0.1, 0.2, 0.3, 0.4]))
  write(work, 'models/vision/model.safetensors', safetensorsBytes({ format: 'pt' }, [1, 2, 3, 4]))
  write(
    work,
    'indexes/patients.faiss',
    faissFlatBytes([
      [0.5, 1.5, 2.5, 3.5],
      [4.5, 5.5, 6.5, 7.5]
    ])
  )
  git(work, 'add', '-A')
  git(work, 'commit', '-q', '-m', 'Add trained models and the patient embedding index')
  return work
}
