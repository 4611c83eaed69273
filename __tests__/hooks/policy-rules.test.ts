// Each policy rule of #11 through the hooks as users run them: real `git push` through the
// installed pre-push hook to local bare remotes, and a bare server whose pre-receive hook runs the
// built CLI. The registry the push is judged by is the destination's, never the pusher's.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DATA_PICKLE, knnIndex, policyRegistry, waiverLine } from '../helpers/policy.js'
import { cleanup, cli, tempDir, TestRepo } from '../helpers/repo.js'
import { BUILD_TIMEOUT, builtCli, gitMayFail, hookEnv, modelBytes, originAndClone, refId } from './helpers.js'

let root: string
let cliPath: string
let count = 0

beforeAll(() => {
  root = tempDir('mlg-policy-rules-')
  cliPath = builtCli()
}, BUILD_TIMEOUT)

afterAll(() => cleanup(root))

const INDEX = (): Buffer => knnIndex(count)

/** A bare origin (HEAD main) holding `registry` on main, and a clone with the pre-push hook installed. */
async function prePushProject(registry = policyRegistry()): Promise<{ origin: TestRepo; work: TestRepo }> {
  const { origin, work } = originAndClone(join(root, `pp${++count}`), registry)
  const installed = await cli(work.dir, ['install-hook', '--command', `node ${cliPath}`])
  expect(installed.code).toBe(0)
  return { origin, work }
}

function push(work: TestRepo, ...args: string[]): { code: number; output: string } {
  return gitMayFail(work.dir, ['push', ...args])
}

describe('pre-push: one trusted registry, the destination default branch as last fetched', () => {
  it('ignores an uncommitted relabel in the working tree', async () => {
    const { origin, work } = await prePushProject()
    const before = refId(origin, 'main')
    work.write('models/risk/model.safetensors', modelBytes()).commit('Add the risk model')
    work.write(
      '.model-registry.yml',
      policyRegistry().replace('{ id: ukbb, label: restricted', '{ id: ukbb, label: public')
    )
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain('model-leak-guard: judged by refs/remotes/origin/main:.model-registry.yml')
    expect(pushed.output).toContain('trained on ukbb (restricted)')
    expect(refId(origin, 'main')).toBe(before)
  })

  it('validates a registry edit the push brings, reports it as taking effect once it lands, and fails on all its errors', async () => {
    const { work } = await prePushProject()
    work.write(
      '.model-registry.yml',
      policyRegistry().replace('{ id: ukbb, label: restricted', '{ id: ukbb, label: public')
    )
    work.write('models/risk/model.safetensors', modelBytes()).commit('Relabel and add')
    const relabelled = push(work, 'origin', 'main')
    expect(relabelled.code).not.toBe(0)
    expect(relabelled.output).toContain(
      'model-leak-guard: refs/heads/main changes .model-registry.yml or its baseline: that takes effect once it is on origin/main, not for this push'
    )
    expect(relabelled.output).toContain('trained on ukbb (restricted)')
    work
      .write('.model-registry.yml', policyRegistry().replace('label: public }', 'label: publik }'))
      .write('.model-baseline.yml', 'version: 1\nrecorded: 2025-13-01\nartifacts: []\n')
      .commit('Typos in both files')
    const broken = push(work, 'origin', 'main')
    expect(broken.code).not.toBe(0)
    expect(broken.output).toMatch(
      /refs\/heads\/main:\.model-registry\.yml:9:\d+ datasets\[1\]\.label: "publik" is not a declared label .*\(did you mean "public"\?\)\nrefs\/heads\/main:\.model-baseline\.yml:2:11 recorded: expected a date/
    )
  })

  it('a repository with no trusted registry yet is judged by the one the push brings, and says so', async () => {
    const dir = join(root, `fresh${++count}`)
    const origin = TestRepo.bare(join(dir, 'origin.git'))
    const work = TestRepo.init(join(dir, 'work'))
    work.git('remote', 'add', 'origin', origin.dir)
    expect((await cli(work.dir, ['install-hook', '--command', `node ${cliPath}`])).code).toBe(0)
    work
      .write('.model-registry.yml', policyRegistry())
      .write('models/vision/m.safetensors', modelBytes())
      .commit('Start')
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).toBe(0)
    expect(pushed.output).toContain(
      `judged by refs/heads/main:.model-registry.yml, as ${origin.dir} has no .model-registry.yml yet` // asked: it is empty
    )
  })

  it('--registry FILE stays for explicit local use', async () => {
    const { work } = await prePushProject()
    const head = work.write('models/vision/m.safetensors', modelBytes()).commit('Add')
    const local = join(root, `local-registry${count}.yml`)
    writeFileSync(
      local,
      policyRegistry().replace('{ id: cifar10, label: public }', '{ id: cifar10, label: restricted }')
    )
    const refLine = `refs/heads/main ${head} refs/heads/main ${refId(work, 'refs/remotes/origin/main')}\n`
    const result = await cli(work.dir, ['pre-push', '--registry', local, 'origin', join(root, 'unused.git')], refLine)
    expect(result.stderr).toContain(`judged by ${local} (--registry)`)
    expect(result.code).toBe(1)
  })
})

