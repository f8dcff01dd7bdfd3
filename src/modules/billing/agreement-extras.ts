import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { solidWasteServicesOf } from '../customers/index.ts';
import { demandForAgreements } from '../metering/index.ts';

/** What the engine needs beyond usage: the bins (SW-COMM) and the billed kW (E3.1). */
export type AgreementExtras = {
  readonly container?: { readonly cubicYards: number; readonly pickupsPerWeek: number };
  readonly demandKw?: number;
};

type ExtrasRow = {
  readonly agreementId: number;
  readonly service: string;
  readonly meterNumber: string | null;
  readonly periodStart: LocalDate;
};

/**
 * The bins of the solid-waste agreements (customers) and the period's peak kW of the
 * electric agreements' `kw` registers (metering), by agreement id; two queries for a page.
 * The billed cubic yards are a bin's size × the number of bins (the rate prices yard-pickups).
 * An agreement without bins or without a demand read has no entry for it: the engine refuses
 * only when its schedule needs one (`container_required`, `demand_required`).
 */
export async function agreementExtras(
  q: Queryable,
  rows: readonly ExtrasRow[],
  asOf: LocalDate,
): Promise<ReadonlyMap<number, AgreementExtras>> {
  const out = new Map<number, AgreementExtras>();
  const waste = rows.filter((r) => r.service === 'solid_waste').map((r) => r.agreementId);
  const bins = await solidWasteServicesOf(q, waste);
  for (const [agreementId, b] of bins) {
    const container = {
      cubicYards: b.containerYards * b.containers,
      pickupsPerWeek: b.pickupsPerWeek,
    };
    out.set(agreementId, { container });
  }
  const electric = rows.filter((r) => r.service === 'electric' && r.meterNumber !== null);
  const demand = await demandForAgreements(
    q,
    electric.map((r) => ({ meterNumber: r.meterNumber, after: r.periodStart, through: asOf })),
  );
  electric.forEach((r, i) => {
    const kw = demand[i];
    if (kw !== null && kw !== undefined)
      out.set(r.agreementId, { ...out.get(r.agreementId), demandKw: kw });
  });
  return out;
}
