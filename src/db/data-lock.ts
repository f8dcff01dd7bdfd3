import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite has no inter-process lock: two processes on one data folder silently lose writes
 * (stack-notes §2d). Every process that opens the embedded database first takes this
 * exclusive lock file; a second process gets a clear error. A lock left by a dead process
 * (kill -9) is taken over.
 */
export type DataLock = { release(): void };

export class DataFolderLocked extends Error {
  override readonly name = 'DataFolderLocked';
}

export function acquireDataLock(dataDir: string): DataLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'opencis.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (holder && isAlive(holder)) {
        throw new DataFolderLocked(
          `the data folder ${dataDir} is in use by process ${holder}; stop it first ` +
            `(or run this command against the running server, or use DATABASE_URL)`,
        );
      }
      rmSync(path, { force: true }); // stale lock from a process that died
    }
  }
  throw new DataFolderLocked(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