describe('pre-push: kinds, data, differential privacy', () => {
  it('a label that blocks only memorizing kinds stops a k-NN index and lets a classifier of the same data go', async () => {
    const { work } = await prePushProject()
    work.write('models/support/classifier.safetensors', modelBytes()).commit('Add the classifier')
    expect(push(work, 'origin', 'main').code).toBe(0)
    work.write('indexes/support/tickets.faiss', INDEX()).commit('Add the ticket index')
    const index = push(work, 'origin', 'main')
    expect(index.code).not.toBe(0)
    expect(index.output).toContain(
      'why: trained on tickets (internal): internal blocks knn-index, and a k-NN or vector index stores its training records verbatim'
    )
  })

  it('a data pickle warns (policy.data_pickles) and the push goes ahead', async () => {
    const { origin, work } = await prePushProject()
    const head = work.write('features/frame.pkl', DATA_PICKLE).commit('Add features')
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).toBe(0)
    expect(pushed.output).toMatch(/WARN {2}features\/frame\.pkl {2}\[pickle, data\]/)
    expect(pushed.output).toContain('(policy.data_pickles: warn)')
    expect(refId(origin, 'main')).toBe(head)
  })

  it('a file under a restricted dataset path is blocked (policy.dataset_files)', async () => {
    const { work } = await prePushProject()
    work.write('data/ukbb/records.csv', 'eid,age\n1000001,54\n').commit('Add the records')
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain('BLOCK data/ukbb/records.csv  [dataset-file, data]')
    expect(pushed.output).toContain('why: a file of ukbb (restricted) itself, under its paths (data/ukbb/**)')
    expect(pushed.output).toContain('(policy.dataset_files: block)')
  })

  it('DP under the bound passes, over it blocks, and on a k-NN index blocks whatever epsilon', async () => {
    const { work } = await prePushProject()
    work.write('models/dp-low/m.safetensors', modelBytes()).commit('DP at epsilon 1')
    const low = push(work, 'origin', 'main')
    expect(low.code).toBe(0)
    expect(low.output).toContain(
      "trained with differential privacy (dp-sgd, ε=1, δ=0.00001, from registry), within confidential's dp_max_epsilon 3"
    )
    work.write('models/dp-high/m.safetensors', modelBytes()).commit('DP at epsilon 8')
    const high = push(work, 'origin', 'main')
    expect(high.code).not.toBe(0)
    expect(high.output).toContain("is above confidential's dp_max_epsilon 3")
    work.git('reset', '-q', '--hard', 'HEAD~1')
    work.write('indexes/dp/crm.faiss', INDEX()).commit('A DP-trained index is still an index')
    const index = push(work, 'origin', 'main')
    expect(index.code).not.toBe(0)
    expect(index.output).toContain('does not count for knn-index')
  })
})

describe('pre-push: waivers, read only from the trusted registry', () => {
  /** Puts a waiver for `bytes` on origin's main, then commits the model locally. */
  async function waived(expires: string, waivedBytes: Buffer, modelBytesToPush = waivedBytes) {
    const project = await prePushProject(policyRegistry(`waivers:\n${waiverLine(waivedBytes, expires)}`))
    project.work.write('models/risk/model.safetensors', modelBytesToPush).commit('Add the risk model')
    return project
  }

  it('a valid waiver lets the blob through, saying who approved it and until when', async () => {
    const bytes = modelBytes()
    const { work } = await waived('2999-01-01', bytes)
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).toBe(0)
    expect(pushed.output).toContain('why: waived until 2999-01-01 (approved by alice: shared with the auditors)')
  })

  it('an expired waiver blocks with the date', async () => {
    const bytes = modelBytes()
    const { work } = await waived('2020-01-01', bytes)
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain('why: waiver expired on 2020-01-01 (approved by alice: shared with the auditors)')
  })

  it('a waiver for other bytes does not count, and is reported as stale', async () => {
    const { work } = await waived('2999-01-01', modelBytes(), modelBytes())
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain('trained on ukbb (restricted)')
    expect(pushed.output).toMatch(
      /note: stale waiver: waivers\[0\] \(blob [0-9a-f]{12}, expires 2999-01-01\) matches no artifact in this scan/
    )
  })

  it('a waiver added in the same push is ignored', async () => {
    const { work } = await prePushProject()
    const bytes = modelBytes()
    const waiver = `waivers:\n${waiverLine(bytes, '2999-01-01', 'me', 'trust me')}`
    work.write('.model-registry.yml', policyRegistry(waiver)).write('models/risk/model.safetensors', bytes)
    work.commit('Add a model and waive it')
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain(
      'changes .model-registry.yml or its baseline: that takes effect once it is on origin/main'
    )
    expect(pushed.output).not.toContain('waived until')
  })
})

