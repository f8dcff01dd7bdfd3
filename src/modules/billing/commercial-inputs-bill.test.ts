import assert from 'node:assert/strict';
import { it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { demoSchedule, type RateScheduleVersion } from '../rates/index.ts';
import { draftBill } from './draft-bill.ts';
import type { AgreementInput, BillInputs } from './types.ts';

const v = (code: string): readonly RateScheduleVersion[] => [demoSchedule(code)!];

function bill(agreement: Omit<AgreementInput, 'agreementId' | 'meterSize'>): BillInputs {
  return {
    accountId: 9,
    periodStart: localDate('2026-01-01'),
    periodEnd: localDate('2026-01-31'),
    agreements: [{ agreementId: 1, meterSize: null, ...agreement }],
    environmentalFee: v('ENV'),
  };
}

const sw = (container?: AgreementInput['container']) =>
  bill({
    service: 'solid_waste',
    rateSchedule: 'SW-COMM',
    versions: v('SW-COMM'),
    usage: { kind: 'flat' },
    ...(container ? { container } : {}),
  });

const e31 = (demandKw?: number) =>
  bill({
    service: 'electric',
    rateSchedule: 'E3.1',
    versions: v('E3.1'),
    usage: { kind: 'metered', units: 20_000 },
    ...(demandKw === undefined ? {} : { demandKw }),
  });

const amounts = (b: BillInputs) => {
  const r = draftBill(b);
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.detail}`);
  return { lines: new Map(r.value.lines.map((l) => [l.line.code, l.line.amountCents])), r };
};

it('prices a SW-COMM bill on its bins: 2 × 3 yd emptied twice a week, 30 days', () => {
  // 6.50 × (2 × 3) yd × 2/week × 4.33 = 337.74; container charge 12.00;
  // city tax 2 % of 349.74 = 6.9948 → 6.99; ENV 7.32. Total 337.74 + 12.00 + 6.99 + 7.32 = 364.05.
  const { lines, r } = amounts(sw({ cubicYards: 6, pickupsPerWeek: 2 }));
  assert.equal(lines.get('SW-COMM'), 33_774);
  assert.equal(lines.get('SW-CONT'), 1_200);
  assert.equal(r.value.totalCents, 36_405);
});

it('fails a SW-COMM account without bins as container_required (data to fix)', () => {
  const r = draftBill(sw());
  assert.equal(r.ok ? 'ok' : r.code, 'container_required');
});

it('charges E3.1 demand on all 80 billed kW above the 50 kW threshold', () => {
  // Generation 80 × 3.52 = 281.60; distribution 80 × 4.10 = 328.00.
  // Customer 19.72 + winter energy 20,000 × 0.050 = 1,000.00 + EECAF Jan 20,000 × 0.040 =
  // 800.00 + 281.60 + 328.00 = 2,429.32; state 5.6 % = 136.04192 → 136.04, county 0.7 % =
  // 17.00524 → 17.01, city 2 % = 48.5864 → 48.59; ENV 7.32. Total 2,638.28.
  const { lines, r } = amounts(e31(80));
  assert.equal(lines.get('E-DEM-GEN'), 28_160);
  assert.equal(lines.get('E-DEM-DIST'), 32_800);
  assert.equal(r.value.totalCents, 263_828);
});

it('adds no demand line at or below 50 kW', () => {
  const { lines } = amounts(e31(50));
  assert.equal(lines.has('E-DEM-GEN'), false);
  assert.equal(lines.has('E-DEM-DIST'), false);
});

it('skips an E3.1 account without a demand read as no_read (waiting for the read)', () => {
  const r = draftBill(e31());
  assert.equal(r.ok ? 'ok' : r.code, 'no_read');
  assert.match(r.ok ? '' : (r.detail ?? ''), /kW demand/);
});
