import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../../test/support/test-db.ts';
import { localDate } from '../../../core/dates.ts';
import { cents } from '../../../core/money.ts';
import { expectOk } from '../../../core/result.ts';
import { inTransaction } from '../../../db/index.ts';
import { systemActor } from '../../audit/index.ts';
import { postEntry } from '../../ledger/index.ts';
import { getBillDetail } from '../bill-detail.ts';
import { budgetAccount, insertBill } from '../high-bill-test-support.ts';
import { billPdf } from './bill-pdf.ts';
import { pdfPagesText } from './pdf-text.ts';
import { renderBillPdf } from './render-bill.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T15:00:00Z') };

describeEngines('billing: the budget-billing amount due on the bill detail and PDF', (t) => {
  let budgetBill = 0;
  let plainBill = 0;
  before(async () => {
    const { account: a, billIds } = await budgetAccount(t.db, 'BD-1', ctx);
    plainBill = billIds[billIds.length - 1]!;
    budgetBill = await insertBill(t.db, a, {
      start: '2026-11-01',
      end: '2026-12-01',
      gallons: 9_000,
      totalCents: 13_000,
    });
  });

  it('shows the instalment a budget bill asks for, and null on a bill before the plan', async () => {
    const bill = expectOk(await getBillDetail(t.db.pool, budgetBill));
    // 12 × $100 ÷ 12 × 1.10 = $110 instalment; $130 actual → $20 deferred.
    const { planId: _p, ...budget } = bill.budget!;
    assert.deepEqual(budget, {
      actualCents: 13_000,
      instalmentCents: 11_000,
      settlementCents: 0,
      amountDueCents: 11_000,
      deferredAfterCents: 2_000,
      deferredBeforeCents: 0,
    });
    // Nothing owed before it: the bill asks for the instalment, not its $130.00 of charges.
    assert.deepEqual([bill.pastDueCents, bill.amountDueCents], [0, 11_000]);
    assert.equal(expectOk(await getBillDetail(t.db.pool, plainBill)).budget, null);
  });

  it('prints the budget amount due and the deferred charges in English and Spanish', async () => {
    const { bill, pdf } = expectOk(await billPdf(t.db.pool, budgetBill));
    const en = (await pdfPagesText(pdf)).join('\n');
    // The amount due box, the summary (which adds up) and the stub all ask for $110.00.
    assert.match(en, /AMOUNT DUE\s+\$110\.00/);
    assert.match(
      en,
      /Total current charges\s+\$130\.00\s+Held over under budget billing\s+-\$20\.00\s+Total amount due\s+\$110\.00/,
    );
    assert.match(en, /Budget billing this month \(monthly instalment \$110\.00\)\s+\$110\.00/);
    assert.match(en, /Charges deferred under budget billing after this bill\s+\$20\.00/);
    assert.match(en, /Amount due\s+\$110\.00\s+Amount enclosed/);
    const es = (
      await pdfPagesText(await renderBillPdf({ bill: { ...bill, language: 'es' }, tip: null }))
    ).join('\n');
    assert.match(es, /Facturación presupuestada de este mes \(cuota mensual \$110\.00\)/);
    assert.match(es, /Cargos diferidos en la facturación presupuestada/);
    const plain = expectOk(await billPdf(t.db.pool, plainBill)).pdf;
    assert.doesNotMatch((await pdfPagesText(plain)).join('\n'), /Budget billing/);
  });

  it('a later budget bill asks its instalment plus only what is owed beyond the deferral', async () => {
    const { account: a } = await budgetAccount(t.db, 'BD-2', ctx);
    const account = (gl: string) => (gl.startsWith('receivable') ? { accountId: a.accountId } : {});
    const entry = (ref: string, on: string, debit: string, credit: string, c: number) =>
      inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: debit.startsWith('receivable') ? 'bill' : 'payment',
            sourceRef: ref,
            effectiveDate: localDate(on),
            memo: ref,
            lines: [
              { glAccount: debit, debitCents: cents(c), ...account(debit) },
              { glAccount: credit, creditCents: cents(c), ...account(credit) },
            ],
          },
          ctx,
        ),
      ).then(expectOk);
    // First budget bill: $130.00 of charges, asks $110.00, defers $20.00; the customer pays
    // only $60.00 of it, so $50.00 of what was asked is past due.
    await insertBill(t.db, a, {
      start: '2026-11-01',
      end: '2026-12-01',
      gallons: 9_000,
      totalCents: 13_000,
    });
    await entry('bd2-bill-1', '2026-12-01', 'receivable:water', 'revenue.service:water', 13_000);
    await entry('bd2-pay-1', '2026-12-10', 'cash.bank:water', 'receivable:water', 6_000);
    const second = await insertBill(t.db, a, {
      start: '2026-12-01',
      end: '2026-12-31',
      gallons: 8_000,
      totalCents: 10_000,
    });
    const bill = expectOk(await getBillDetail(t.db.pool, second));
    // Balance forward $70.00 = $20.00 deferred + $50.00 past due; this bill defers $100 − $110.
    assert.equal(bill.balance.balanceForwardCents, 7_000);
    assert.deepEqual(
      [
        bill.budget!.deferredBeforeCents,
        bill.budget!.amountDueCents,
        bill.budget!.deferredAfterCents,
      ],
      [2_000, 11_000, 1_000],
    );
    assert.deepEqual([bill.pastDueCents, bill.amountDueCents], [5_000, 16_000]);
    const en = (await pdfPagesText(await renderBillPdf({ bill, tip: null }))).join('\n');
    // $70.00 forward + $100.00 charges − $10.00 held over = $160.00.
    assert.match(en, /Held over under budget billing\s+-\$10\.00\s+Total amount due\s+\$160\.00/);
    assert.match(en, /AMOUNT DUE\s+\$160\.00/);
  });
});
