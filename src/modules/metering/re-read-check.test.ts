import assert from 'node:assert/strict';
import { it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { reReadConfirms, type HeldForReRead } from './re-read-check.ts';

const k = 1000; // one dial unit in milli
// A water register read 10,000 gal on Jan 1 that usually uses about 500 gal a month.
const highHeld: HeldForReRead = {
  holdReason: 'high_usage',
  readDate: localDate('2026-01-31'),
  valueMilli: 15_000 * k,
  deltaMilli: 5_000 * k,
  days: 30,
};
const lowHeld: HeldForReRead = {
  ...highHeld,
  holdReason: 'low_usage',
  valueMilli: 10_050 * k,
  deltaMilli: 50 * k,
};
const zeroHeld: HeldForReRead = {
  ...highHeld,
  holdReason: 'zero_usage',
  valueMilli: 10_000 * k,
  deltaMilli: 0,
};
const feb3 = localDate('2026-02-03');

const cases: ReadonlyArray<{
  name: string;
  held: HeldForReRead;
  date?: string;
  value: number;
  dials?: number;
  confirms: boolean;
}> = [
  {
    name: 'a leak that goes on confirms a high read',
    held: highHeld,
    value: 15_520,
    confirms: true,
  },
  { name: 'a high misread is above the re-read', held: highHeld, value: 10_520, confirms: false },
  {
    name: 'a low misread is followed by the use it missed',
    held: lowHeld,
    value: 10_520,
    confirms: false,
  },
  {
    name: 'a vacation that goes on confirms a low read',
    held: lowHeld,
    value: 10_052,
    confirms: true,
  },
  { name: 'an empty house confirms a zero read', held: zeroHeld, value: 10_000, confirms: true },
  { name: 'any use after a zero read corrects it', held: zeroHeld, value: 10_001, confirms: false },
  {
    name: 'a re-read on the held date counts as one day',
    held: highHeld,
    date: '2026-01-31',
    value: 15_100,
    confirms: true,
  },
  {
    name: 'a re-read dated before the held read never confirms it',
    held: highHeld,
    date: '2026-01-30',
    value: 15_000,
    confirms: false,
  },
  {
    name: 'a backwards read is for a person to decide',
    held: { ...highHeld, holdReason: 'negative_usage', deltaMilli: null, days: null },
    value: 15_000,
    confirms: false,
  },
  {
    name: 'a register that rolled over between the reads',
    held: { ...highHeld, valueMilli: 9_900 * k },
    dials: 4,
    value: 400, // 9,900 → 10,400 on four dials
    confirms: true,
  },
  // 100 gal a day held; 10 days later twice that rate is the limit.
  {
    name: 'exactly twice the held daily use confirms',
    held: { ...highHeld, deltaMilli: 3_000 * k, valueMilli: 13_000 * k },
    date: '2026-02-10',
    value: 15_000,
    confirms: true,
  },
  {
    name: 'a thousandth more does not',
    held: { ...highHeld, deltaMilli: 3_000 * k, valueMilli: 13_000 * k },
    date: '2026-02-10',
    value: 15_000.001,
    confirms: false,
  },
  {
    name: 'ten dials in thousandths stay exact',
    held: { ...highHeld, valueMilli: 9_000_000_000 * k, deltaMilli: 4_000_000_000 * k },
    dials: 10,
    value: 9_000_000_000 + 800_000_000,
    confirms: true,
  },
];

for (const c of cases)
  it(c.name, () => {
    const reRead = {
      readDate: c.date === undefined ? feb3 : localDate(c.date),
      valueMilli: Math.round(c.value * k),
    };
    assert.equal(reReadConfirms(c.held, reRead, c.dials ?? 6), c.confirms);
  });
