import { err, ok, type Result } from '../../core/result.ts';
import { parseBai2 } from './bai2-parse.ts';
import { defaultLockboxLayout, lockboxLayouts } from './lockbox-layouts.ts';
import { parseLockbox } from './lockbox-parse.ts';
import { parseRemittanceCsv } from './remittance-csv-parse.ts';
import {
  RemittanceParseError,
  type ParsedRemittance,
  type RemittanceFormat,
} from './remittance-types.ts';

/**
 * Parses a remittance file of `format` (pure). `file_malformed`: the detail and `fields`
 * name the line and the field; `unknown_layout` for a lockbox layout not in the table.
 */
export function parseRemittance(
  format: RemittanceFormat,
  text: string,
  layout: string = defaultLockboxLayout,
): Result<ParsedRemittance, 'file_malformed' | 'unknown_layout'> {
  try {
    if (format === 'bai2') return ok(parseBai2(text));
    if (format === 'remittance-csv') return ok(parseRemittanceCsv(text));
    const l = lockboxLayouts[layout];
    if (!l)
      return err('unknown_layout', `layouts: ${Object.keys(lockboxLayouts).join(', ')}`, {
        layout: 'unknown',
      });
    return ok(parseLockbox(text, l));
  } catch (e) {
    if (!(e instanceof RemittanceParseError)) throw e;
    const p = e.toProblem();
    return err('file_malformed', p.detail, p.fields);
  }
}
