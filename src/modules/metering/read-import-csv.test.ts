import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReadsCsvRows } from './read-import-csv.ts';
import { meterOf } from './read-import-rows.ts';

describe('parseReadsCsvRows: one string per distinct meter number', () => {
  it('gives every read of a meter the same index, however the field was written', () => {
    const lines = ['meter_number,read_date,reading'];
    // Enough meters to grow the lookup table several times, each read twice, one padded and
    // one quoted: all three spellings are the same meter.
    for (let m = 0; m < 5_000; m++) lines.push(`M${m},2026-01-31,1`);
    for (let m = 0; m < 5_000; m++) lines.push(` M${m} ,2026-02-28,2`);
    lines.push('"M42",2026-03-31,3');
    const { rows, errors } = parseReadsCsvRows(lines.join('\n'));
    assert.deepEqual(errors, []);
    assert.equal(rows.n, 10_001);
    assert.equal(rows.meters.length, 5_000);
    for (let m = 0; m < 5_000; m++) {
      assert.equal(rows.meter[m], m);
      assert.equal(rows.meter[5_000 + m], m);
      assert.equal(meterOf(rows, 5_000 + m), `M${m}`);
    }
    assert.equal(rows.meter[10_000], 42);
  });

  it('reports an empty meter number and keeps it out of the meter list', () => {
    const { rows, errors } = parseReadsCsvRows(
      'meter_number,read_date,reading\n ,2026-01-31,1\nA1,2026-01-31,1',
    );
    assert.deepEqual(errors, [
      { line: 2, code: 'missing_meter_number', detail: 'meter_number is empty' },
    ]);
    assert.deepEqual(rows.meters, ['A1']);
  });
});
