import type { Tx } from '../../db/index.ts';

/**
 * Who did something. Service functions receive the actor from the shell (the logged-in
 * staff user, the customer on the portal, or a named system job) and pass it here.
 */
export type Actor =
  | { readonly kind: 'staff'; readonly id: number; readonly name: string }
  | { readonly kind: 'customer'; readonly id: number; readonly name: string }
  | { readonly kind: 'system'; readonly name: string };

export const systemActor = (name: string): Actor => ({ kind: 'system', name });

export type AuditEntry = {
  readonly actor: Actor;
  readonly at: Date;
  /** A verb phrase in snake_case: `account.mailing_address_changed`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | number;
  readonly accountId?: number | null;
  readonly before?: unknown;
  readonly after?: unknown;
};

/** Records one audit row inside the caller's transaction (the change and its record
 * commit or roll back together). */
export async function recordAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity_type, entity_id,
       account_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $10, $7, $8, $9)`,
    [...auditParams(e), String(e.entityId)],
  );
}

/** An audit row's values but the entity id, in the order both writers number them. */
function auditParams(e: Omit<AuditEntry, 'entityId'>): unknown[] {
  return [
    e.at,
    e.actor.kind,
    e.actor.kind === 'system' ? null : e.actor.id,
    e.actor.name,
    e.action,
    e.entityType,
    e.accountId ?? null,
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  ];
}

/**
 * `recordAudit` as part of the caller's own statement (a data-modifying CTE), for hot paths
 * that write a change and its audit row in ONE round trip: an `INSERT INTO audit_log …
 * SELECT … FROM <from>` (one row per row of `from`, so none when the change wrote none).
 * Its parameters are numbered from `firstParam`; append `params` to the caller's. The entity
 * id is `entityIdSql`, an SQL expression over `from` when the same statement makes the id.
 */
export function auditInsertSql(
  e: Omit<AuditEntry, 'entityId'>,
  entityIdSql: string,
  from: string,
  firstParam: number,
): { readonly sql: string; readonly params: readonly unknown[] } {
  const p = (i: number, type: string) => `$${firstParam + i}::${type}`;
  return {
    sql: `INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity_type,
       entity_id, account_id, before, after)
     SELECT ${p(0, 'timestamptz')}, ${p(1, 'text')}, ${p(2, 'int8')}, ${p(3, 'text')},
            ${p(4, 'text')}, ${p(5, 'text')}, (${entityIdSql})::text, ${p(6, 'int8')},
            ${p(7, 'jsonb')}, ${p(8, 'jsonb')}
       FROM ${from}`,
    params: auditParams(e),
  };
}

export type AuditRow = {
  readonly id: number;
  readonly at: Date;
  readonly actorKind: string;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
};

export async function listAudit(
  q: Tx,
  filter: { readonly entityType: string; readonly entityId: string | number },
): Promise<AuditRow[]> {
  const r = await q.query<AuditRow>(
    `SELECT id, at, actor_kind AS "actorKind", actor_name AS "actorName", action,
            entity_type AS "entityType", entity_id AS "entityId", before, after
       FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
    [filter.entityType, String(filter.entityId)],
  );
  return r.rows;
}

export { listAuditTrail, type AuditTrailQuery, type AuditTrailRow } from './list-audit-trail.ts';
