#!/usr/bin/env node
// The release workflow's git steps (.github/workflows/release.yml), here so a test can run them
// against real repositories:
//   node scripts/release.mjs check VERSION   package.json says VERSION, CHANGELOG has its section,
//                                            the tag vVERSION exists neither here nor on the remote
//   node scripts/release.mjs notes VERSION   prints the CHANGELOG section (the release notes)
//   node scripts/release.mjs tag VERSION     tags HEAD vVERSION, moves the major tag vMAJOR to it
//                                            (not for a pre-release), pushes both in one atomic push
// Options: --remote NAME (default origin). Run in the repository's top folder.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

function fail(message) {
  process.stderr.write(`release: ${message}\n`)
  process.exit(1)
}

/** The body of `## [VERSION]` in CHANGELOG.md, up to the next `## ` heading or link list. */
function changelogSection(changelog, version) {
  const lines = changelog.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`))
  if (start < 0) return null
  const rest = lines.slice(start + 1)
  const end = rest.findIndex((line) => line.startsWith('## ') || /^\[[^\]]+\]: /.test(line))
  return (end < 0 ? rest : rest.slice(0, end)).join('\n').trim()
}

function tagExists(tag, remote) {
  const local = execFileSync('git', ['tag', '--list', tag], { encoding: 'utf8' }).trim()
  const remoteRefs = git('ls-remote', '--tags', remote, `refs/tags/${tag}`)
  return local !== '' || remoteRefs !== ''
}

function check(version, remote) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'))
  if (pkg.version !== version)
    fail(`package.json says ${pkg.version}, not ${version}: bump it in a reviewed commit first`)
  const notes = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), version)
  if (!notes) fail(`CHANGELOG.md has no "## [${version}]" section with text: move Unreleased there first`)
  if (tagExists(`v${version}`, remote)) fail(`v${version} exists already: a release tag is never moved`)
  process.stdout.write(`ok: v${version} can be released from ${git('rev-parse', 'HEAD')}\n`)
}

function tag(version, remote) {
  const [, major, , , prerelease] = SEMVER.exec(version)
  git('tag', '-a', `v${version}`, '-m', `model-leak-guard v${version}`)
  const refspecs = [`refs/tags/v${version}`]
  if (!prerelease) {
    git('tag', '-f', '-a', `v${major}`, '-m', `model-leak-guard v${major} (latest: v${version})`, 'HEAD')
    refspecs.push(`+refs/tags/v${major}`) // only the major tag moves
  }
  git('push', '--atomic', remote, ...refspecs)
  process.stdout.write(`pushed ${refspecs.map((ref) => ref.replace(/^\+?refs\/tags\//, '')).join(' and ')}\n`)
}

function main(argv) {
  const [command, version, ...options] = argv
  const remoteAt = options.indexOf('--remote')
  const remote = remoteAt >= 0 ? options[remoteAt + 1] : 'origin'
  if (!SEMVER.test(version ?? '')) fail(`usage: release.mjs check|notes|tag X.Y.Z[-pre] [--remote NAME]`)
  if (command === 'check') return check(version, remote)
  if (command === 'tag') return tag(version, remote)
  if (command === 'notes') {
    const notes = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), version)
    return notes ? process.stdout.write(`${notes}\n`) : fail(`CHANGELOG.md has no "## [${version}]" section`)
  }
  fail(`unknown command "${command}": check, notes or tag`)
}

main(process.argv.slice(2))
