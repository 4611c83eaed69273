// The release workflow's git steps (scripts/release.mjs) against a real clone and a bare remote:
// a release tag is created once and never moved; the major tag follows the newest release; a
// pre-release leaves the major tag alone; the checks stop a release whose files disagree.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { cleanup, tempDir, TestRepo } from '../helpers/repo.js'
import { hookEnv } from '../hooks/helpers.js'
import { run } from './release.js'

const SCRIPT = join(import.meta.dirname, '../../scripts/release.mjs')

let root: string
let origin: TestRepo
let work: TestRepo

function changelog(...versions: string[]): string {
  const sections = versions.map((version) => `## [${version}]\n\n- what ${version} brings\n`)
  return ['# Changelog', '', '## [Unreleased]', '', ...sections, `[${versions[0]}]: https://example.invalid`, ''].join(
    '\n'
  )
}

/** A reviewed release commit: package.json and CHANGELOG.md say `version`. */
function prepare(version: string, ...older: string[]): string {
  work.write('package.json', JSON.stringify({ name: 'model-leak-guard', version }) + '\n')
  work.write('CHANGELOG.md', changelog(version, ...older))
  const commit = work.commit(`Release ${version}`)
  work.git('push', '-q', 'origin', 'main')
  return commit
}

function release(...args: string[]) {
  return run(work.dir, process.execPath, [SCRIPT, ...args], hookEnv())
}

function remoteTag(tag: string): string | null {
  const line = origin.git('ls-remote', origin.dir, `refs/tags/${tag}^{}`).trim()
  return line ? line.split('\t')[0] : null
}

beforeAll(() => {
  root = tempDir('mlg-release-')
  origin = TestRepo.bare(join(root, 'origin.git'))
  work = TestRepo.init(join(root, 'work'))
  work.write('README.md', '# project\n').commit('Start')
  work.git('remote', 'add', 'origin', origin.dir)
  work.git('push', '-q', 'origin', 'main')
})

afterAll(() => cleanup(root))

describe('scripts/release.mjs', () => {
  it('checks, then tags v1.2.3 and the major tag v1 on the remote in one push', () => {
    const commit = prepare('1.2.3')
    expect(release('check', '1.2.3')).toMatchObject({ code: 0, output: expect.stringContaining(commit) })
    expect(release('tag', '1.2.3')).toEqual({ code: 0, output: 'pushed v1.2.3 and v1\n' })
    expect([remoteTag('v1.2.3'), remoteTag('v1')]).toEqual([commit, commit])
  })

  it('prints the version’s changelog section as the release notes', () => {
    expect(release('notes', '1.2.3')).toEqual({ code: 0, output: '- what 1.2.3 brings\n' })
  })

  it('moves v1 to the next release and never the released tag', () => {
    const first = remoteTag('v1.2.3')
    expect(release('check', '1.2.3')).toMatchObject({ code: 1, output: expect.stringContaining('exists already') })
    const next = prepare('1.3.0', '1.2.3')
    expect(release('tag', '1.3.0').code).toBe(0)
    expect([remoteTag('v1.2.3'), remoteTag('v1.3.0'), remoteTag('v1')]).toEqual([first, next, next])
  })

  it('leaves the major tags alone for a pre-release', () => {
    const v1 = remoteTag('v1')
    const rc = prepare('2.0.0-rc.1', '1.3.0')
    expect(release('tag', '2.0.0-rc.1')).toEqual({ code: 0, output: 'pushed v2.0.0-rc.1\n' })
    expect([remoteTag('v2.0.0-rc.1'), remoteTag('v2'), remoteTag('v1')]).toEqual([rc, null, v1])
  })

  it('refuses a version package.json or the changelog does not have', () => {
    expect(release('check', '9.9.9')).toMatchObject({ code: 1, output: expect.stringContaining('package.json says') })
    work.write('CHANGELOG.md', changelog('1.0.0'))
    work.write('package.json', JSON.stringify({ version: '3.0.0' }))
    expect(release('check', '3.0.0')).toMatchObject({ code: 1, output: expect.stringContaining('no "## [3.0.0]"') })
    expect(release('check', 'v3')).toMatchObject({ code: 1, output: expect.stringContaining('usage') })
  })
})

describe('this repository is ready for the release workflow', () => {
  it('CHANGELOG.md has the Unreleased section and one for package.json’s version', () => {
    const text = readFileSync(join(import.meta.dirname, '../../CHANGELOG.md'), 'utf8')
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'))
    expect(text).toContain('## [Unreleased]')
    expect(text).toContain(`## [${version}]`)
  })
})
