import type { LocalDate } from '../../core/dates.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { openOrdersForMeters, type MeterOrder, type ServiceOrderKind } from '../field/index.ts';
import {
  metersOfAccount,
  servicesWithoutMeter,
  type ServiceWithoutMeter,
} from '../customers/index.ts';

/** Reads shown per register on the account page: a year and a month. */
export const recentReadsShown = 13;

export type ReadView = {
  readonly readId: number;
  readonly readDate: LocalDate;
  readonly value: string;
  /** Billed units since the previous accepted read (null for a baseline or negative read). */
  readonly usage: string | null;
  readonly days: number | null;
  readonly source: string;
  readonly kind: string;
  readonly status: 'accepted' | 'held' | 'rejected';
  readonly holdReason: string | null;
  /** The review decision on a held read (released / rejected / replaced), else null. */
  readonly review: string | null;
};

export type RegisterView = {
  readonly kind: string;
  readonly multiplier: string;
  readonly dials: number;
  /** Newest first, at most `recentReadsShown`. */
  readonly reads: readonly ReadView[];
};

export type MeterView = {
  readonly meterNumber: string;
  readonly service: string;
  readonly size: string | null;
  readonly status: 'installed' | 'removed';
  readonly installedOn: LocalDate;
  readonly removedOn: LocalDate | null;
  readonly premiseId: number;
  /** The meter that replaced this one in an exchange, else null. */
  readonly exchangedFor: string | null;
  readonly registers: readonly RegisterView[];
  /** The meter's open field orders (re-reads, leak checks, …), oldest first. */
  readonly openOrders: readonly OpenMeterOrder[];
};

export type OpenMeterOrder = {
  readonly orderId: number;
  readonly kind: ServiceOrderKind;
  readonly reason: string;
  readonly note: string | null;
  readonly dueOn: LocalDate | null;
  readonly openedOn: string;
};

export type AccountMeters = {
  /** Installed meters first, then removed ones (those exchanged while the account had them). */
  readonly meters: readonly MeterView[];
  /** Metered services with no meter yet, where a meter can be installed. */
  readonly servicesWithoutMeter: readonly ServiceWithoutMeter[];
};

const orderView = (o: MeterOrder): OpenMeterOrder => ({
  orderId: o.id,
  kind: o.kind,
  reason: o.reason,
  note: o.note,
  dueOn: o.dueOn,
  openedOn: o.createdAt.toISOString().slice(0, 10),
});

type RegRow = Omit<MeterView, 'registers' | 'openOrders'> &
  Omit<RegisterView, 'reads'> & { registerId: number };

/**
 * The meters on an account's agreements, and the meters they replaced while the account had
 * them (an exchange moves the agreement to the new meter), with their registers and the last
 * 13 reads of each (status, hold reason, review decision); and the account's metered services
 * without a meter (none named, or the named one removed without a replacement); each meter's
 * open field orders. Five queries whatever the number of meters.
 */
export async function accountMeters(
  q: Queryable,
  accountId: number,
): Promise<Result<AccountMeters, 'account_not_found'>> {
  const links = await metersOfAccount(q, accountId);
  if (!links.ok) return links;
  if (links.value.length === 0)
    return ok({ meters: [], servicesWithoutMeter: await servicesWithoutMeter(q, accountId) });
  const regs = await q.query<RegRow>(
    `WITH RECURSIVE lineage(id, since) AS (
       SELECT m.id, x.since
         FROM unnest($1::text[], $2::date[]) AS x(meter_number, since)
         JOIN meter m ON m.meter_number = x.meter_number
       UNION
       SELECT p.id, l.since FROM lineage l
         JOIN meter c ON c.id = l.id
         JOIN meter p ON p.id = c.replaces_meter_id AND p.removed_on >= l.since)
     SELECT m.meter_number AS "meterNumber", m.service, m.size, m.status,
            m.installed_on AS "installedOn", m.removed_on AS "removedOn", m.premise_id AS "premiseId",
            n.meter_number AS "exchangedFor",
            r.id AS "registerId", r.kind, r.multiplier::text AS multiplier, r.dials
       FROM meter m JOIN register r ON r.meter_id = m.id
       LEFT JOIN LATERAL (
         SELECT meter_number FROM meter WHERE replaces_meter_id = m.id LIMIT 1) n ON true
      WHERE m.id IN (SELECT id FROM lineage)
      ORDER BY m.status, m.meter_number, r.kind`,
    [links.value.map((l) => l.meterNumber), links.value.map((l) => l.startDate)],
  );
  const reads = await q.query<ReadView & { registerId: number }>(
    `SELECT x.id AS "registerId", mr.id AS "readId", mr.read_date AS "readDate",
            mr.value::text AS value, mr.usage::numeric(20, 3)::text AS usage,
            mr.usage_days AS days, mr.source, mr.kind, mr.status,
            mr.hold_reason AS "holdReason", rv.decision AS review
       FROM unnest($1::bigint[]) AS x(id)
       CROSS JOIN LATERAL (
         SELECT * FROM meter_read WHERE register_id = x.id
          ORDER BY read_date DESC, id DESC LIMIT ${recentReadsShown}) mr
       LEFT JOIN read_review rv ON rv.read_id = mr.id
      ORDER BY x.id, mr.read_date DESC, mr.id DESC`,
    [regs.rows.map((r) => r.registerId)],
  );
  const byRegister = new Map<number, ReadView[]>();
  for (const { registerId, ...read } of reads.rows) {
    const list = byRegister.get(registerId) ?? [];
    list.push(read);
    byRegister.set(registerId, list);
  }
  const orders = await openOrdersForMeters(q, [...new Set(regs.rows.map((r) => r.meterNumber))]);
  const meters = new Map<string, MeterView & { registers: RegisterView[] }>();
  for (const { registerId, kind, multiplier, dials, ...m } of regs.rows) {
    const meter = meters.get(m.meterNumber) ?? {
      ...m,
      registers: [],
      openOrders: (orders.get(m.meterNumber) ?? []).map(orderView),
    };
    meter.registers.push({ kind, multiplier, dials, reads: byRegister.get(registerId) ?? [] });
    meters.set(m.meterNumber, meter);
  }
  // A service whose meter was taken out without a replacement has no meter either: one can
  // be installed for it (installMeter moves the service to it).
  const pulled = [...meters.values()]
    .filter((m) => m.status === 'removed' && m.exchangedFor === null)
    .map((m) => m.meterNumber);
  const unmetered = await servicesWithoutMeter(q, accountId, pulled);
  return ok({ meters: [...meters.values()], servicesWithoutMeter: unmetered });
}
