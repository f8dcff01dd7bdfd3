import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { localDateOf, parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { cents, formatCents } from '../../core/money.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../../modules/audit/index.ts';
import {
  generateAchFile,
  importAchReturns,
  type AchReturnsResult,
} from '../../modules/payments/index.ts';
import { readConfig } from '../config.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { withDatabase } from './with-database.ts';

function dateArg(value: string): LocalDate {
  const d = parseLocalDate(value);
  if (d === undefined) throw new InvalidArgumentError('a date YYYY-MM-DD');
  return d;
}

/**
 * `cis ach generate --date DATE [--out FILE] [--json]` (PAY-6): the autopay NACHA PPD file
 * for the bills due on DATE (prenotes of new enrolments too), written to FILE
 * (`ach-DATE.ach` by default). Idempotent per bill: a second run writes the same entries.
 */
export function registerAchCommands(program: Command): void {
  const ach = program.command('ach').description('ACH autopay files');
  ach
    .command('generate')
    .description('write the autopay NACHA debit file for the bills due on a date')
    .requiredOption('--date <date>', 'the due date drafted (YYYY-MM-DD)', dateArg)
    .option('--out <file>', 'where to write the file (default ach-DATE.ach)')
    .option('--json', 'print the outcome as JSON', false)
    .action(async (opts: { date: LocalDate; out?: string; json: boolean }) => {
      await withDatabase(async (db) => {
        const ctx = { actor: systemActor('cli ach generate'), now: new Date() };
        const r = await inTransaction(db, (tx) => generateAchFile(tx, { date: opts.date }, ctx));
        if (!r.ok) return;
        const out = opts.out ?? `ach-${opts.date}.ach`;
        writeFileSync(out, r.value.fileText);
        const { fileText: _text, ...rest } = r.value;
        if (opts.json) console.log(JSON.stringify({ ok: true, file: out, ...rest }, null, 2));
        else {
          console.log(
            `${out}: ${rest.debits} debit(s) totalling ${formatCents(cents(rest.totalDebitCents))}, ` +
              `${rest.prenotes} prenote(s)`,
          );
          for (const s of rest.skipped) {
            console.log(`  skipped account ${s.accountId} bill ${s.billId}: ${s.reason}`);
          }
        }
      });
    });
}

/**
 * `cis import ach-returns FILE [--date DATE] [--dry-run] [--json]`: a bank's ACH return /
 * notification-of-change file (PAY-6). Prints each item with its code named; a malformed
 * file exits non-zero naming the line and field, and posts nothing.
 */
export function registerAchReturnsImport(imp: Command): void {
  imp
    .command('ach-returns')
    .description('import an ACH return / notification-of-change (NOC) file')
    .argument('<file>', 'the NACHA return file')
    .option('--date <date>', 'the day the returns are booked (default today)', dateArg)
    .option('--dry-run', 'validate and report, then roll back', false)
    .option('--json', 'print the outcome as JSON', false)
    .action(async (file: string, opts: { date?: LocalDate; dryRun: boolean; json: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'latin1');
      } catch (e) {
        console.error(`cannot read ${file}: ${(e as Error).message}`);
        process.exitCode = 66;
        return;
      }
      await withDatabase(async (db) => {
        const now = new Date();
        const ctx = { actor: systemActor('cli import ach-returns'), now };
        // Today in the city's zone (CIS_TIME_ZONE), not UTC: an evening import is booked today.
        const returnedOn = opts.date ?? localDateOf(now, readConfig().timeZone);
        const r = await inTransaction(
          db,
          (tx) => importAchReturns(tx, { fileName: basename(file), text, returnedOn }, ctx),
          { dryRun: opts.dryRun },
        );
        if (opts.json) {
          console.log(
            JSON.stringify(r.ok ? { ok: true, dryRun: opts.dryRun, ...r.value } : r, null, 2),
          );
        } else if (r.ok) printItems(r.value, opts.dryRun);
        else {
          console.error(`${file}: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
        }
        if (!r.ok) process.exitCode = exitCodeForCode(r.code);
      });
    });
}

function printItems(r: AchReturnsResult, dryRun: boolean): void {
  const counts = Object.entries(r.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  console.log(
    `${dryRun ? 'dry run: ' : ''}${r.fileName}: ${r.items.length} item(s): ${counts.join(', ')}`,
  );
  for (const i of r.items) {
    const name = i.codeName ?? 'unknown code';
    const who = i.accountId === null ? '' : ` account ${i.accountId}`;
    console.log(
      `  line ${i.line} ${i.code} (${name}) trace ${i.originalTrace}${who}: ${i.outcome} — ${i.detail}`,
    );
  }
}
