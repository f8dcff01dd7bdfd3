import type { LocalDate } from '../../core/dates.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { activeAgreementsOf, metersOfAccount } from '../customers/index.ts';
import { feeAsOf, feeCodes } from '../rates/index.ts';
import type { HoldService } from './seasonal-hold.ts';
import {
  seasonalHoldPolicy,
  seasonalHoldsOf,
  type SeasonalHoldView,
} from './seasonal-hold-store.ts';

export type HoldPhase = 'scheduled' | 'active' | 'ended' | 'cancelled';

export function holdPhase(h: SeasonalHoldView, today: LocalDate): HoldPhase {
  if (h.status === 'cancelled') return 'cancelled';
  if (today < h.from) return 'scheduled';
  return today <= h.through ? 'active' : 'ended';
}

/** The account's holds (newest first, with their phase today) and what a new one can hold. */
export async function getSeasonalHolds(
  q: Queryable,
  accountId: number,
  today: LocalDate,
): Promise<
  Result<
    {
      holds: (SeasonalHoldView & { phase: HoldPhase })[];
      services: HoldService[];
      feePerServiceCents: number | null;
      monthsMin: number;
      monthsMax: number;
      leadDaysMax: number;
    },
    'account_not_found'
  >
> {
  const meters = await metersOfAccount(q, accountId);
  if (!meters.ok) return meters;
  const holds = (await seasonalHoldsOf(q, accountId)).map((h) => ({
    ...h,
    phase: holdPhase(h, today),
  }));
  const agreements = await activeAgreementsOf(q, [accountId]);
  const services = (['electric', 'gas', 'water'] as const).filter((s) =>
    agreements.some((a) => a.service === s && a.meterNumber !== null),
  );
  const fee = await feeAsOf(q, feeCodes.seasonalHold, today);
  const policy = await seasonalHoldPolicy(q);
  return ok({
    holds,
    services: [...services],
    feePerServiceCents: fee.ok ? fee.value.amountCents : null,
    ...policy,
  });
}
