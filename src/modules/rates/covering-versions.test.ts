import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { coveringVersions, demoSchedule, type RateScheduleVersion } from './index.ts';

// coveringVersions is the rule versionsCovering's query used to apply in SQL, and the bill
// run's rate cache applies in memory: the version in effect on the first day of the period and
// every one that starts inside it.
const base = demoSchedule('E1.1');
assert.ok(base);
const at = (d: string): RateScheduleVersion => ({ ...base, effectiveFrom: localDate(d) });
const versions = [at('2024-01-01'), at('2025-07-01'), at('2026-01-01'), at('2026-07-01')];

describe('coveringVersions', () => {
  const cases: readonly [string, string, string, readonly string[]][] = [
    ['a period inside one version', '2025-08-10', '2025-09-09', ['2025-07-01']],
    ['a period across a change', '2025-12-15', '2026-01-14', ['2025-07-01', '2026-01-01']],
    ['a period starting on the change day', '2026-01-01', '2026-01-31', ['2026-01-01']],
    [
      'a period ending on the change day (exclusive end)',
      '2025-12-02',
      '2026-01-01',
      ['2025-07-01'],
    ],
    [
      'a period across two changes',
      '2025-06-15',
      '2026-01-02',
      ['2024-01-01', '2025-07-01', '2026-01-01'],
    ],
    ['before any version: only those starting inside', '2023-12-20', '2024-01-19', ['2024-01-01']],
    ['before any version and none inside', '2023-01-01', '2023-02-01', []],
    ['after the last change', '2027-01-01', '2027-02-01', ['2026-07-01']],
  ];
  for (const [name, from, to, want] of cases) {
    it(name, () => {
      const got = coveringVersions(versions, localDate(from), localDate(to));
      assert.deepEqual(
        got.map((v) => v.effectiveFrom),
        want,
      );
    });
  }

  it('no versions at all', () => {
    assert.deepEqual(coveringVersions([], localDate('2026-01-01'), localDate('2026-02-01')), []);
  });
});
