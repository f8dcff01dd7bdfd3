import assert from 'node:assert/strict';
import { it } from 'node:test';
import { daysBetween, monthOf, type LocalDate } from '../core/dates.ts';
import { readingCalendar, scheduleCycles, type YearMonth } from '../modules/billing/index.ts';
import { planCity } from './plan-city.ts';
import { planMeters, type MeterPlan } from './plan-meters.ts';
import { planReads, readsCsv, type ReadsPlan } from './plan-reads.ts';
import { createRandom } from './random.ts';

const now = new Date('2026-11-26T17:00:00Z');
const today = '2026-11-26' as LocalDate;
const plan = planCity({ accounts: 2_000, seed: 11, now });
const meters = planMeters(plan);
const readDates = new Map<number, LocalDate[]>();
for (const r of scheduleCycles(
  '2024-11' as YearMonth,
  '2026-11' as YearMonth,
  readingCalendar([2024, 2025, 2026, 2027]),
)) {
  if (r.readDate <= today) readDates.set(r.cycle, [...(readDates.get(r.cycle) ?? []), r.readDate]);
}
const input = {
  meters,
  cycleOf: (m: MeterPlan) => plan.premises[m.premise]!.cycle,
  readDates,
  today,
};
const reads = planReads(input, createRandom(5));

/** Average daily use of a service's residential meters over periods closing in `months`. */
function dailyUse(p: ReadsPlan, service: string, months: readonly number[]): number {
  let units = 0;
  let days = 0;
  for (let i = 1; i < p.reads.length; i++) {
    const [a, b] = [p.reads[i - 1]!, p.reads[i]!];
    const m = meters[b.meter]!;
    if (a.meter !== b.meter || m.service !== service || m.accountClass !== 'residential') continue;
    if (!months.includes(monthOf(b.readDate)) || b.reading < a.reading) continue;
    units += b.reading - a.reading;
    days += daysBetween(a.readDate, b.readDate);
  }
  return units / days;
}

const summer = [6, 7, 8, 9];
const winter = [12, 1, 2];

it('plans the same reads from the same seed and different ones from another', () => {
  assert.deepEqual(planReads(input, createRandom(5)), reads);
  assert.notDeepEqual(planReads(input, createRandom(6)).reads, reads.reads);
});

it('reads a meter in service for the whole window on each of its cycle’s 25 read dates', () => {
  const always = meters.findIndex(
    (m) => m.spans.length === 1 && m.spans[0]!.start < '2024-01-01' && m.spans[0]!.stop === null,
  );
  const mine = reads.reads.filter((r) => r.meter === always).map((r) => r.readDate);
  assert.deepEqual(mine, readDates.get(plan.premises[meters[always]!.premise]!.cycle));
  assert.equal(mine.length, 25); // the November 2024 baseline + 24 monthly reads
});

it('peaks water and electric in the Mesa summer and gas in winter', () => {
  const ratio = (service: string, high: number[], low: number[]) =>
    dailyUse(reads, service, high) / dailyUse(reads, service, low);
  assert.ok(ratio('water', summer, winter) > 1.3, `water ${ratio('water', summer, winter)}`);
  assert.ok(ratio('electric', summer, winter) > 1.8, 'electric');
  assert.ok(ratio('gas', winter, summer) > 2.5, `gas ${ratio('gas', winter, summer)}`);
});

it('plants a few leaks and misreads, not many', () => {
  const water = meters.filter((m) => m.service === 'water').length;
  assert.ok(reads.leaks > 0 && reads.leaks < water * 0.05, `${reads.leaks} leaks`);
  assert.ok(reads.misreads > 0 && reads.misreads < reads.reads.length * 0.02);
});

it('writes the reads as an OpenCIS reads CSV with the register named', () => {
  const lines = readsCsv(reads, meters).trimEnd().split('\n');
  assert.equal(lines[0], 'meter_number,read_date,reading,register');
  assert.equal(lines.length, reads.reads.length + 1);
  assert.match(lines[1]!, /^[WGEH]\d{8},\d{4}-\d{2}-\d{2},\d+,(gallon|therm|kwh)$/);
});
