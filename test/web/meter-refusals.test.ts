import assert from 'node:assert/strict';
import { it } from 'node:test';
import { meterFieldOf } from '../../web/src/account/meter-change-draft.ts';
import { explainMeterRefusal, meterListStale } from '../../web/src/account/meter-refusals.ts';

// The meter forms (account page) put the API's field paths and refusals on their own fields.
it('server field paths of the meter routes map to the forms’ fields', () => {
  const rows: [string, string][] = [
    ['exchangedOn', 'date'],
    ['removedOn', 'date'],
    ['installedOn', 'date'],
    ['finalReadings.gallon', 'final.gallon'],
    ['replacement.meterNumber', 'meterNumber'],
    ['replacement.size', 'size'],
    ['meterNumber', 'meterNumber'],
    ['replacement.registers.0.initialReading', 'reg.0.initialReading'],
    ['registers.1.dials', 'reg.1.dials'],
    ['final.kwh', 'final.kwh'],
  ];
  for (const [path, field] of rows) assert.equal(meterFieldOf(path), field, path);
});

it('meter refusals are worded for the clerk and placed on the field they concern', () => {
  const rows: [code: string, detail: string, field: string | null, words: RegExp][] = [
    ['meter_number_taken', 'W100', 'meterNumber', /Meter number W100 is already in use/],
    ['read_out_of_order', 'gallon 2026-11-10', 'date', /must come after the latest one/],
    ['read_missing', 'final kwh read', 'final.kwh', /Enter the final reading/],
    ['reading_exceeds_dials', 'therm 2026-11-10', 'final.therm', /dials/],
    ['reading_exceeds_dials', 'reading exceeds dials', null, /initial reading has more digits/],
    ['meter_already_installed', 'premise 4 water', null, /exchange it instead/],
    ['meter_not_installed', 'W100', null, /Meter W100 is no longer installed/],
    ['account_closed', 'account closed', null, /^account closed$/],
  ];
  for (const [code, detail, field, words] of rows) {
    const e = explainMeterRefusal({ code, message: detail });
    assert.match(e.message, words, code);
    assert.equal(e.code, code);
    if (field === null) assert.equal(e.fields, undefined, code);
    else assert.match(e.fields?.[field] ?? '', words, code);
  }
});

it('a re-read refusal names the date or says the order is gone', () => {
  const e = (code: string, message: string) => explainMeterRefusal({ code, message });
  assert.deepEqual(e('read_out_of_order', 'gallon 2026-11-10').fields, {
    date: 'The meter already has a gallon read on or after this date: a new read must come after the latest one.',
  });
  assert.deepEqual(e('read_outside_meter_dates', 'W1 2025-01-01').fields, {
    date: 'The meter was not installed on this date.',
  });
  assert.match(e('service_order_closed', '12 completed').message, /no longer open/);
  assert.equal(meterListStale('service_order_closed'), true);
  assert.equal(meterFieldOf('readDate'), 'date');
});