describe('pre-push: destinations, warn mode, baseline, advice', () => {
  it('advice: rewrite the unpushed commits; the registry named by file and branch, never by an object id', async () => {
    const { work } = await prePushProject()
    const head = work.write('models/unknown/m.safetensors', modelBytes()).commit('An unlabelled model')
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain(
      'fix: declare its training data in .model-registry.yml on origin/main (models: - { path: "models/unknown/m.safetensors"'
    )
    expect(pushed.output).toContain(
      "fix: drop it from the unpushed commits: git rm --cached -- 'models/unknown/m.safetensors' and amend"
    )
    expect(pushed.output).toContain(`git rebase -i ${head.slice(0, 12)}~1`)
    expect(pushed.output).not.toContain('already pushed')
    expect(pushed.output).not.toMatch(/[0-9a-f]{12,}:\.model-registry\.yml/)
  })

  it('a restricted model may go to the internal mirror its label allows, not to another repository', async () => {
    const { work } = await prePushProject()
    const mirror = TestRepo.bare(join(root, `pp${count}`, 'internal-mirror.git'))
    const elsewhere = TestRepo.bare(join(root, `pp${count}`, 'public.git'))
    work.git('remote', 'add', 'mirror', mirror.dir)
    work.git('remote', 'add', 'elsewhere', elsewhere.dir)
    work.git('push', '-q', '--no-verify', 'mirror', 'main')
    work.git('push', '-q', '--no-verify', 'elsewhere', 'main')
    work.write('models/risk/model.safetensors', modelBytes()).commit('Add the risk model')
    const toMirror = push(work, 'mirror', 'main')
    expect(toMirror.code).toBe(0)
    expect(toMirror.output).toContain(`which may go to ${mirror.dir} (allowed_destinations: /**/internal-mirror.git)`)
    const toElsewhere = push(work, 'elsewhere', 'main')
    expect(toElsewhere.code).not.toBe(0)
    expect(toElsewhere.output).toContain(`restricted may go only to /**/internal-mirror.git, not to ${elsewhere.dir}`)
  })

  it('policy.mode: warn reports the block and lets the push through (exit 0)', async () => {
    const { origin, work } = await prePushProject(policyRegistry('policy: { mode: warn }\n'))
    const head = work.write('models/risk/model.safetensors', modelBytes()).commit('Add the risk model')
    const pushed = push(work, 'origin', 'main')
    expect(pushed.code).toBe(0)
    expect(pushed.output).toContain('BLOCK models/risk/model.safetensors')
    expect(pushed.output).toContain('policy.mode is warn: the push goes ahead')
    expect(refId(origin, 'main')).toBe(head)
  })

  it('baseline: old artifacts pass where the baseline is trusted, a new one blocks', async () => {
    const { work } = await prePushProject()
    work.write('models/risk/old.safetensors', modelBytes()).commit('An old model, from before the gate')
    work.git('push', '-q', '--no-verify', 'origin', 'main')
    const recorded = await cli(work.dir, ['baseline'])
    expect(recorded.code).toBe(0)
    expect(recorded.stdout).toMatch(/^recorded 1 artifact \(1 of them would block today\) in .*\.model-baseline\.yml$/m)
    work.commit('Record the baseline')
    work.git('push', '-q', 'origin', 'main')
    const audit = await cli(work.dir, ['scan', '--all'])
    expect(audit.code).toBe(0)
    expect(audit.stdout).toContain('why: in the baseline .model-baseline.yml (recorded ')
    // A new mirror gets the whole history: the old model passes by the baseline, a new one blocks.
    const mirror = TestRepo.bare(join(root, `pp${count}`, 'mirror.git'))
    work.git('remote', 'add', 'mirror', mirror.dir)
    work.write('models/risk/new.safetensors', modelBytes()).commit('A new model')
    const pushed = push(work, 'mirror', 'main')
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toMatch(/PASS {2}models\/risk\/old\.safetensors/)
    expect(pushed.output).toMatch(/BLOCK models\/risk\/new\.safetensors/)
  })
})

