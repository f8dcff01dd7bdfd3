import { useState, type FormEvent } from 'react';
import { Field, FormError, SelectField, TextArea } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { adjustBill, parseDollars, useReasons, type Adjustment } from './use-adjustments.ts';
import type { BillDetail } from './use-bill.ts';

/**
 * Adjust this bill (BIL-6): the whole bill or one line, credit or debit, a reason and a memo.
 * Above the agent's approval limit the adjustment waits for an approver.
 */
export function AdjustForm(props: { readonly bill: BillDetail; readonly onDone: () => void }) {
  const reasons = useReasons();
  const lines = props.bill.services.flatMap((s) => s.lines);
  const [lineNo, setLineNo] = useState('');
  const [direction, setDirection] = useState<'credit' | 'debit'>('credit');
  const [amount, setAmount] = useState('');
  const [reasonCode, setReasonCode] = useState('');
  const [memo, setMemo] = useState('');
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<Adjustment | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const cents = parseDollars(amount);
    const local: Record<string, string> = {};
    if (cents === null) local.amountCents = 'Enter an amount in dollars, like 12.50.';
    if (!reasonCode) local.reasonCode = 'Choose a reason.';
    if (!memo.trim()) local.memo = 'Say why, for the account history.';
    setErrors(local);
    setFormError(null);
    if (cents === null || Object.keys(local).length > 0) return;
    setBusy(true);
    const r = await adjustBill(props.bill.billId, {
      ...(lineNo ? { lineNo: Number(lineNo) } : {}),
      direction,
      amountCents: cents,
      reasonCode,
      memo: memo.trim(),
    }).finally(() => setBusy(false));
    if (!r.ok) {
      setErrors(r.error.fields ?? {});
      if (!r.error.fields) setFormError(r.error.message);
      return;
    }
    setDone(r.value);
    setAmount('');
    setMemo('');
    props.onDone();
  }

  return (
    <form className="card" aria-labelledby="adjust-heading" onSubmit={(e) => void submit(e)}>
      <h2 id="adjust-heading">Adjust this bill</h2>
      {done ? (
        <p className={done.status === 'posted' ? 'notice' : 'warning'} role="status">
          {done.status === 'posted'
            ? `${done.direction === 'credit' ? 'Credit' : 'Debit'} of ${formatCents(done.amountCents)} posted.`
            : `The ${done.direction} of ${formatCents(done.amountCents)} is above your approval limit: it waits for an approver.`}
        </p>
      ) : null}
      <FormError message={formError} />
      <div className="row">
        <SelectField
          label="Line"
          value={lineNo}
          onChange={setLineNo}
          options={[
            { value: '', label: 'Whole bill' },
            ...lines.map((l) => ({
              value: String(l.lineNo),
              label: `${l.description} (${formatCents(l.amountCents)})`,
            })),
          ]}
          error={errors.lineNo}
        />
        <SelectField
          label="Direction"
          value={direction}
          onChange={(v) => setDirection(v === 'debit' ? 'debit' : 'credit')}
          options={[
            { value: 'credit', label: 'Credit (lower what is owed)' },
            { value: 'debit', label: 'Debit (add a charge)' },
          ]}
        />
        <Field
          label="Amount ($)"
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={errors.amountCents}
          hint={
            reasons && reasons.limitCents !== null
              ? `Your approval limit is ${formatCents(reasons.limitCents)}.`
              : undefined
          }
        />
        <SelectField
          label="Reason"
          value={reasonCode}
          onChange={setReasonCode}
          options={[
            { value: '', label: 'Choose…' },
            ...(reasons?.reasons ?? []).map((r) => ({ value: r.code, label: r.description })),
          ]}
          error={errors.reasonCode}
        />
      </div>
      <TextArea
        label="Memo"
        value={memo}
        onChange={(e) => setMemo(e.target.value)}
        maxLength={500}
        rows={2}
        error={errors.memo}
      />
      <button type="submit" className="primary" disabled={busy}>
        Adjust bill
      </button>
    </form>
  );
}
