import type { Command } from 'commander';
import { formatVerifyReport, verifyLedger } from '../../modules/ledger/index.ts';
import { withDatabase } from './with-database.ts';

export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('general ledger tools');
  ledger
    .command('verify')
    .description('check every ledger invariant over the whole database; exit 1 if one fails')
    .option('--json', 'print the report as JSON', false)
    .action(async (opts: { json: boolean }) => {
      await withDatabase(async (db) => {
        const report = await verifyLedger(db.pool);
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatVerifyReport(report));
        if (!report.ok) process.exitCode = 1;
      });
    });
}
