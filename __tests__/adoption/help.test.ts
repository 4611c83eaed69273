// Per-command help: `model-leak-guard <command> --help` (and `help <command>`) prints that
// command's usage, every option it parses and an example, exit 0; an unknown option is a usage
// error (exit 2) that names it, lists what the command takes and points at its --help. What a
// command parses is read from that error (the parser's own options), so help cannot drift from it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SPECS } from '../../src/commands/specs.js'
import { cleanup, cli, tempDir } from '../helpers/repo.js'

let root: string
beforeAll(() => {
  root = tempDir('mlg-help-')
})
afterAll(() => cleanup(root))

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The options a command's parser takes, as its unknown-option error lists them. */
function parsedFlags(stderr: string): string[] {
  const [, list = ''] = /takes (.*?) \(see /.exec(stderr) ?? []
  return list === 'no options' ? [] : list.split(', ')
}

describe.each(Object.keys(SPECS))('model-leak-guard %s', (name) => {
  it('--help prints its usage, every option it parses and an example; -h and help NAME print the same', async () => {
    const help = await cli(root, [name, '--help'])
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toMatch(new RegExp(`^usage: model-leak-guard ${literal(name)}\\b`))
    expect(help.stdout).toMatch(/^examples?:\n {2}\S/m)
    expect(await cli(root, [name, '-h'])).toEqual(help)
    expect(await cli(root, ['help', name])).toEqual(help)

    const unknown = await cli(root, [name, '--no-such-option'])
    expect(unknown).toMatchObject({ code: 2, stdout: '' })
    expect(unknown.stderr).toContain(`model-leak-guard: ${name}: unknown option --no-such-option;`)
    expect(unknown.stderr).toContain(`(see model-leak-guard ${name} --help)`)
    const flags = parsedFlags(unknown.stderr)
    expect(flags.length).toBe(Object.keys(SPECS[name as keyof typeof SPECS].options).length)
    for (const flag of flags)
      expect([flag, help.stdout]).toEqual([
        flag,
        expect.stringMatching(new RegExp(`^ +(-\\w, )?${literal(flag)}\\b`, 'm'))
      ])
  })
})

describe('usage errors', () => {
  it('a misspelt option: the nearest one it takes', async () => {
    const result = await cli(root, ['scan', '--fromat', 'json'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'model-leak-guard: scan: unknown option --fromat (did you mean --format?); scan takes --all, --staged, --gitlab, ' +
        '--registry, --format, --output, --quiet, -C (see model-leak-guard scan --help)\n'
    )
  })

  it('an option without its value, or a value for a switch', async () => {
    const missing = await cli(root, ['explain', 'x.pt', '--registry'])
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^model-leak-guard: explain: .*--registry.*\(see model-leak-guard explain --help\)\n$/
      )
    })
    const valued = await cli(root, ['init', '--force=yes'])
    expect(valued).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--force.*\(see model-leak-guard init --help\)/)
    })
  })

  it('an operand to a command that takes none', async () => {
    expect(await cli(root, ['init', 'models'])).toMatchObject({
      code: 2,
      stderr:
        'model-leak-guard: init: unexpected argument "models": it takes only options (see model-leak-guard init --help)\n'
    })
  })

  it('revision options stay operands where revisions are taken, and are unknown options elsewhere', async () => {
    for (const name of ['scan', 'inventory']) {
      const result = await cli(root, [name, 'HEAD', '--not', '--remotes=origin'])
      expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('not a git repository') })
    }
    const init = await cli(root, ['init', '--not'])
    expect(init.stderr).toContain('init: unknown option --not')
  })

  it('help for an unknown command is an error that lists the commands; help alone lists them', async () => {
    const unknown = await cli(root, ['help', 'scna'])
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "scna"') })
    const all = await cli(root, ['help'])
    expect(all.code).toBe(0)
    for (const name of Object.keys(SPECS)) expect(all.stdout).toMatch(new RegExp(`^  ${literal(name)} +\\S`, 'm'))
    expect(all.stdout).toContain('model-leak-guard <command> --help')
  })

  it('--help after -- is an operand, not a request for help', async () => {
    const staged = await cli(root, ['scan', '--staged', '--', '--help'])
    expect(staged.stdout).not.toContain('usage:')
    expect(staged.code).toBe(2) // not a git repository
  })
})
