import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './paths.ts';

const root = repoRoot;
const dist = join(root, 'web', 'dist', 'index.html');
const sources = [join(root, 'web', 'src'), join(root, 'web', 'index.html')];
const lockDir = join(root, '.cache', 'web-build.lock');
const lockStaleMs = 5 * 60_000;

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

function isStale(): boolean {
  if (!existsSync(dist)) return true;
  const built = statSync(dist).mtimeMs;
  return sources.some((s) => existsSync(s) && newestMtime(s) > built);
}

/**
 * Builds the web app (`npm run build:web`) when web/dist is missing or older than web/src.
 * Test files run in parallel processes: a lock folder makes one of them build while the
 * others wait, then find the build fresh.
 */
export async function ensureWebBuilt(): Promise<void> {
  if (!isStale()) return;
  mkdirSync(join(root, '.cache'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > lockStaleMs) {
        rmSync(lockDir, { recursive: true, force: true });
      }
      await sleep(250);
    }
  }
  try {
    if (!isStale()) return;
    const r = spawnSync('npm', ['run', 'build:web', '--silent'], {
      cwd: root,
      encoding: 'utf8',
      env: process.env,
    });
    if (r.status !== 0) {
      throw new Error(`npm run build:web failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
