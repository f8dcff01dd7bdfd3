import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (!name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/**
 * A digest of every file under src/ and migrations/ but the tests, and of `extra`: the key of
 * a cached build or database made from the sources (any change to them makes a new one).
 */
export function sourceDigest(...extra: string[]): string {
  const h = createHash('sha256');
  for (const x of extra) h.update(`${x}\0`);
  for (const f of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'migrations'))]) {
    h.update(`${relative(root, f)}\0`);
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** Removes the files and folders of `dir` named like `pattern` but `keep` unchanged for an hour. */
export function pruneOlder(dir: string, pattern: RegExp, keep: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!pattern.test(name) || path === keep) continue;
    const st = statSync(path, { throwIfNoEntry: false }); // another process may prune too
    if (st && Date.now() - st.mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}
