// The real model files the inventory tests commit (made by scripts/make-fixtures.py, see the fixtures README).
import { readFileSync } from 'node:fs'
import type { TestRepo } from '../helpers/repo.js'

export function modelFixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/models/${name}`, import.meta.url))
}

/** Writes each fixture at its path in the repository: `{ 'models/net.pt': 'state_dict.pt' }`. */
export function writeModels(repo: TestRepo, models: Record<string, string>): TestRepo {
  for (const [path, name] of Object.entries(models)) repo.write(path, modelFixture(name))
  return repo
}
