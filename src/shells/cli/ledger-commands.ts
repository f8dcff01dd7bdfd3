import type { Command } from 'commander';
import { formatVerifyReport, verifyLedger } from '../../modules/ledger/index.ts';
import { withClient } from '../../db/index.ts';
import { withDatabase } from './with-database.ts';

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('general ledger tools');
  ledger
    .command('verify')
    .description('check every ledger invariant over the whole database; exit 1 if one fails')
    .option('--json', 'print the report as JSON', false)
    .action(async (opts: { json: boolean }) => {
      await withDatabase(async (db) => {
        // One consistent snapshot across every check, even while the server keeps posting.
        const report = await withClient(db, async (q) => {
          await q.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
          try {
            return await verifyLedger(q);
          } finally {
            await q.query('COMMIT');
          }
        });
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatVerifyReport(report));
        if (!report.ok) process.exitCode = 1;
      });
    });
}
