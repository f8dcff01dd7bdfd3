import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { describeEngines } from '../../../../test/support/test-db.ts';
import { expectOk } from '../../../core/result.ts';
import { billCycle, billIdOf, fixtureAccount, pay, reads } from './bill-fixture.ts';
import { billPdf } from './bill-pdf.ts';
import { money } from './pdf-format.ts';
import { pdfPagesText } from './pdf-text.ts';
import { printFile } from './print-file.ts';

describeEngines('billing: bill PDF and print file', (t) => {
  let h: TestApp;
  const ids = { en: 0, es: 0, paperless: 0 };
  let runId = 0;
  before(async () => {
    h = await startTestApp(t.db);
    const en = await fixtureAccount(t.db, { key: 'PE', cycle: 6, language: 'en', zip: '85213' });
    const es = await fixtureAccount(t.db, { key: 'PS', cycle: 6, language: 'es', zip: '85201' });
    const pl = await fixtureAccount(t.db, {
      key: 'PL',
      cycle: 6,
      paperless: true,
      email: 'pl@example.test',
    });
    for (const a of [en, es, pl]) await reads(t.db, a.meterNumber, [['2026-01-31', 79_000]]);
    await billCycle(t.db, 6, '2026-01-31');
    await pay(t.db, es.accountId, 10_000, '2026-02-10');
    for (const a of [en, es, pl]) await reads(t.db, a.meterNumber, [['2026-02-28', 88_000]]);
    runId = await billCycle(t.db, 6, '2026-02-28');
    ids.en = await billIdOf(t.db, en.accountId, '2026-02-28');
    ids.es = await billIdOf(t.db, es.accountId, '2026-02-28');
    ids.paperless = await billIdOf(t.db, pl.accountId, '2026-02-28');
  });
  after(async () => h.close());

  it('renders an English bill that pdf.js reads, with the account number, amount due and reads', async () => {
    const { bill, pdf } = expectOk(await billPdf(t.db.pool, ids.en));
    const pages = await pdfPagesText(pdf);
    assert.equal(pages.length, 2);
    const text = pages.join('\n');
    for (const s of [
      bill.accountNo,
      money(bill.amountDueCents),
      'Amount due',
      'Account summary',
      'Please return this portion with your payment',
      'Saving tip',
      '13-month usage',
      '79,000',
      '88,000',
      'Environmental fee',
    ]) {
      assert.ok(text.includes(s), `missing "${s}"`);
    }
  });

  it('renders a Spanish account’s bill with Spanish labels and a Spanish tip', async () => {
    const { bill, pdf } = expectOk(await billPdf(t.db.pool, ids.es));
    assert.equal(bill.language, 'es');
    // 118.21 billed in January − 100.00 paid = 18.21 carried forward.
    assert.equal(bill.balance.balanceForwardCents, 1821);
    const text = (await pdfPagesText(pdf)).join('\n');
    for (const s of [
      'Monto a pagar',
      'Número de cuenta',
      'Fecha de vencimiento',
      'Resumen de la cuenta',
      'Saldo pendiente',
      'Consejo de ahorro',
      'Cargo ambiental',
      'Agua',
      money(bill.amountDueCents),
      '$18.21',
    ]) {
      assert.ok(text.includes(s), `missing "${s}"`);
    }
    assert.ok(!text.includes('Amount due'), 'an English label on a Spanish bill');
  });

  it('picks the high-winter water tip when use is up on the same month last year', async () => {
    // Feb 2026: 9,000 gal / 28 d = 321.4 a day against Feb 2025: 6,000 / 28 = 214.3 (> 1.2×).
    const { pdf } = expectOk(await billPdf(t.db.pool, ids.en));
    const text = (await pdfPagesText(pdf)).join(' ').replace(/\s+/g, ' ');
    assert.ok(text.includes('A running toilet'), text);
  });

  it('answers the PDF over HTTP as application/pdf, and 404 for an unknown bill', async () => {
    const token = await h.tokenFor('csr1');
    const auth = { authorization: `Bearer ${token}` };
    const res = await h.app.inject({ url: `/api/bills/${ids.en}/pdf`, headers: auth });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const json = await h.app.inject({ url: `/api/bills/${ids.en}`, headers: auth });
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().billId, ids.en);
    const missing = await h.app.inject({ url: '/api/bills/999999/pdf', headers: auth });
    assert.equal(missing.statusCode, 404);
  });

  it('builds the print file of paper bills in zip order with page ranges in the index', async () => {
    const f = (await printFile(t.db.pool, runId))!;
    // The paperless account (with an e-mail) is not printed; 85201 sorts before 85213.
    assert.deepEqual(
      f.index.map((r) => [r.sequence, r.billId, r.zip, r.firstPage, r.lastPage]),
      [
        [1, ids.es, '85201', 1, 2],
        [2, ids.en, '85213', 3, 4],
      ],
    );
    assert.equal((await pdfPagesText(f.pdf)).length, 4);
    const lines = f.indexCsv.trim().split('\r\n');
    assert.equal(
      lines[0],
      'sequence,bill_id,account_no,name,zip,first_page,last_page,pages,bill_total,amount_due',
    );
    assert.match(lines[1]!, new RegExp(`^1,${ids.es},.*,"Garcia PS, Maria",85201,1,2,2,`));
  });

  it('serves the print file and its index to billing staff over HTTP', async () => {
    const auth = { authorization: `Bearer ${await h.tokenFor('supervisor')}` };
    const pdf = await h.app.inject({ url: `/api/bill-runs/${runId}/print-file`, headers: auth });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const csv = await h.app.inject({
      url: `/api/bill-runs/${runId}/print-file?part=index`,
      headers: auth,
    });
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(csv.body.split('\r\n').filter(Boolean).length, 3);
  });
});
