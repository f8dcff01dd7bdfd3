import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { importReads, installMeter, parseReadsFile } from './index.ts';

/** The NEM12 files in ../testdata/external/meter-reads/nem12 (aguinane/nem-reader, MIT). */
const dir = join(process.cwd(), '..', 'shared', 'testdata', 'external', 'meter-reads', 'nem12');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const scenario = (n: number): string => read(`NEM12#SCENARIO${n}#UNITEDDP#NEMMCO.csv`);
const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

describe('NEM12 parsing (every sample file)', () => {
  // Expected per file: reads (meter day kWh-thousandths source) or the first error.
  // Day totals are the sums of the 300 record's interval values, e.g. SCENARIO1 line 3:
  // 0.461 + 0.810 + … + 0.2xx over 48 half-hours = 31.444 kWh → 31,444 thousandths.
  const cases: [string, number, string][] = [
    ['NEM12#SCENARIO1#UNITEDDP#NEMMCO.csv', 8, 'NEM1201009-E1 2005-03-01 31444 import'],
    // 15-minute then 30-minute intervals: 96 values (45.925 kWh), later 48 values.
    ['NEM12#SCENARIO5#UNITEDDP#NEMMCO.csv', 4, 'NEM1205089-E1 2005-03-01 45925 import'],
    // Q1/K1 are kvarh: skipped with a note; E1 and B1 kWh: 4 days each.
    ['NEM12#SCENARIO2#UNITEDDP#NEMMCO.csv', 8, 'NEM1202029-E1 2005-03-01 34390 import'],
    // 400 records: intervals 21–48 F51 (final substituted) → the day is an estimate.
    ['NEM12#SCENARIO10#UNITEDDP#NEMMCO.csv', 6, 'NEM1210189-E1 2005-03-02 8631 estimate'],
  ];
  for (const [file, count, sample] of cases) {
    it(`${file} rolls up to ${count} daily reads including ${sample}`, () => {
      const p = parseReadsFile(read(file));
      assert.equal(p.format, 'nem12');
      assert.deepEqual(p.errors, []);
      const lines = p.reads.map(
        (r) => `${r.meterNumber} ${r.readDate} ${r.usageMilli} ${r.source}`,
      );
      assert.equal(lines.length, count);
      assert.ok(lines.includes(sample), lines.join('\n'));
    });
  }

  it('names the skipped non-energy channels', () => {
    assert.deepEqual(parseReadsFile(scenario(2)).notes, [
      'line 12: channel NEM1202029-Q1 in kvarh skipped',
      'line 17: channel NEM1202029-K1 in kvarh skipped',
    ]);
  });

  it('rejects every file in invalid/ with a line and a field', () => {
    const expected: Record<string, { line: number; code: string; detail: RegExp }> = {
      'Example_NEM12_incomplete_interval.csv': {
        line: 3,
        code: 'wrong_field_count',
        detail: /300 record has 7 fields; IntervalLength 30 needs 55/,
      },
      'Example_NEM12_missing_header.csv': {
        line: 2,
        code: 'missing_header',
        detail: /starts with a 100 header record, found "200"/,
      },
    };
    const files = readdirSync(join(dir, 'invalid'));
    assert.deepEqual(files.sort(), Object.keys(expected).sort());
    for (const f of files) {
      const errors = parseReadsFile(read(join('invalid', f))).errors;
      const want = expected[f]!;
      assert.equal(errors.length, 1, `${f}: ${JSON.stringify(errors)}`);
      assert.equal(errors[0]!.line, want.line);
      assert.equal(errors[0]!.code, want.code);
      assert.match(errors[0]!.detail, want.detail);
    }
  });

  it('reports bad records, quality and a missing end with their lines', () => {
    const day = (q: string) => `300,20050301,${Array(48).fill('1').join(',')},${q},,,,`;
    const text = [
      '100,NEM12,200506081149,UNITEDDP,NEMMCO',
      '200,NEM1201009,E1,1,E1,N1,01009,kWh,20,',
      '200,NEM1201009,E1,1,E1,N1,01009,kWh,30,',
      day('N'),
      day('X'),
      day('V'),
      '400,1,20,A,,',
      '600,x',
    ].join('\r\n');
    assert.deepEqual(
      parseReadsFile(text).errors.map((e) => `${e.line} ${e.code}`),
      [
        '2 bad_interval_length',
        '4 null_data',
        '5 bad_quality',
        '6 incomplete_quality',
        '8 bad_record',
        '8 missing_end',
      ],
    );
  });
});

async function electricMeter(db: Database, meterNumber: string): Promise<void> {
  const p = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'commercial', 1, now()) RETURNING id`,
    [`P-${meterNumber}`],
  );
  const meter = {
    premiseId: p.rows[0]!.id,
    meterNumber,
    service: 'electric' as const,
    size: null,
    installedOn: localDate('2005-01-01'),
    registers: [{ kind: 'kwh' as const, dials: 6, initialMilli: 100_000 }],
  };
  expectOk(await inTransaction(db, (tx) => installMeter(tx, meter, ctx)));
}

describeEngines('metering: NEM12 import', (t) => {
  it('imports daily reads per channel; substituted days are stored as estimates', async () => {
    for (const m of ['NEM1210189-E1', 'NEM1210189-E2', 'NEM1210189-B2']) {
      await electricMeter(t.db, m);
    }
    const s = expectOk(
      await inTransaction(t.db, (tx) =>
        importReads(tx, { fileName: 'scenario10.csv', text: scenario(10) }, ctx),
      ),
    );
    assert.deepEqual([s.format, s.rows, s.estimated], ['nem12', 6, 3]);
    const r = await t.db.pool.query<{ read_date: string; value: string; source: string }>(
      `SELECT mr.read_date::text, mr.value::text, mr.source FROM meter_read mr
         JOIN register rg ON rg.id = mr.register_id JOIN meter m ON m.id = rg.meter_id
        WHERE m.meter_number = 'NEM1210189-E1' AND mr.kind = 'regular' ORDER BY mr.read_date`,
    );
    // Initial 100.000, then +37.148 kWh (2005-03-01, actual), +8.631 (03-02, F51).
    assert.deepEqual(
      r.rows.map((x) => `${x.read_date} ${x.value} ${x.source}`),
      ['2005-03-01 137.148 import', '2005-03-02 145.779 estimate'],
    );
  });

  it('rejects a file whose channel has no meter, naming the line', async () => {
    const r = await inTransaction(t.db, (tx) =>
      importReads(tx, { fileName: 'scenario1.csv', text: scenario(1) }, ctx),
    );
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.match(r.fields?.['line 3'] ?? '', /unknown_meter: no meter numbered NEM1201009-E1/);
  });
});
