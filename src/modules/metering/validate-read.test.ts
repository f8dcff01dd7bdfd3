import assert from 'node:assert/strict';
import { it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import {
  emptyHistory,
  formatMilli,
  parseReading,
  validateRead,
  type ReadContext,
} from './validate-read.ts';

// History: 2 prior periods, 60 days, 6,000 units → 100 units a day on average.
const history = { deltaMilli: 6_000_000, days: 60, periods: 2 };
const prev = { readDate: localDate('2026-01-01'), valueMilli: 1_000_000 }; // 1,000.000
const base: ReadContext = { dials: 5, meterInstalled: true, previous: prev, history };

const cases: ReadonlyArray<{
  name: string;
  ctx?: Partial<ReadContext>;
  date?: string;
  value: number;
  expect: { status?: string; reason?: string | null; delta?: number | null; error?: string };
}> = [
  {
    name: 'a first read is the baseline',
    ctx: { previous: undefined },
    value: 5,
    expect: { status: 'accepted', reason: null, delta: null },
  },
  {
    name: 'a normal read is accepted with its usage',
    value: 4_000_000,
    expect: { status: 'accepted', reason: null, delta: 3_000_000 },
  },
  {
    name: 'a read past the dials wraps at 10^dials (rollover)',
    ctx: { previous: { ...prev, valueMilli: 99_000_000 } },
    value: 2_000_000,
    expect: { status: 'accepted', delta: 3_000_000 },
  },
  {
    name: 'a backwards read that is no plausible rollover is held negative',
    value: 900_000,
    expect: { status: 'held', reason: 'negative_usage', delta: null },
  },
  {
    name: 'zero usage on an installed meter is held',
    value: 1_000_000,
    expect: { status: 'held', reason: 'zero_usage', delta: 0 },
  },
  {
    name: 'zero usage on a removed meter is accepted',
    ctx: { meterInstalled: false },
    value: 1_000_000,
    expect: { status: 'accepted', delta: 0 },
  },
  {
    name: 'more than 3x the average daily use is held high',
    value: 10_000_001 + 0,
    expect: { status: 'held', reason: 'high_usage' },
  },
  {
    name: 'exactly 3x the average daily use is accepted',
    value: 10_000_000,
    expect: { status: 'accepted' },
  },
  {
    name: 'less than 0.25x the average daily use is held low',
    value: 1_700_000,
    expect: { status: 'held', reason: 'low_usage' },
  },
  {
    name: 'high use without two prior periods is accepted',
    ctx: { history: { deltaMilli: 3_000_000, days: 30, periods: 1 } },
    value: 50_000_000,
    expect: { status: 'accepted' },
  },
  {
    name: 'a rollover that lands far above the history is held high',
    ctx: { previous: { ...prev, valueMilli: 99_000_000 } },
    value: 45_000_000,
    expect: { status: 'held', reason: 'high_usage' },
  },
  {
    name: 'a read on the previous read date is out of order',
    date: '2026-01-01',
    value: 2_000_000,
    expect: { error: 'read_out_of_order' },
  },
  {
    name: 'a read at or above 10^dials is refused',
    value: 100_000_000,
    expect: { error: 'reading_exceeds_dials' },
  },
  {
    name: 'no history at all never holds high or low',
    ctx: { history: emptyHistory },
    value: 90_000_000,
    expect: { status: 'accepted' },
  },
];

for (const c of cases) {
  it(c.name, () => {
    const v = validateRead({ ...base, ...c.ctx }, localDate(c.date ?? '2026-01-31'), c.value);
    if (c.expect.error !== undefined) {
      assert.equal(v.kind === 'error' ? v.code : v.status, c.expect.error);
      return;
    }
    assert.equal(v.kind, 'read');
    if (v.kind !== 'read') return;
    assert.equal(v.status, c.expect.status);
    if (c.expect.reason !== undefined) assert.equal(v.holdReason, c.expect.reason);
    if (c.expect.delta !== undefined) assert.equal(v.deltaMilli, c.expect.delta);
  });
}

it('a rollover read is marked as one', () => {
  const v = validateRead(
    { ...base, previous: { ...prev, valueMilli: 99_000_000 } },
    localDate('2026-01-31'),
    2_000_000,
  );
  assert.ok(v.kind === 'read' && v.rollover);
});

const readings: ReadonlyArray<[string, number | undefined]> = [
  ['0', 0],
  ['227.6', 227_600],
  ['12345.678', 12_345_678],
  [' 42 ', 42_000],
  ['1.2345', undefined],
  ['-5', undefined],
  ['abc', undefined],
  ['', undefined],
  ['1e5', undefined],
];
for (const [text, milli] of readings) {
  it(`the reading "${text}" parses to ${String(milli)} thousandths`, () => {
    assert.equal(parseReading(text), milli);
  });
}

it('thousandths format back to exact decimal text', () => {
  assert.equal(formatMilli(227_600), '227.600');
  assert.equal(formatMilli(5), '0.005');
});
