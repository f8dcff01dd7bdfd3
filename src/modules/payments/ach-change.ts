import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { audit, bankAccountProblem, getEnrolment } from './autopay-enrol.ts';
import { sealAccountNumber } from './autopay-crypto.ts';
import type { PaymentContext } from './types.ts';

type Change = {
  routingNumber?: string;
  accountNumber?: string;
  accountType?: 'checking' | 'savings';
};

/** What a notification of change corrects (NACHA corrected-data layouts), or null when the
 * code names nothing an enrolment keeps (a name, an id: noted, not applied). */
export function correctionOf(code: string, data: string): Change | null {
  const typeOf = (tc: string): 'savings' | 'checking' => (tc[0] === '3' ? 'savings' : 'checking');
  switch (code) {
    case 'C01':
      return { accountNumber: data.trim() };
    case 'C02':
      return { routingNumber: data.slice(0, 9) };
    case 'C03':
      return { routingNumber: data.slice(0, 9), accountNumber: data.slice(12).trim() };
    case 'C05':
      return { accountType: typeOf(data.slice(0, 2)) };
    case 'C06':
      return { accountNumber: data.slice(0, 17).trim(), accountType: typeOf(data.slice(20, 22)) };
    case 'C07':
      return {
        routingNumber: data.slice(0, 9),
        accountNumber: data.slice(9, 26).trim(),
        accountType: typeOf(data.slice(26, 28)),
      };
    default:
      return null;
  }
}

/**
 * Applies a notification of change to the enrolment the original entry drafted (PAY-6): the
 * corrected routing number (ABA-checked), account number (re-encrypted) or account type is
 * used from the next file on. Audited with the change code.
 */
export async function applyChangeNotice(
  tx: Tx,
  input: { readonly enrolmentId: number; readonly code: string; readonly correctedData: string },
  ctx: PaymentContext,
): Promise<Result<{ readonly changed: readonly string[] }, 'invalid' | 'autopay_not_enrolled'>> {
  const before = await getEnrolment(tx, input.enrolmentId);
  if (!before) return err('autopay_not_enrolled', `enrolment ${input.enrolmentId}`);
  const c = correctionOf(input.code, input.correctedData);
  if (c === null) return ok({ changed: [] });
  const problem = bankAccountProblem(
    c.routingNumber ?? before.routingNumber,
    c.accountNumber ?? '0000',
  );
  if (problem) return err('invalid', `corrected data '${input.correctedData}'`, problem);
  await tx.query(
    `UPDATE autopay_enrolment
        SET routing_number = coalesce($2, routing_number),
            account_number_enc = coalesce($3, account_number_enc),
            account_last4 = coalesce($4, account_last4),
            account_type = coalesce($5, account_type)
      WHERE id = $1`,
    [
      input.enrolmentId,
      c.routingNumber ?? null,
      c.accountNumber === undefined ? null : sealAccountNumber(c.accountNumber),
      c.accountNumber === undefined ? null : c.accountNumber.slice(-4),
      c.accountType ?? null,
    ],
  );
  const after = (await getEnrolment(tx, input.enrolmentId))!;
  await audit(tx, ctx, `autopay.changed_${input.code.toLowerCase()}`, after, before);
  return ok({ changed: Object.keys(c) });
}
