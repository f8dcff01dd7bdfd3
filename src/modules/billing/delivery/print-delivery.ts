import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from '../../../core/result.ts';
import { inTransaction, withClient, type Database } from '../../../db/index.ts';
import type { Actor } from '../../audit/index.ts';
import { printFile, type PrintIndexRow } from '../document/print-file.ts';
import { recordDelivery } from './delivery-log.ts';

export type PrintRunResult = {
  readonly runId: number;
  readonly pdfPath: string;
  readonly indexPath: string;
  readonly bills: number;
  readonly pages: number;
  readonly index: readonly PrintIndexRow[];
};

/**
 * Writes a run's print file to `outDir` (`print-run-<id>.pdf` and `print-run-<id>.csv`) and
 * records one `print` delivery per bill as `queued` (handed to the print vendor) in one
 * transaction. Writing it again rewrites the files and counts another attempt; never a
 * second row.
 *
 * Codes: `not_found` (no such run).
 */
export async function writeRunPrintFile(
  db: Database,
  runId: number,
  outDir: string,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<PrintRunResult, 'not_found'>> {
  const file = await withClient(db, (q) => printFile(q, runId));
  if (file === null) return err('not_found', `No bill run ${runId}.`);
  await mkdir(outDir, { recursive: true });
  const pdfPath = join(outDir, `print-run-${runId}.pdf`);
  const indexPath = join(outDir, `print-run-${runId}.csv`);
  await writeFile(pdfPath, file.pdf);
  await writeFile(indexPath, file.indexCsv);
  return inTransaction(db, async (tx) => {
    for (const row of file.index) {
      await recordDelivery(
        tx,
        {
          billId: row.billId,
          accountId: row.accountId,
          channel: 'print',
          status: 'queued',
          address: row.zip,
          detail: `${pdfPath} pages ${row.firstPage}-${row.lastPage}`,
        },
        true,
        ctx,
      );
    }
    return ok({
      runId,
      pdfPath,
      indexPath,
      bills: file.index.length,
      pages: file.pages,
      index: file.index,
    });
  });
}
