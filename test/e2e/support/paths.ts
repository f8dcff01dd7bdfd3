import { fileURLToPath } from 'node:url';

/** The repository root, whatever folder the tests were started from. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
