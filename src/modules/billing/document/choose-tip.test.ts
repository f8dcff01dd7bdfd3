import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseTip, seasonOf, usageBand, type ConservationTip } from './choose-tip.ts';

const tip = (
  id: number,
  service: string,
  usageBand: ConservationTip['usageBand'],
  season: ConservationTip['season'],
  priority = 100,
): ConservationTip => ({
  id,
  service,
  usageBand,
  season,
  priority,
  textEn: `t${id}`,
  textEs: `e${id}`,
});

const tips = [
  tip(1, 'water', 'high', 'summer', 10),
  tip(2, 'water', 'high', 'winter', 10),
  tip(3, 'water', 'low', 'any', 50),
  tip(4, 'electric', 'any', 'any', 90),
  tip(5, 'any', 'any', 'any', 100),
  tip(6, 'any', 'any', 'any', 100),
];

describe('billing: conservation tip choice (BIL-11)', () => {
  it('bands usage against the same month last year, ±20%', () => {
    const table: [number, number | null, number[], string][] = [
      [121, 100, [], 'high'], // 121 > 100 × 1.2
      [120, 100, [], 'typical'], // exactly 1.2× is not above it
      [79, 100, [], 'low'], // 79 < 100 × 0.8
      [100, null, [], 'typical'], // nothing to compare with
      // No last year: the average month with reads, 3,000 / 30 = 100 a day → 130 is high.
      [130, null, [0, 3000, 3000, 3000], 'high'],
    ];
    for (const [daily, lastYear, history, band] of table) {
      assert.equal(usageBand(daily, lastYear, history), band, `${daily} vs ${lastYear}`);
    }
  });

  it('takes summer as May to October', () => {
    assert.deepEqual([4, 5, 10, 11].map(seasonOf), ['winter', 'summer', 'summer', 'winter']);
  });

  it('prefers the most specific tip for the service, band and season', () => {
    const f = (service: string, band: 'high' | 'typical' | 'low', season: 'summer' | 'winter') =>
      chooseTip(tips, [{ service, band, season }], 0)?.id;
    assert.equal(f('water', 'high', 'winter'), 2);
    assert.equal(f('water', 'high', 'summer'), 1);
    assert.equal(f('water', 'low', 'summer'), 3);
    assert.equal(f('electric', 'high', 'summer'), 4);
  });

  it('falls back to a general tip, rotating ties by the bill id', () => {
    const picks = [0, 1, 2].map((seed) => chooseTip(tips, [], seed)?.id);
    assert.deepEqual(picks, [5, 6, 5]);
    // A service with no tip of its own (water, typical) also gets a general one.
    assert.equal(
      chooseTip(tips, [{ service: 'water', band: 'typical', season: 'summer' }], 1)?.id,
      6,
    );
    assert.equal(chooseTip([], [], 0), null);
  });
});
