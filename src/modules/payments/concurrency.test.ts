import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { inTransaction } from '../../db/index.ts';
import { billAccount, newAccount, payCtx, today } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';

describeEngines('concurrent posts of one idempotency key', (t) => {
  it('20 racing posts with one key make exactly one payment and one ledger entry', async () => {
    const accountId = await newAccount(t.db, 'race');
    await billAccount(t.db, accountId, localDate('2026-03-01'), { water: 9000 });
    const input = {
      accountId,
      amountCents: cents(2500),
      tender: {
        kind: 'check' as const,
        checkNumber: '77',
        routingNumber: '011000015',
        accountLast4: '1234',
      },
      channel: 'mail' as const,
      effectiveDate: today,
      idempotencyKey: 'race-key',
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        inTransaction(t.db, (tx) => postPayment(tx, input, payCtx())),
      ),
    );
    assert.ok(
      results.every((r) => r.ok),
      JSON.stringify(results.filter((r) => !r.ok)),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.value.paymentId : 0)));
    assert.equal(ids.size, 1);
    assert.equal(results.filter((r) => r.ok && !r.value.replayed).length, 1);
    const payments = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM payment WHERE account_id = $1`,
      [accountId],
    );
    assert.equal((payments.rows[0] as { n: number }).n, 1);
    const entries = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM journal_entry WHERE kind = 'payment'`,
    );
    assert.equal((entries.rows[0] as { n: number }).n, 1);
  });
});
