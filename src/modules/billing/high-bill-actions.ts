import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { requestReRead, type ServiceOrderCode } from '../field/index.ts';
import type { HighBillAction } from './high-bill.ts';

export type HighBillActionInput = {
  readonly accountId: number;
  readonly agreementId: number;
  readonly action: HighBillAction;
  readonly note?: string | undefined;
};

export type HighBillActionCode =
  | 'account_not_found'
  | 'agreement_not_found'
  | 'agreement_has_no_meter'
  | 'leak_check_water_only'
  | ServiceOrderCode;

const waterServices: ReadonlySet<string> = new Set(['water', 'irrigation', 'hydrant']);

/**
 * An action offered by the high-bill investigation (BIL-8): a re-read or a leak check of the
 * agreement's meter, as a field service order (`field.requestReRead`, reason `high_bill` or
 * `leak_check`; idempotent per meter — an open order is returned, `created: false`). The
 * field module writes the audit row.
 */
export async function requestHighBillAction(
  tx: Tx,
  input: HighBillActionInput,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<{ orderId: number; created: boolean }, HighBillActionCode>> {
  const overview = await getAccountOverview(tx, input.accountId);
  if (!overview.ok) return overview;
  const found = overview.value.premises.flatMap((p) =>
    p.agreements
      .filter((a) => a.agreementId === input.agreementId)
      .map((a) => ({ ...a, premiseId: p.premiseId })),
  )[0];
  if (!found) return err('agreement_not_found', `agreement ${input.agreementId}`);
  if (found.meterNumber === null) return err('agreement_has_no_meter', found.service);
  if (input.action === 'leak_check' && !waterServices.has(found.service)) {
    return err('leak_check_water_only', found.service);
  }
  const ordered = await requestReRead(
    tx,
    {
      premiseId: found.premiseId,
      meterNumber: found.meterNumber,
      reason: input.action === 'leak_check' ? 'leak_check' : 'high_bill',
      accountId: input.accountId,
      note: input.note,
    },
    ctx,
  );
  return ordered.ok ? ok(ordered.value) : ordered;
}
