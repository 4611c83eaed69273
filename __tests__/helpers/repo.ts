// Real git repositories in temp dirs for tests: no mocks of git anywhere.
import { afterAll } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { runCli } from '../../src/commands/run.js'

export const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1'
}

/** A temp directory removed by cleanup(); every repo a test makes lives under one. */
export function tempDir(prefix = 'mlg-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

export class TestRepo {
  constructor(readonly dir: string) {}

  static init(dir: string, branch = 'main'): TestRepo {
    mkdirSync(dir, { recursive: true })
    execFileSync('git', ['init', '-q', '-b', branch, dir])
    return new TestRepo(dir)
  }

  static bare(dir: string): TestRepo {
    execFileSync('git', ['init', '-q', '--bare', dir])
    return new TestRepo(dir)
  }

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: { ...process.env, ...IDENTITY },
      encoding: 'utf8',
      stdio: 'pipe'
    })
  }

  write(path: string, content: string | Buffer): this {
    mkdirSync(dirname(join(this.dir, path)), { recursive: true })
    writeFileSync(join(this.dir, path), content)
    return this
  }

  read(path: string): Buffer {
    return readFileSync(join(this.dir, path))
  }

  /** Stages everything and commits; returns the new commit id. */
  commit(message: string): string {
    this.git('add', '-A')
    this.git('commit', '-q', '--allow-empty', '-m', message)
    return this.head()
  }

  head(): string {
    return this.git('rev-parse', 'HEAD').trim()
  }
}

/**
 * One repository for the calling file, `<root>/work` in a temp folder of its own, made now (`build`
 * writes its first commits) and removed after the file's tests.
 */
export function repoForFile(prefix: string, build: (repo: TestRepo) => void): { root: string; repo: TestRepo } {
  const root = tempDir(prefix)
  afterAll(() => cleanup(root))
  const repo = TestRepo.init(join(root, 'work'))
  build(repo)
  return { root, repo }
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the CLI in-process, exactly as the binary would, with captured output. */
export async function cli(cwd: string, args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    readStdin: async () => stdin
  })
  return { code, stdout, stderr }
}
