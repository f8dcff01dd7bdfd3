import assert from 'node:assert/strict';
import { it } from 'node:test';
import { meterPlaces } from '../../web/src/account/meter-places.ts';

// A meter heading names its premise only when the account has meters at several premises.
it('meter headings name the premise only when the account has several', () => {
  const addresses = new Map([
    [1, '12 E Main St, Mesa'],
    [2, '40 W Oak Ave, Mesa'],
  ]);
  const rows: [string, { meterNumber: string; premiseId: number }[], [string, string | null][]][] =
    [
      ['no meters', [], []],
      [
        'one premise, two meters',
        [
          { meterNumber: 'W1', premiseId: 1 },
          { meterNumber: 'E1', premiseId: 1 },
        ],
        [
          ['W1', null],
          ['E1', null],
        ],
      ],
      [
        'two premises, one unknown to the account',
        [
          { meterNumber: 'W1', premiseId: 1 },
          { meterNumber: 'W2', premiseId: 2 },
          { meterNumber: 'W9', premiseId: 9 },
        ],
        [
          ['W1', '12 E Main St, Mesa'],
          ['W2', '40 W Oak Ave, Mesa'],
          ['W9', 'premise 9'],
        ],
      ],
    ];
  for (const [name, meters, expected] of rows)
    assert.deepEqual([...meterPlaces(meters, addresses)], expected, name);
});
