// Small file-system questions every layer asks.
import { access } from 'node:fs/promises'

/** Whether a path exists (any type); false when it cannot be reached. */
export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false
  )
}
