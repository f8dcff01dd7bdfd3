import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { parseNacha } from '../src/modules/payments/index.ts';

/**
 * NACHA parsing (issue 5 target: the 100,000-entry sample in testdata/external/ach at
 * ≥ 200,000 entries/s). Pure CPU, no database: engine "pure". The file is gunzipped once;
 * `rounds` parses are timed and the best and median rates reported (the machine is shared).
 */
export type NachaMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: 'pure';
};

const sample = new URL(
  '../../shared/testdata/external/ach/PPD-200-batches-100000-entries.ach.gz',
  import.meta.url,
);

export function benchNacha(rounds = 7): NachaMetric[] {
  const text = gunzipSync(readFileSync(sample)).toString('latin1');
  const rates: number[] = [];
  let entries = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const r = parseNacha(text);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`the sample does not parse: ${r.detail}`);
    entries = r.value.entryCount;
    rates.push((entries / ms) * 1000);
  }
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)]!;
  const best = rates[rates.length - 1]!;
  return [
    { name: 'nacha parse entries', value: entries, unit: 'entries', engine: 'pure' },
    {
      name: 'nacha parse rate (median)',
      value: Math.round(median),
      unit: 'entries/s',
      engine: 'pure',
    },
    { name: 'nacha parse rate (best)', value: Math.round(best), unit: 'entries/s', engine: 'pure' },
    {
      name: 'nacha parse vs target 200,000/s (median)',
      value: Math.round((median / 200_000) * 100) / 100,
      unit: 'ratio',
      engine: 'pure',
    },
  ];
}
