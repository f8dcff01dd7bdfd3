import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { importReads } from '../../modules/metering/index.ts';
import { registerRemittanceImports } from './import-remittance.ts';
import { registerAchReturnsImport } from './ach-command.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { withDatabase } from './with-database.ts';

/**
 * `cis import reads FILE [--dry-run] [--json]`: one read file in one transaction. A file
 * with any bad row is rejected whole (a report per row, exit 65, nothing written); the same
 * file twice is refused (exit 75). Columns: src/modules/metering/README.md.
 */
export function registerImportCommands(program: Command): void {
  const imp = program.command('import').description('import data files');
  imp
    .command('reads')
    .description('import meter reads (OpenCIS reads CSV, Badger Beacon 360 export, NEM12)')
    .argument('<file>', 'the read file')
    .addHelpText('after', readsFileHelp)
    .option('--dry-run', 'validate and report, then roll back', false)
    .option('--json', 'print the outcome as JSON', false)
    .action(async (file: string, opts: { dryRun: boolean; json: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        console.error(`cannot read ${file}: ${(e as Error).message}`);
        process.exitCode = 66;
        return;
      }
      await withDatabase(async (db) => {
        const ctx = { actor: systemActor('cli import reads'), now: new Date(), engine: db.engine };
        const r = await inTransaction(
          db,
          (tx) => importReads(tx, { fileName: basename(file), text }, ctx),
          { dryRun: opts.dryRun },
        );
        if (opts.json) {
          const body = r.ok ? { ok: true, dryRun: opts.dryRun, ...r.value } : r;
          console.log(JSON.stringify(body, null, 2));
        } else if (r.ok) {
          const v = r.value;
          const reasons = Object.entries(v.heldByReason).map(([k, n]) => `${k} ${n}`);
          console.log(
            `${opts.dryRun ? 'dry run: would import' : `batch ${v.batchId}: imported`} ` +
              `${v.rows} read(s) (${v.format}): ${v.accepted} accepted, ${v.held} held` +
              (reasons.length ? ` (${reasons.join(', ')})` : '') +
              (v.estimated ? `; ${v.estimated} estimated by the supplier` : ''),
          );
          for (const note of v.notes) console.log(`  note: ${note}`);
        } else {
          console.error(`${file}: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
          for (const [where, what] of Object.entries(r.fields ?? {})) {
            console.error(`  ${where}: ${what}`);
          }
        }
        if (!r.ok) process.exitCode = exitCodeForCode(r.code);
      });
    });
  registerRemittanceImports(imp);
  registerAchReturnsImport(imp);
}

const readsFileHelp = `
Read file formats (recognised from the first line; details in src/modules/metering/README.md):
  OpenCIS reads CSV   header line naming the columns, any order:
    meter_number  required  the meter's number
    read_date     required  YYYY-MM-DD, within the meter's installed period
    reading       required  dial reading, a decimal >= 0 with at most 3 places
    register      optional  kwh | therm | gallon | kw (needed when the meter has several)
  Badger Beacon 360   Meter_ID, Read_Time, Read (CCF), Read_Unit: last read of each day,
                      converted to gallons
  NEM12 (AEMO)        100/200/300/400/500/900 records; interval data rolled up to one read
                      per day and channel on meter <NMI>-<NMISuffix> (register kwh)

Any bad row rejects the whole file (one line per bad row, exit 65); the same file twice is
refused (exit 75); unusual reads (high, low, zero, negative usage) are imported as held.
`;
