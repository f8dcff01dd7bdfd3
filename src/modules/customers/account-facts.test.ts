import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { accountFacts, accountFactsJsonSql, accountFactsOfJson } from './account-facts.ts';
import { ctx, d, startedAccount, tx } from './customers-test-support.ts';
import { clearSpecialStatus, setSpecialStatus } from './special-statuses.ts';

describeEngines('account facts (one query for many accounts)', (t) => {
  it('reads the facts of several accounts at once and leaves unknown ids out', async () => {
    const a = await startedAccount(t.db);
    const b = await startedAccount(t.db);
    const facts = await accountFacts(
      t.db.pool,
      [a.accountId, b.accountId, 999_999],
      d('2026-04-01'),
    );
    assert.deepEqual(
      [...facts.keys()].sort((x, y) => x - y),
      [a.accountId, b.accountId],
    );
    const fa = facts.get(a.accountId)!;
    assert.equal(fa.customerId, a.customerId);
    assert.equal(fa.status, 'active');
    assert.equal(fa.accountClass, 'residential');
    assert.equal(fa.language, 'en');
    assert.equal(fa.dueDay, null);
    assert.match(fa.accountNo, /^\d{6}-\d{6}$/);
    assert.deepEqual(fa.specialStatuses, []);
    assert.equal(fa.cashOnly, false);
    assert.equal(fa.depositRequiredCents, 0);
    assert.equal(fa.depositFeeCode, null);
    assert.equal((await accountFacts(t.db.pool, [], d('2026-04-01'))).size, 0);
  });

  it('lists the special statuses open on the date, and cash-only only while it runs', async () => {
    const { accountId } = await startedAccount(t.db);
    const set = (startsOn: string, details: Parameters<typeof setSpecialStatus>[1]['details']) =>
      tx(t.db, (q) =>
        setSpecialStatus(q, { accountId, startsOn: d(startsOn), reason: 'r', details }, ctx),
      );
    expectOk(await set('2026-03-02', { status: 'cash_only', endsOn: d('2026-06-30') }));
    expectOk(
      await set('2026-03-10', { status: 'bankruptcy', caseNumber: '2:26-bk-1', chapter: 7 }),
    );
    expectOk(await set('2026-03-02', { status: 'deceased', dateOfDeath: d('2026-03-01') }));
    expectOk(
      await tx(t.db, (q) =>
        clearSpecialStatus(q, { accountId, status: 'deceased', reason: 'entered in error' }, ctx),
      ),
    );
    const on = async (date: string) =>
      (await accountFacts(t.db.pool, [accountId], d(date))).get(accountId)!;
    // 03-05: bankruptcy starts on 03-10; the cleared status never shows.
    assert.deepEqual((await on('2026-03-05')).specialStatuses, ['cash_only']);
    assert.equal((await on('2026-03-05')).cashOnly, true);
    assert.deepEqual((await on('2026-06-30')).specialStatuses, ['bankruptcy', 'cash_only']);
    // 07-01: cash-only ended on 06-30.
    assert.deepEqual((await on('2026-07-01')).specialStatuses, ['bankruptcy']);
    assert.equal((await on('2026-07-01')).cashOnly, false);
  });

  it("sums the deposits still required (not billed, not waived) with the first one's fee", async () => {
    const { accountId } = await startedAccount(t.db);
    const add = (fee: string, amount: number, status: string) =>
      t.db.pool.query(
        `INSERT INTO account_deposit_requirement (account_id, fee_code, amount_cents, reason,
           status, required_on, created_at) VALUES ($1, $2, $3, 'test', $4, '2026-03-03', now())`,
        [accountId, fee, amount, status],
      );
    await add('deposit_waived', 5_000, 'waived');
    await add('deposit_first', 10_000, 'required');
    await add('deposit_second', 2_500, 'required');
    await add('deposit_billed', 7_000, 'billed');
    const f = (await accountFacts(t.db.pool, [accountId], d('2026-04-01'))).get(accountId)!;
    // 10,000 + 2,500 (the waived 5,000 and billed 7,000 are not required any more)
    assert.equal(f.depositRequiredCents, 12_500);
    assert.equal(f.depositFeeCode, 'deposit_first');
  });

  it('accountFactsJsonSql reads the same facts inside another statement; null for no account', async () => {
    const { accountId } = await startedAccount(t.db);
    expectOk(
      await tx(t.db, (q) =>
        setSpecialStatus(
          q,
          {
            accountId,
            startsOn: d('2026-03-02'),
            reason: 'r',
            details: { status: 'cash_only', endsOn: d('2026-06-30') },
          },
          ctx,
        ),
      ),
    );
    await t.db.pool.query(
      `INSERT INTO account_deposit_requirement (account_id, fee_code, amount_cents, reason,
         status, required_on, created_at) VALUES ($1, 'deposit_first', 4000, 'test', 'required',
         '2026-03-03', now())`,
      [accountId],
    );
    const viaJson = async (id: number, date: string) =>
      accountFactsOfJson(
        (
          await t.db.pool.query<{ f: unknown }>(
            `SELECT 1 AS other, ${accountFactsJsonSql('$1::int8', '$2::date')} AS f`,
            [id, date],
          )
        ).rows[0]!.f,
      );
    for (const date of ['2026-03-01', '2026-04-01', '2026-07-01']) {
      const facts = (await accountFacts(t.db.pool, [accountId], d(date))).get(accountId);
      assert.deepEqual(await viaJson(accountId, date), facts, date);
    }
    assert.equal(await viaJson(987_654_321, '2026-04-01'), null);
  });
});
