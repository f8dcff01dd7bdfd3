import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../../test/support/test-db.ts';
import { localDate } from '../../../core/dates.ts';
import { expectOk } from '../../../core/result.ts';
import { inTransaction } from '../../../db/index.ts';
import { systemActor } from '../../audit/index.ts';
import { getBillDetail } from '../bill-detail.ts';
import { enrolBudgetBilling } from '../budget-billing.ts';
import { insertBill, monthlyBills, seedAccount } from '../high-bill-test-support.ts';
import { billPdf } from './bill-pdf.ts';
import { pdfPagesText } from './pdf-text.ts';
import { renderBillPdf } from './render-bill.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T15:00:00Z') };

describeEngines('billing: the budget-billing amount due on the bill detail and PDF', (t) => {
  let budgetBill = 0;
  let plainBill = 0;
  before(async () => {
    const a = await seedAccount(t.db, 'BD-1');
    const year = Array(12).fill({ gallons: 6_000, totalCents: 10_000 });
    const ids = await monthlyBills(t.db, a, '2025-11-01', year);
    plainBill = ids[ids.length - 1]!;
    expectOk(
      await inTransaction(t.db, (tx) =>
        enrolBudgetBilling(tx, { accountId: a.accountId, today: localDate('2026-11-26') }, ctx),
      ),
    );
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
    });
    assert.equal(expectOk(await getBillDetail(t.db.pool, plainBill)).budget, null);
  });

  it('prints the budget amount due and the deferred charges in English and Spanish', async () => {
    const { bill, pdf } = expectOk(await billPdf(t.db.pool, budgetBill));
    const en = (await pdfPagesText(pdf)).join('\n');
    assert.match(en, /Budget billing: please pay \(monthly instalment \$110\.00\)\s+\$110\.00/);
    assert.match(en, /Charges deferred under budget billing\s+\$20\.00/);
    const es = (
      await pdfPagesText(await renderBillPdf({ bill: { ...bill, language: 'es' }, tip: null }))
    ).join('\n');
    assert.match(es, /Facturación presupuestada: pague \(cuota mensual \$110\.00\)/);
    assert.match(es, /Cargos diferidos en la facturación presupuestada/);
    const plain = expectOk(await billPdf(t.db.pool, plainBill)).pdf;
    assert.doesNotMatch((await pdfPagesText(plain)).join('\n'), /Budget billing/);
  });
});
