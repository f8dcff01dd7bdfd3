import { performance } from 'node:perf_hooks';
import type { Database, Engine } from '../src/db/index.ts';
import { systemActor } from '../src/modules/audit/index.ts';
import { importRemittance } from '../src/modules/payments/index.ts';
import { backendCpu, backendCpuSince } from './cpu.ts';

/**
 * Remittance import (PAY-5) at scale: a BAI lockbox file (layout bai-lockbox) of N checks
 * for the demo city's accounts — the account number in a type-1 overflow record, 1 % of the
 * checks with an account number nobody has (unapplied cash), batches of 500 checks, lockbox
 * totals every 5,000 — imported through the real `importRemittance` in one transaction
 * (parse, control totals, match, apply, post, hold). Target: ≥ 50,000 payments/s on
 * PostgreSQL for 100,000 checks.
 */
export type RemittanceMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine;
};

const pad = (v: number | string, n: number): string => String(v).padStart(n, '0');
const right = (v: string, n: number): string => v.padEnd(n, ' ').slice(0, n);

/** The lockbox text: checks for `accountNos` in turn (cycled), amounts 10.00-309.99. */
export function lockboxFile(accountNos: readonly string[], items: number): string {
  const out: string[] = [
    '100CITYOFMESA00999999912611261800',
    '2CITYOFMESA0099999991000000000040008000801',
  ];
  let i = 0;
  let lockboxCount = 0;
  let lockboxCents = 0;
  for (let batch = 1; i < items; batch++) {
    out.push(`5${pad(batch % 1000, 3)}0000022222261126CITYOFMESA0099999991`);
    let count = 0;
    let cents = 0;
    for (; count < 500 && i < items; count++, i++) {
      const amount = 1000 + ((i * 7919) % 30000);
      const b = pad(batch % 1000, 3);
      const item = pad((count + 1) % 1000, 3);
      const account = i % 100 === 99 ? `UNKNOWN-${i}` : accountNos[i % accountNos.length]!;
      out.push(
        `6${b}${item}${pad(amount, 10)}0550027070012345555${pad(1000 + i, 10)}112526${right(`PAYER ${i}`, 30)}CITY OF MESA UTILITIES`,
      );
      out.push(`4${b}${item}1019${account}`);
      cents += amount;
    }
    out.push(`7${pad(batch % 1000, 3)}0000022222261126${pad(count, 3)}${pad(cents, 10)}`);
    lockboxCount += count;
    lockboxCents += cents;
    if (lockboxCount >= 5000 || i >= items) {
      out.push(`80000000022222261126${pad(lockboxCount, 4)}${pad(lockboxCents, 10)}`);
      lockboxCount = 0;
      lockboxCents = 0;
    }
  }
  out.push(`9${pad(out.length + 1, 6)}`);
  return `${out.join('\n')}\n`;
}

export async function benchRemittance(
  db: Database,
  engine: Engine,
  options: { readonly items: number },
): Promise<RemittanceMetric[]> {
  const r = await db.pool.query<{ no: string }>(
    'SELECT account_no AS no FROM account ORDER BY id LIMIT $1',
    [options.items],
  );
  const text = lockboxFile(
    r.rows.map((row) => row.no),
    options.items,
  );
  const ctx = { actor: systemActor('bench'), now: new Date('2026-11-26T17:00:00Z') };
  const cpu0 = process.cpuUsage();
  const pg0 = await backendCpu(db);
  const t0 = performance.now();
  const out = await importRemittance(
    db,
    { format: 'lockbox', fileName: `bench-${options.items}.bai`, text },
    ctx,
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const pgCpu = await backendCpuSince(db, pg0);
  if (!out.ok) throw new Error(`remittance import failed: ${out.code} ${out.detail ?? ''}`);
  const v = out.value;
  return [
    { name: 'remittance_items', value: v.items, unit: 'items', engine },
    { name: 'remittance_posted', value: v.posted, unit: 'payments', engine },
    { name: 'remittance_unmatched', value: v.unmatched, unit: 'items', engine },
    { name: 'remittance_import_time', value: Math.round(seconds * 100) / 100, unit: 's', engine },
    { name: 'remittance_rate', value: Math.round(v.items / seconds), unit: 'payments/s', engine },
    // CPU seconds: comparable between runs on a shared, loaded machine where wall time is not
    { name: 'remittance_node_cpu', value: Math.round(nodeCpu * 10) / 10, unit: 'CPU s', engine },
    ...(pgCpu === null
      ? []
      : [
          {
            name: 'remittance_server_cpu',
            value: Math.round(pgCpu * 10) / 10,
            unit: 'CPU s',
            engine,
          },
        ]),
    {
      name: 'remittance_rate_vs_target',
      value: Math.round((v.items / seconds / 50_000) * 100) / 100,
      unit: 'ratio (target 50,000/s on PostgreSQL)',
      engine,
    },
  ];
}
