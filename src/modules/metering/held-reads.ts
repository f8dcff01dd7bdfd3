import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { meterLinks, premiseIdsInCycle } from '../customers/index.ts';
import { openOrdersForMeters } from '../field/index.ts';
import type { HoldReason } from './validate-read.ts';

/** An accepted read shown next to a held one so the reviewer can judge it. */
export type PriorRead = {
  readonly readDate: LocalDate;
  readonly value: string;
  /** Billed units since the read before it (null for a baseline). */
  readonly usage: string | null;
  readonly days: number | null;
};

export type HeldReadView = {
  readonly readId: number;
  readonly meterNumber: string;
  readonly register: string;
  readonly readDate: LocalDate;
  readonly value: string;
  /** Usage the held read implies since the previous accepted read (null: negative). */
  readonly usage: string | null;
  readonly days: number | null;
  readonly holdReason: HoldReason;
  readonly source: string;
  readonly premiseId: number;
  readonly address: string;
  readonly cycle: number;
  readonly accountId: number | null;
  readonly accountNo: string | null;
  /** Up to 3 accepted reads before it, newest first. */
  readonly previous: readonly PriorRead[];
  /** The meter's open re-read order: the crew is on its way, its reading will decide. */
  readonly reReadOrderId: number | null;
};

export type HeldReadFilter = {
  readonly cycle?: number | undefined;
  readonly reason?: HoldReason | undefined;
  readonly meterNumber?: string | undefined;
  /** Keyset paging: only reads after this one in queue order. */
  readonly after?: { readonly readDate: LocalDate; readonly readId: number } | undefined;
  /** Keyset paging by id alone (the API's cursor): only reads after this read in queue order. */
  readonly afterReadId?: number | undefined;
  readonly limit?: number | undefined;
};

/** One page of the queue: its reads, how many wait in all for the filter, the next cursor. */
export type HeldReadPage = {
  readonly reads: HeldReadView[];
  /** Held reads waiting for review that match the filter (all pages). */
  readonly total: number;
  /** `afterReadId` for the next page; null on the last page. */
  readonly next: number | null;
};

type HeldRow = Omit<
  HeldReadView,
  'address' | 'cycle' | 'accountId' | 'accountNo' | 'previous' | 'reReadOrderId'
> & {
  registerId: number;
};

/** The queue's rows for a filter ($1 premises, $2 reason, $3 meter number). */
const queueFrom = `
       FROM meter_read mr JOIN register rg ON rg.id = mr.register_id
       JOIN meter m ON m.id = rg.meter_id
      WHERE mr.status = 'held'
        AND NOT EXISTS (SELECT 1 FROM read_review rv WHERE rv.read_id = mr.id)
        AND ($1::bigint[] IS NULL OR mr.premise_id = ANY($1::bigint[]))
        AND ($2::text IS NULL OR mr.hold_reason = $2)
        AND ($3::text IS NULL OR m.meter_number = $3)`;

/**
 * Held reads waiting for review (no read_review row), oldest first, with the premise, the
 * account, the previous accepted reads and the meter's open re-read order. Four queries for a
 * page, whatever its size.
 */
export async function listHeldReads(q: Queryable, f: HeldReadFilter): Promise<HeldReadView[]> {
  const premiseIds = f.cycle === undefined ? null : await premiseIdsInCycle(q, f.cycle);
  return heldReadsPage(q, f, premiseIds, Math.min(f.limit ?? 100, 500));
}

/**
 * A page of the review queue (`listHeldReads`) with the number of held reads waiting for the
 * filter and the cursor of the next page, so a reviewer sees "100 of 412" and can go on.
 */
export async function heldReadQueue(q: Queryable, f: HeldReadFilter): Promise<HeldReadPage> {
  const premiseIds = f.cycle === undefined ? null : await premiseIdsInCycle(q, f.cycle);
  const limit = Math.min(f.limit ?? 100, 500);
  const [page, counted] = [
    await heldReadsPage(q, f, premiseIds, limit + 1),
    await q.query<{ total: number }>(`SELECT count(*)::int AS total ${queueFrom}`, [
      premiseIds,
      f.reason ?? null,
      f.meterNumber ?? null,
    ]),
  ];
  const more = page.length > limit;
  const reads = more ? page.slice(0, limit) : page;
  return {
    reads,
    total: counted.rows[0]!.total,
    next: more ? reads[reads.length - 1]!.readId : null,
  };
}

async function heldReadsPage(
  q: Queryable,
  f: HeldReadFilter,
  premiseIds: readonly number[] | null,
  limit: number,
): Promise<HeldReadView[]> {
  const r = await q.query<HeldRow>(
    `SELECT mr.id AS "readId", m.meter_number AS "meterNumber", rg.kind AS register,
            rg.id AS "registerId", mr.read_date AS "readDate", mr.value::text AS value,
            mr.usage::numeric(20, 3)::text AS usage, mr.usage_days AS days,
            mr.hold_reason AS "holdReason", mr.source, mr.premise_id AS "premiseId"
     ${queueFrom}
        AND ($4::date IS NULL OR (mr.read_date, mr.id) > ($4::date, $5::bigint))
        AND ($6::bigint IS NULL OR (mr.read_date, mr.id) >
              (SELECT a.read_date, a.id FROM meter_read a WHERE a.id = $6::bigint))
      ORDER BY mr.read_date, mr.id LIMIT $7`,
    [
      premiseIds,
      f.reason ?? null,
      f.meterNumber ?? null,
      f.after?.readDate ?? null,
      f.after?.readId ?? 0,
      f.afterReadId ?? null,
      limit,
    ],
  );
  if (r.rows.length === 0) return [];
  const links = await meterLinks(q, r.rows);
  const prior = await priorReads(q, r.rows);
  const orders = await openOrdersForMeters(q, [...new Set(r.rows.map((x) => x.meterNumber))]);
  return r.rows.map(({ registerId: _r, ...row }, i) => {
    const link = links[i]!;
    const reRead = orders.get(row.meterNumber)?.find((o) => o.kind === 're_read');
    return {
      reReadOrderId: reRead?.id ?? null,
      ...row,
      address: link.address,
      cycle: link.cycle,
      accountId: link.accountId,
      accountNo: link.accountNo,
      previous: prior.get(row.readId) ?? [],
    };
  });
}

/** The 3 accepted reads before each held read, in one LATERAL query. */
async function priorReads(
  q: Queryable,
  held: readonly HeldRow[],
): Promise<Map<number, PriorRead[]>> {
  const r = await q.query<PriorRead & { readId: number }>(
    `SELECT x.read_id AS "readId", p.read_date AS "readDate", p.value::text AS value,
            p.usage::numeric(20, 3)::text AS usage, p.usage_days AS days
       FROM unnest($1::bigint[], $2::bigint[], $3::date[]) AS x(read_id, register_id, read_date)
       CROSS JOIN LATERAL (
         SELECT read_date, value, usage, usage_days FROM meter_read
          WHERE register_id = x.register_id AND status = 'accepted' AND read_date < x.read_date
          ORDER BY read_date DESC, id DESC LIMIT 3) p
      ORDER BY x.read_id, p.read_date DESC`,
    [held.map((h) => h.readId), held.map((h) => h.registerId), held.map((h) => h.readDate)],
  );
  const out = new Map<number, PriorRead[]>();
  for (const { readId, ...p } of r.rows) {
    const list = out.get(readId) ?? [];
    list.push(p);
    out.set(readId, list);
  }
  return out;
}
