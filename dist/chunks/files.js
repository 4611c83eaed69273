import { access } from 'node:fs/promises';

// Small file-system questions every layer asks.
/** Whether a path exists (any type); false when it cannot be reached. */
async function exists(path) {
    return access(path).then(() => true, () => false);
}

export { exists as e };
