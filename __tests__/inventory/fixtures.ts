// The real model files the inventory tests commit (made by scripts/make-fixtures.py, see the fixtures README).
import { readFileSync } from 'node:fs'

export function modelFixture(name: string): Buffer {
  return readFileSync(new URL(`../fixtures/models/${name}`, import.meta.url))
}
