import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { systemActor } from '../../modules/audit/index.ts';
import {
  billFileName,
  billPdf,
  emailRunBills,
  mailerFor,
  writeRunPrintFile,
} from '../../modules/billing/index.ts';
import { withClient } from '../../db/index.ts';
import { readConfig } from '../config.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { positiveInt } from './args.ts';
import { withDatabase } from './with-database.ts';

type Failure = { readonly ok: false; readonly code: string; readonly detail?: string };

function fail(command: string, r: Failure, json: boolean): void {
  if (json) console.log(JSON.stringify(r, null, 2));
  else console.error(`bills ${command}: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
  process.exitCode = exitCodeForCode(r.code);
}

function registerPrint(bills: Command): void {
  bills
    .command('print')
    .description("write a run's paper bills as one PDF in mail (zip) order plus an index CSV")
    .requiredOption('--run <id>', 'the bill run', positiveInt)
    .requiredOption('--out <dir>', 'the folder to write print-run-<id>.pdf and .csv into')
    .option('--json', 'print the result as JSON', false)
    .action(async (opts: { run: number; out: string; json: boolean }) => {
      await withDatabase(async (db) => {
        const ctx = { actor: systemActor('cli bills print'), now: new Date() };
        const r = await writeRunPrintFile(db, opts.run, opts.out, ctx);
        if (!r.ok) return fail('print', r, opts.json);
        const { index, ...summary } = r.value;
        if (opts.json) console.log(JSON.stringify({ ok: true, ...summary, index }, null, 2));
        else
          console.log(
            `run ${opts.run}: ${summary.bills} paper bill(s), ${summary.pages} page(s) → ` +
              `${summary.pdfPath}, ${summary.indexPath}`,
          );
      });
    });
}

function registerEmail(bills: Command): void {
  bills
    .command('email')
    .description(
      "e-mail a run's paperless bills (SMTP_URL; unset: .eml files in the data folder's outbox/); " +
        're-running retries only the ones not yet sent',
    )
    .requiredOption('--run <id>', 'the bill run', positiveInt)
    .option('--json', 'print the result as JSON', false)
    .action(async (opts: { run: number; json: boolean }) => {
      const config = readConfig();
      const mailer = mailerFor(config.mail);
      try {
        await withDatabase(async (db) => {
          const ctx = { actor: systemActor('cli bills email'), now: new Date() };
          const r = await emailRunBills(db, opts.run, { ...ctx, mailer, from: config.mail.from });
          if (!r.ok) return fail('email', r, opts.json);
          const v = r.value;
          if (opts.json) console.log(JSON.stringify({ ok: true, ...v }, null, 2));
          else {
            for (const o of v.outcomes.filter((x) => x.status === 'failed'))
              console.error(`bill ${o.billId} (${o.accountNo}) to ${o.address}: ${o.detail}`);
            console.log(
              `run ${opts.run} via ${mailer.kind}: ${v.sent} sent, ${v.failed} failed, ` +
                `${v.alreadySent} already sent, ${v.paper} on paper`,
            );
          }
          if (v.failed > 0) process.exitCode = 1;
        });
      } finally {
        mailer.close();
      }
    });
}

function registerPdf(bills: Command): void {
  bills
    .command('pdf')
    .description("write one bill's PDF (in the account's language)")
    .requiredOption('--bill <id>', 'the bill', positiveInt)
    .option('--out <file>', 'the file to write (default: bill-<account>-<period end>.pdf)')
    .action(async (opts: { bill: number; out?: string }) => {
      await withDatabase(async (db) => {
        const r = await withClient(db, (q) => billPdf(q, opts.bill));
        if (!r.ok) return fail('pdf', r, false);
        const file = opts.out ?? billFileName(r.value.bill);
        await writeFile(file, r.value.pdf);
        console.log(file);
      });
    });
}

/**
 * `cis bills print --run ID --out DIR`, `cis bills email --run ID`, `cis bills pdf --bill ID`:
 * bill documents and their delivery (src/modules/billing/README.md, "Bill documents").
 * `email` exits 1 when a mail failed (it is logged and retried by the next `email`).
 */
export function registerBillsCommands(program: Command): void {
  const bills = program.command('bills').description('bill documents: PDF, print file, e-mail');
  registerPrint(bills);
  registerEmail(bills);
  registerPdf(bills);
}
