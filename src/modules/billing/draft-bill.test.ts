import assert from 'node:assert/strict';
import { it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { demoSchedule, type RateScheduleVersion } from '../rates/index.ts';
import { billEntry } from './bill-entry.ts';
import { draftBill } from './draft-bill.ts';
import type { AgreementInput, BillInputs, UsageFact } from './types.ts';

const v = (code: string): readonly RateScheduleVersion[] => [demoSchedule(code)!];

function inputs(water: UsageFact, sewerVersions = v('S1.1')): BillInputs {
  const agreements: AgreementInput[] = [
    {
      agreementId: 1,
      service: 'water',
      rateSchedule: 'W1.1',
      meterSize: '3/4',
      versions: v('W1.1'),
      usage: water,
    },
    {
      agreementId: 2,
      service: 'wastewater',
      rateSchedule: 'S1.1',
      meterSize: null,
      versions: sewerVersions,
      usage: { kind: 'flat' },
    },
  ];
  return {
    accountId: 7,
    periodStart: localDate('2026-01-01'),
    periodEnd: localDate('2026-01-31'),
    agreements,
    environmentalFee: v('ENV'),
  };
}

// Winter, 30 days. Water at 2,000 gal: 30.93 + 0.00 (included) = 30.93; taxes 1.73 + 0.22 + 0.62.
// Wastewater on min(5, 2) = 2 kgal: 12.50 + 6.20 = 18.70; city 0.37. ENV 7.32.
const cases = [
  {
    name: 'winter average falls to actual water use when lower',
    water: { kind: 'metered', units: 2000 },
    want: { total: 3350 + 1907 + 732 },
  },
  {
    name: 'a missing read stops the account with no_read',
    water: { kind: 'no_read' },
    want: { code: 'no_read' },
  },
  {
    name: 'a held read stops the account with held_read',
    water: { kind: 'held_read' },
    want: { code: 'held_read' },
  },
  {
    name: 'a schedule with no version is missing_rate',
    water: { kind: 'metered', units: 2000 },
    sewer: [],
    want: { code: 'missing_rate' },
  },
] as const;

for (const c of cases) {
  it(`draftBill: ${c.name}`, () => {
    const r = draftBill(inputs(c.water, 'sewer' in c ? c.sewer : undefined));
    if ('code' in c.want) {
      assert.equal(r.ok ? 'ok' : r.code, c.want.code);
      return;
    }
    assert.ok(r.ok);
    assert.equal(r.value.totalCents, c.want.total);
    const entry = billEntry(r.value, 'memo');
    const debit = entry!.lines.reduce((s, l) => s + (l.debitCents ?? 0), 0);
    const credit = entry!.lines.reduce((s, l) => s + (l.creditCents ?? 0), 0);
    assert.deepEqual([debit, credit], [c.want.total, c.want.total]);
    assert.equal(entry!.sourceRef, 'bill:7:2026-01-31');
    assert.deepEqual(r.value.lines[0]!.versionsEffectiveFrom, ['2026-01-01']);
  });
}
