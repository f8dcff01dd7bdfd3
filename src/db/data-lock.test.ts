import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireDataLock, DataFolderLocked } from './data-lock.ts';

describe('embedded data folder lock', () => {
  it('a second open of a locked folder is refused until the first releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cis-lock-'));
    try {
      const lock = acquireDataLock(dir);
      assert.throws(() => acquireDataLock(dir), DataFolderLocked);
      lock.release();
      acquireDataLock(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a lock left by a dead process (kill -9) is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cis-lock-'));
    try {
      writeFileSync(join(dir, 'opencis.lock'), '999999999');
      const lock = acquireDataLock(dir);
      lock.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
