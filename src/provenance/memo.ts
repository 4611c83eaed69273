// Per-context memory: many artifacts of one commit share a README.md or a dvc.lock, read it once.
const MEMORY = new WeakMap<object, Map<string, Promise<unknown>>>()

export function memoized<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
  let entries = MEMORY.get(context)
  if (!entries) MEMORY.set(context, (entries = new Map()))
  let value = entries.get(key) as Promise<T> | undefined
  if (!value) entries.set(key, (value = compute()))
  return value
}
