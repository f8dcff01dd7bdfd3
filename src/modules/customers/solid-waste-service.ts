import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { ServiceContext } from './types.ts';

/**
 * A commercial solid-waste agreement's bins (SW-COMM, migration 0063): `containers` front-load
 * bins of `containerYards` cubic yards each, emptied `pickupsPerWeek` times a week. The rate
 * prices yards × pickups, so the billed cubic yards are `containerYards × containers`.
 */
export type SolidWasteDetails = {
  readonly containerYards: number;
  readonly containers: number;
  readonly pickupsPerWeek: number;
  readonly recycling: boolean;
};

export type SolidWasteService = SolidWasteDetails & {
  readonly agreementId: number;
  readonly version: number;
};

/** Schedules priced on the bin (the rates engine's `container` charge). */
export const containerSchedules: readonly string[] = ['SW-COMM'];

export const solidWasteLimits = {
  containerYardsMax: 40,
  containersMax: 20,
  pickupsPerWeekMax: 7,
} as const;

type Row = {
  agreement_id: number;
  container_yards: number;
  containers: number;
  pickups_per_week: number;
  recycling: boolean;
  version: number;
};

function fromRow(r: Row): SolidWasteService {
  return {
    agreementId: Number(r.agreement_id),
    containerYards: r.container_yards,
    containers: r.containers,
    pickupsPerWeek: r.pickups_per_week,
    recycling: r.recycling,
    version: r.version,
  };
}

/** The bins of the given agreements, by agreement id (agreements without any are absent). */
export async function solidWasteServicesOf(
  q: Queryable,
  agreementIds: readonly number[],
): Promise<ReadonlyMap<number, SolidWasteService>> {
  if (agreementIds.length === 0) return new Map();
  const r = await q.query<Row>(
    `SELECT agreement_id, container_yards, containers, pickups_per_week, recycling, version
       FROM solid_waste_service WHERE agreement_id = ANY($1::bigint[])`,
    [agreementIds],
  );
  return new Map(r.rows.map((row) => [Number(row.agreement_id), fromRow(row)]));
}

export type SetSolidWasteCode = 'agreement_not_found' | 'agreement_not_active' | 'invalid';

/**
 * Why a start's service request may not carry these bins (only a solid-waste service may;
 * counts in range), or null. Pure; planStart refuses with `invalid`.
 */
export function binsRefusal(s: {
  readonly service: string;
  readonly bins?: SolidWasteDetails | undefined;
}): string | null {
  if (s.bins === undefined) return null;
  if (s.service !== 'solid_waste') return `bins are for solid_waste, not ${s.service}`;
  return refusal(s.bins);
}

type AgreementFacts = {
  account_id: number;
  premise_id: number;
  service: string;
  rate_schedule: string;
  status: string;
};

function refusal(d: SolidWasteDetails): string | null {
  const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!whole(d.containerYards, solidWasteLimits.containerYardsMax))
    return `container size must be 1–${solidWasteLimits.containerYardsMax} cubic yards`;
  if (!whole(d.containers, solidWasteLimits.containersMax))
    return `containers must be 1–${solidWasteLimits.containersMax}`;
  if (!whole(d.pickupsPerWeek, solidWasteLimits.pickupsPerWeekMax))
    return `pickups per week must be 1–${solidWasteLimits.pickupsPerWeekMax}`;
  return null;
}

/**
 * Sets (creates or replaces) the bins of an active solid-waste agreement. Setting the same
 * values again changes nothing and records nothing; a change is audited (before/after) and on
 * the account's timeline. The bill run prices the details in effect when it runs.
 *
 * Codes: `agreement_not_found`, `agreement_not_active` (not active), `invalid` (not a
 * solid-waste agreement, or a count out of range; `detail` says which).
 */
export async function setSolidWasteService(
  tx: Tx,
  input: SolidWasteDetails & { readonly agreementId: number },
  ctx: ServiceContext,
): Promise<Result<SolidWasteService, SetSolidWasteCode>> {
  const a = await tx.query<AgreementFacts>(
    `SELECT account_id, premise_id, service, rate_schedule, status
       FROM service_agreement WHERE id = $1 FOR UPDATE`,
    [input.agreementId],
  );
  const agreement = a.rows[0];
  if (agreement === undefined) return err('agreement_not_found');
  if (agreement.status !== 'active') return err('agreement_not_active');
  if (agreement.service !== 'solid_waste') return err('invalid', 'not a solid-waste agreement');
  const why = refusal(input);
  if (why !== null) return err('invalid', why);
  const before = (await solidWasteServicesOf(tx, [input.agreementId])).get(input.agreementId);
  const details = {
    containerYards: input.containerYards,
    containers: input.containers,
    pickupsPerWeek: input.pickupsPerWeek,
    recycling: input.recycling,
  };
  if (before && sameDetails(before, details)) return ok(before);
  const r = await tx.query<Row>(
    `INSERT INTO solid_waste_service (agreement_id, premise_id, container_yards, containers,
       pickups_per_week, recycling, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (agreement_id) DO UPDATE SET container_yards = EXCLUDED.container_yards,
       containers = EXCLUDED.containers, pickups_per_week = EXCLUDED.pickups_per_week,
       recycling = EXCLUDED.recycling, updated_at = EXCLUDED.updated_at,
       version = solid_waste_service.version + 1
     RETURNING agreement_id, container_yards, containers, pickups_per_week, recycling, version`,
    [
      input.agreementId,
      agreement.premise_id,
      details.containerYards,
      details.containers,
      details.pickupsPerWeek,
      details.recycling,
      ctx.now,
    ],
  );
  await recordChange(tx, input.agreementId, agreement.account_id, before, details, ctx);
  return ok(fromRow(r.rows[0]!));
}

function sameDetails(a: SolidWasteDetails, b: SolidWasteDetails): boolean {
  return (
    a.containerYards === b.containerYards &&
    a.containers === b.containers &&
    a.pickupsPerWeek === b.pickupsPerWeek &&
    a.recycling === b.recycling
  );
}

async function recordChange(
  tx: Tx,
  agreementId: number,
  accountId: number,
  before: SolidWasteService | undefined,
  after: SolidWasteDetails,
  ctx: ServiceContext,
): Promise<void> {
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'service.solid_waste_changed',
    entityType: 'service_agreement',
    entityId: agreementId,
    accountId,
    ...(before === undefined
      ? {}
      : {
          before: {
            containerYards: before.containerYards,
            containers: before.containers,
            pickupsPerWeek: before.pickupsPerWeek,
            recycling: before.recycling,
          },
        }),
    after,
  });
  const bins = `${after.containers} × ${after.containerYards} yd, ${after.pickupsPerWeek}/week`;
  await recordTimelineEvent(
    tx,
    {
      accountId,
      kind: 'solid_waste_changed',
      summary: `Solid-waste bins: ${bins}${after.recycling ? ', recycling' : ''}`,
      refType: 'service_agreement',
      refId: agreementId,
    },
    ctx,
  );
}