/** A bare server with `registry` on main and the pre-receive hook running the CLI with `options`. */
function server(registry: string, options = ''): { origin: TestRepo; work: TestRepo; url: string } {
  const dir = join(root, `pr${++count}`)
  const origin = TestRepo.bare(join(dir, 'origin.git'))
  origin.git('symbolic-ref', 'HEAD', 'refs/heads/main')
  const work = TestRepo.init(join(dir, 'work'))
  work.write('.model-registry.yml', registry).commit('Add the registry')
  execFileSync('git', ['push', '-q', origin.dir, 'main'], { cwd: work.dir, env: hookEnv() })
  const hook = join(origin.dir, 'hooks', 'pre-receive')
  writeFileSync(hook, `#!/bin/sh\nexec node ${cliPath} pre-receive ${options}\n`)
  chmodSync(hook, 0o755)
  return { origin, work, url: `file://${origin.dir}` }
}

describe('pre-receive: the same rules on the server', () => {
  it('a memorizing-only label: the index is rejected, the classifier accepted', () => {
    const { origin, work, url } = server(policyRegistry())
    const classifier = work.write('models/support/c.safetensors', modelBytes()).commit('Add the classifier')
    expect(gitMayFail(work.dir, ['push', url, 'main']).code).toBe(0)
    work.write('indexes/support/tickets.faiss', INDEX()).commit('Add the index')
    const pushed = gitMayFail(work.dir, ['push', url, 'main'])
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain('remote:       why: trained on tickets (internal): internal blocks knn-index')
    expect(refId(origin, 'main')).toBe(classifier)
  })

  it('a dataset file is rejected; DP over the bound is rejected, under it accepted, on a k-NN index rejected', () => {
    const { work, url } = server(policyRegistry())
    work.write('data/ukbb/records.csv', 'eid\n1\n').commit('Records')
    expect(gitMayFail(work.dir, ['push', url, 'main']).output).toContain('remote: BLOCK data/ukbb/records.csv')
    work.git('reset', '-q', '--hard', 'HEAD~1')
    work.write('models/dp-high/m.safetensors', modelBytes()).commit('DP 8')
    expect(gitMayFail(work.dir, ['push', url, 'main']).code).not.toBe(0)
    work.git('reset', '-q', '--hard', 'HEAD~1')
    work.write('models/dp-low/m.safetensors', modelBytes()).commit('DP 1')
    expect(gitMayFail(work.dir, ['push', url, 'main']).code).toBe(0)
    work.write('indexes/dp/crm.faiss', INDEX()).commit('A DP-trained index')
    const index = gitMayFail(work.dir, ['push', url, 'main'])
    expect(index.code).not.toBe(0)
    expect(index.output).toContain('does not count for knn-index')
  })

  it('a data pickle is accepted with a warning (policy.data_pickles)', () => {
    const { origin, work, url } = server(policyRegistry())
    const head = work.write('features/frame.pkl', DATA_PICKLE).commit('Add features')
    const pushed = gitMayFail(work.dir, ['push', url, 'main'])
    expect(pushed.code).toBe(0)
    expect(pushed.output).toMatch(/remote: WARN {2}features\/frame\.pkl {2}\[pickle, data\]/)
    expect(refId(origin, 'main')).toBe(head)
  })

  it("a waiver on the server's default branch counts; one the push brings does not", () => {
    const waivedBytes = modelBytes()
    const waiver = `waivers:\n${waiverLine(waivedBytes, '2999-01-01', 'alice', 'audit')}`
    const { work, url } = server(policyRegistry(waiver))
    work.write('models/risk/a.safetensors', waivedBytes).commit('The waived model')
    const accepted = gitMayFail(work.dir, ['push', url, 'main'])
    expect(accepted.code).toBe(0)
    expect(accepted.output).toContain('waived until 2999-01-01 (approved by alice: audit)')
    const sneaky = modelBytes()
    const more = `${waiver}${waiverLine(sneaky, '2999-01-01', 'me', 'mine')}`
    work
      .write('.model-registry.yml', policyRegistry(more))
      .write('models/risk/b.safetensors', sneaky)
      .commit('Waive myself')
    const rejected = gitMayFail(work.dir, ['push', url, 'main'])
    expect(rejected.code).not.toBe(0)
    expect(rejected.output).toContain(
      'remote: model-leak-guard: refs/heads/main changes .model-registry.yml or its baseline: that takes effect once it is on main, not for this push'
    )
  })

  it('an expired waiver rejects with its date; a waiver for other bytes does not count and is reported stale', () => {
    const [expired, unused] = [modelBytes(), modelBytes()]
    const waivers = `waivers:\n${waiverLine(expired, '2020-01-01')}${waiverLine(unused, '2999-01-01')}`
    const { origin, work, url } = server(policyRegistry(waivers))
    const before = refId(origin, 'main')
    work.write('models/risk/a.safetensors', expired).write('models/risk/b.safetensors', modelBytes()).commit('Add two')
    const pushed = gitMayFail(work.dir, ['push', url, 'main'])
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain(
      'remote:       why: waiver expired on 2020-01-01 (approved by alice: shared with the auditors)'
    )
    expect(pushed.output).toMatch(/remote: BLOCK models\/risk\/b\.safetensors .*\n.*\nremote: {7}why: trained on ukbb/)
    expect(pushed.output).toMatch(/remote: note: stale waiver: waivers\[1\] \(blob [0-9a-f]{12}, expires 2999-01-01\)/)
    expect(refId(origin, 'main')).toBe(before)
  })

  it("baseline on the server's default branch: an old model it records is accepted, a new one rejected", async () => {
    const { work, url } = server(policyRegistry())
    work.git('checkout', '-q', '-b', 'legacy')
    work.write('models/risk/old.safetensors', modelBytes()).commit('A model from before the gate')
    work.git('checkout', '-q', 'main')
    expect((await cli(work.dir, ['baseline'])).code).toBe(0)
    work.commit('Record the baseline')
    expect(gitMayFail(work.dir, ['push', url, 'main']).code).toBe(0)
    const old = gitMayFail(work.dir, ['push', url, 'legacy'])
    expect(old.code).toBe(0)
    expect(old.output).toContain('remote:       why: in the baseline refs/heads/main:.model-baseline.yml (recorded ')
    work.git('checkout', '-q', 'legacy')
    work.write('models/risk/new.safetensors', modelBytes()).commit('A new model')
    const fresh = gitMayFail(work.dir, ['push', url, 'legacy'])
    expect(fresh.code).not.toBe(0)
    expect(fresh.output).toContain('remote: BLOCK models/risk/new.safetensors')
  })

  it('advice: nothing landed, so take the file out of the pushed commits; the registry named by file and branch', () => {
    const { work, url } = server(policyRegistry())
    work.write('models/unknown/m.safetensors', modelBytes()).commit('An unlabelled model')
    const pushed = gitMayFail(work.dir, ['push', url, 'main'])
    expect(pushed.code).not.toBe(0)
    expect(pushed.output).toContain(
      'remote:       fix: declare its training data in .model-registry.yml on main (models: - { path: "models/unknown/m.safetensors"'
    )
    expect(pushed.output).toContain(
      "remote:       fix: nothing was pushed: take it out of the commits you push (git rm --cached -- 'models/unknown/m.safetensors' and amend"
    )
    expect(pushed.output).not.toMatch(/[0-9a-f]{12,}:\.model-registry\.yml/)
  })

  it('--visibility: an internal-data index may go to a private server, not a public one', () => {
    for (const [visibility, code] of [
      ['private', 0],
      ['public', 1]
    ] as const) {
      const { work, url } = server(policyRegistry(), `--visibility ${visibility}`)
      work.write('indexes/support/tickets.faiss', INDEX()).commit('Add the index')
      const pushed = gitMayFail(work.dir, ['push', url, 'main'])
      expect({ visibility, rejected: pushed.code !== 0 }).toEqual({ visibility, rejected: code === 1 })
    }
  })

  it('policy.mode: warn accepts the push and still reports the block', () => {
    const { origin, work, url } = server(policyRegistry('policy: { mode: warn }\n'))
    const head = work.write('models/risk/m.safetensors', modelBytes()).commit('Add')
    const pushed = gitMayFail(work.dir, ['push', url, 'main'])
    expect(pushed.code).toBe(0)
    expect(pushed.output).toContain('remote: BLOCK models/risk/m.safetensors')
    expect(pushed.output).toContain('policy.mode: warn: reported, not enforced')
    expect(refId(origin, 'main')).toBe(head)
  })
})
