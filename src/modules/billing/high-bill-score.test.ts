import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  changePct,
  dailyAverage,
  scoreLeak,
  seasonNote,
  type LeakFacts,
  type UsagePeriod,
} from './high-bill-score.ts';

const p = (usage: number, days = 30, end = '2026-07-31'): UsagePeriod => ({
  periodStart: '2026-07-01',
  periodEnd: end,
  days,
  usage,
});

const facts = (over: Partial<LeakFacts>): LeakFacts => ({
  current: p(12_000),
  previous: p(6_000),
  lastYear: p(6_000),
  history: { usage: 72_000, days: 360 },
  estimatedReads: 0,
  previousAlsoHigh: false,
  ...over,
});

describe('high-bill comparisons (BIL-8), pure', () => {
  it('compares daily averages, not period totals', () => {
    // 6,200 gal in 31 days = 200/day; 6,000 in 30 = 200/day: no change.
    assert.equal(changePct(p(6_200, 31), p(6_000, 30)), 0);
    // 9,000 / 30 = 300/day against 200/day: +50%.
    assert.equal(changePct(p(9_000), p(6_000)), 50);
    assert.equal(changePct(p(3_000), p(6_000)), -50);
    assert.equal(changePct(p(3_000), p(0)), null);
    assert.equal(dailyAverage(p(1_000, 3)), 333.33);
  });

  const cases: readonly (readonly [string, Partial<LeakFacts>, string, number])[] = [
    // +100% on last year with the same days (2), +100% on previous (1), 12,000/30 = 400/day
    // against 72,000/360 = 200/day = 2× (1): 4 → high.
    [
      'double the use of last year, last period and the 12-month average is a likely leak',
      {},
      'high',
      4,
    ],
    // The same, and the previous period was already 2× the history (+1): 5.
    ['a second high period in a row adds to it', { previousAlsoHigh: true }, 'high', 5],
    // 4 − 1 for an estimated read = 3: still high, but with the catch-up reason.
    ['an estimated read lowers the score', { estimatedReads: 1 }, 'high', 3],
    // Only last year +100% with same days (2); previous 12,000 (0%); history 400/day (1×): 2.
    [
      'up on last year only is a medium likelihood',
      { previous: p(12_000), history: { usage: 144_000, days: 360 } },
      'medium',
      2,
    ],
    // Last year 40 days: the days differ, 1 point; previous equal; history equal: 1 → low.
    [
      'a comparison with a different period length counts less',
      { lastYear: p(8_000, 40), previous: p(12_000), history: { usage: 144_000, days: 360 } },
      'low',
      1,
    ],
    // Nothing up: 0 → low, "in line".
    ['use in line with the history is low', { current: p(6_000) }, 'low', 0],
    // Previous 30 days, current 40 days at the same daily use: longer period −1 → low.
    [
      'a longer period explains a bigger bill',
      { current: p(8_000, 40), lastYear: null, history: null },
      'low',
      -1,
    ],
    // No history at all: nothing to compare, low.
    [
      'a new account without history is low',
      { previous: null, lastYear: null, history: null },
      'low',
      0,
    ],
  ];
  for (const [name, over, likelihood, score] of cases) {
    it(name, () => {
      const s = scoreLeak(facts(over));
      assert.deepEqual([s.likelihood, s.score], [likelihood, score], s.reasons.join(' | '));
      assert.ok(s.reasons.length > 0);
    });
  }

  it('gives each point its reason', () => {
    assert.deepEqual(scoreLeak(facts({})).reasons, [
      'Use per day is up 100% on the same period last year with about the same number of days.',
      'Use per day is up 100% on the previous period.',
      'Continuous high use: 2× the 12-month daily average.',
    ]);
    assert.deepEqual(scoreLeak(facts({ current: p(6_000) })).reasons, [
      'Use is in line with the history.',
    ]);
  });

  it('notes the season of the period end', () => {
    assert.match(seasonNote('water', '2026-07-31'), /^Summer: outdoor watering/);
    assert.match(seasonNote('water', '2026-01-31'), /^Winter:/);
    assert.match(seasonNote('gas', '2026-12-31'), /heating/);
    assert.match(seasonNote('electric', '2026-08-31'), /cooling/);
  });
});
