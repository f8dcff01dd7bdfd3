import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cents } from '../../core/money.ts';
import type { LocalDate } from '../../core/dates.ts';
import { copyField } from '../../db/index.ts';
import {
  fullExplanation,
  storedExplanation,
  storedExplanationCopyField,
} from './line-explanation.ts';
import type { DraftLine } from './types.ts';

const base = {
  agreementId: 7,
  service: 'water',
  scheduleCode: 'W1.1',
  versionsEffectiveFrom: ['2025-07-01', '2026-01-01'] as LocalDate[],
};

const lines: { name: string; line: DraftLine['line'] }[] = [
  {
    name: 'a tier block',
    line: {
      code: 'W-USAGE',
      description: 'Water, 3000–10000 gallon (winter)',
      kind: 'tiered-block',
      quantity: 2986,
      unit: 'gallon',
      unitPriceMicros: 4_200_000,
      pricePer: 1000,
      blockFrom: 3000,
      blockTo: 10000,
      unroundedMicros: '12541200',
      amountCents: cents(1254),
    },
  },
  {
    name: 'the last open block, prorated',
    line: {
      code: 'W-USAGE',
      description: 'Water, over 10000 gallon "peak"\\',
      kind: 'tiered-block',
      quantity: 12,
      unit: 'gallon',
      unitPriceMicros: 5_100_000,
      pricePer: 1000,
      blockFrom: 10000,
      blockTo: null,
      proration: '17/30',
      unroundedMicros: '61200/7',
      amountCents: cents(1),
    },
  },
  {
    name: 'a percentage tax',
    line: {
      code: 'TAX-STATE',
      description: 'State tax 5.6% on $43.47',
      kind: 'tax',
      quantity: 4347,
      unit: 'cent',
      unitPriceMicros: null,
      pricePer: 1,
      basisPoints: 560,
      unroundedMicros: '2434320',
      amountCents: cents(243),
    },
  },
];

describe('bill line explanations: stored compact, read whole', () => {
  for (const { name, line } of lines) {
    it(`${name}: the stored JSON leaves out the columns, and reading puts them back`, () => {
      const l: DraftLine = { ...base, line };
      const stored = JSON.parse(storedExplanation(l)) as Record<string, unknown>;
      for (const column of ['code', 'description', 'quantity', 'unit', 'amountCents'])
        assert.equal(column in stored, false, column);
      const whole = fullExplanation(stored, line);
      assert.deepEqual(whole, {
        scheduleCode: base.scheduleCode,
        versionsEffectiveFrom: base.versionsEffectiveFrom,
        ...line,
      });
    });
  }

  it('the COPY text form is the stored JSON escaped, whatever the schedule code holds', () => {
    for (const scheduleCode of ['W1.1', 'odd\t"code"\\\n', 'W1.1']) {
      for (const { line } of lines) {
        // A fresh versions list and the same one again (the shared part is made once per list).
        for (const versionsEffectiveFrom of [
          base.versionsEffectiveFrom,
          ['2026-01-01'] as LocalDate[],
        ]) {
          const l: DraftLine = { ...base, scheduleCode, versionsEffectiveFrom, line };
          assert.equal(storedExplanationCopyField(l), copyField(storedExplanation(l)));
          const stored = JSON.parse(storedExplanation(l)) as Record<string, unknown>;
          assert.deepEqual(
            [stored['scheduleCode'], stored['versionsEffectiveFrom'], stored['kind']],
            [scheduleCode, versionsEffectiveFrom, line.kind],
          );
        }
      }
    }
  });

  it('a line stored whole before the compact form reads the same', () => {
    const line = lines[0]!.line;
    const old = { scheduleCode: 'W1.1', versionsEffectiveFrom: ['2026-01-01'], ...line };
    assert.deepEqual(fullExplanation(old, line), old);
  });
});
