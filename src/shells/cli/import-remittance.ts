import { centsToDecimal } from '../../core/money.ts';
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { systemActor } from '../../modules/audit/index.ts';
import {
  importRemittance,
  lockboxLayouts,
  remittanceCsvColumns,
  type RemittanceFormat,
  type RemittanceImport,
} from '../../modules/payments/index.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { withDatabase } from './with-database.ts';

const kinds: readonly { name: RemittanceFormat; what: string }[] = [
  { name: 'lockbox', what: 'import a bank lockbox file (layout by --layout)' },
  { name: 'bai2', what: 'import the credits of a BAI2 file as payments' },
  { name: 'remittance-csv', what: `import a payment CSV (${remittanceCsvColumns.join(', ')})` },
];

/**
 * `cis import lockbox|bai2|remittance-csv FILE [--dry-run] [--json] [--layout NAME]` (PAY-5):
 * one line per item (posted, unmatched, rejected with the reason); a malformed file exits
 * 65 naming the line and field and posts nothing; the same file twice exits 75.
 */
export function registerRemittanceImports(imp: Command): void {
  for (const k of kinds) {
    const c = imp
      .command(k.name)
      .description(k.what)
      .argument('<file>', 'the remittance file')
      .option('--dry-run', 'validate, match and report, then roll back', false)
      .option('--json', 'print the outcome as JSON', false);
    if (k.name === 'lockbox')
      c.option(
        '--layout <name>',
        `bank layout: ${Object.keys(lockboxLayouts).join(', ')}`,
        'bai-lockbox',
      );
    c.action(async (file: string, opts: { dryRun: boolean; json: boolean; layout?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        console.error(`cannot read ${file}: ${(e as Error).message}`);
        process.exitCode = 66;
        return;
      }
      await withDatabase(async (db) => {
        const ctx = { actor: systemActor(`cli import ${k.name}`), now: new Date() };
        const input = { format: k.name, fileName: basename(file), text, dryRun: opts.dryRun };
        const r = await importRemittance(
          db,
          opts.layout ? { ...input, layout: opts.layout } : input,
          ctx,
        );
        if (opts.json) console.log(JSON.stringify(r.ok ? { ok: true, ...r.value } : r, null, 2));
        else if (r.ok) printImport(r.value);
        else {
          console.error(`${file}: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
          for (const [where, what] of Object.entries(r.fields ?? {}))
            console.error(`  ${where}: ${what}`);
        }
        if (!r.ok) process.exitCode = exitCodeForCode(r.code);
      });
    });
  }
}

const dollars = (c: number): string => `$${centsToDecimal(c)}`;

function printImport(v: RemittanceImport): void {
  for (const o of v.outcomes) {
    const who =
      o.outcome === 'posted' ? `account ${o.accountId}, payment ${o.paymentId}` : (o.reason ?? '');
    const ref = o.reference ? ` ref ${o.reference}` : '';
    console.log(`line ${o.line}: ${o.outcome} ${dollars(o.amountCents)}${ref} — ${who}`);
  }
  console.log(
    `${v.dryRun ? 'dry run: would import' : `file ${v.fileId}: imported`} ${v.items} item(s) (${v.format}): ` +
      `${v.posted} posted (${dollars(v.postedCents)}), ${v.unmatched} unmatched to unapplied cash ` +
      `(${dollars(v.unmatchedCents)}), ${v.rejected} rejected`,
  );
  for (const n of v.notes) console.log(`  note: ${n}`);
}
