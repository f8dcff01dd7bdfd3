import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { err, ok } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';

type LeaseContext = { readonly actor: Actor; readonly now: Date };

/**
 * Starts a run of `cycle`, or undefined when another run of it holds a live lease. One
 * transaction: a `running` row whose heartbeat is older than `limits.billRunLeaseSeconds`
 * (a crashed run) is marked `failed`, then the new row is inserted under the unique partial
 * index `bill_run_one_active` — of two starters racing for a stale row only one inserts.
 */
export async function startRun(
  db: Database,
  input: { readonly cycle: number; readonly asOf: LocalDate },
  ctx: LeaseContext,
): Promise<number | undefined> {
  const r = await inTransaction(db, async (tx) => {
    const stale = await tx.query<{ id: number; heartbeat_at: Date }>(
      `UPDATE bill_run SET status = 'failed', finished_at = $2
        WHERE cycle = $1 AND status = 'running'
          AND heartbeat_at < $2::timestamptz - make_interval(secs => $3)
        RETURNING id, heartbeat_at`,
      [input.cycle, ctx.now, limits.billRunLeaseSeconds],
    );
    for (const s of stale.rows) {
      await recordAudit(tx, {
        actor: ctx.actor,
        at: ctx.now,
        action: 'bill_run.lease_expired',
        entityType: 'bill_run',
        entityId: s.id,
        before: { status: 'running', heartbeatAt: s.heartbeat_at },
        after: { status: 'failed' },
      });
    }
    const row = await tx.query<{ id: number }>(
      `INSERT INTO bill_run (cycle, as_of, status, started_at, started_by, heartbeat_at)
       VALUES ($1, $2, 'running', $3, $4, $3)
       ON CONFLICT (cycle) WHERE status = 'running' DO NOTHING RETURNING id`,
      [input.cycle, input.asOf, ctx.now, ctx.actor.name],
    );
    const id = row.rows[0]?.id;
    if (id === undefined) return err('bill_run_active');
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'bill_run.started',
      entityType: 'bill_run',
      entityId: id,
      after: { cycle: input.cycle, asOf: input.asOf, tookOver: stale.rows.map((s) => s.id) },
    });
    return ok(id);
  });
  return r.ok ? r.value : undefined;
}

/** Renews the lease; false when the run is no longer `running` (another run took it over). */
export async function heartbeat(db: Database, runId: number, at: Date): Promise<boolean> {
  const r = await db.pool.query(
    `UPDATE bill_run SET heartbeat_at = $2 WHERE id = $1 AND status = 'running'`,
    [runId, at],
  );
  return (r.rowCount ?? 0) === 1;
}
