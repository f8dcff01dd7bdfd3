import { readFileSync } from 'node:fs';
import type { Database } from '../src/db/index.ts';

/**
 * CPU seconds for the benches beside wall time: on a shared 2-core machine wall time follows
 * the machine's load, CPU seconds much less. Server figures need a local PostgreSQL (/proc).
 */

/** CPU seconds (user + system) a local process has used so far; null when not readable. */
export function cpuOfPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ ticks
  } catch {
    return null;
  }
}

/** CPU seconds so far of this database's server backends (a local server), by pid. */
export async function backendCpu(db: Database): Promise<ReadonlyMap<number, number> | null> {
  if (db.engine !== 'postgres') return null;
  const r = await db.pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const out = new Map<number, number>();
  for (const { pid } of r.rows) {
    const c = cpuOfPid(pid);
    if (c === null) return null; // not a local server
    out.set(pid, c);
  }
  return out;
}

/** The backends' CPU seconds since `before` (backends started since count from zero). */
export async function backendCpuSince(
  db: Database,
  before: ReadonlyMap<number, number> | null,
): Promise<number | null> {
  if (before === null) return null;
  const now = await backendCpu(db);
  if (now === null) return null;
  let total = 0;
  for (const [pid, c] of now) total += c - (before.get(pid) ?? 0);
  return total;
}
