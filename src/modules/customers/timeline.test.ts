import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import type { Database } from '../../db/index.ts';
import { postEntry } from '../ledger/index.ts';
import { addNote } from './add-note.ts';
import { at, d, startedAccount, tx } from './customers-test-support.ts';
import { getTimeline, type TimelineEvent } from './timeline.ts';

/** A journal entry on the account's water receivable: + charged (bill), − credited (payment). */
async function post(
  db: Database,
  accountId: number,
  kind: 'bill' | 'payment',
  amount: number,
  iso: string,
) {
  const lines =
    kind === 'bill'
      ? [
          { glAccount: 'receivable:water', debitCents: cents(amount), accountId },
          { glAccount: 'revenue.service:water', creditCents: cents(amount) },
        ]
      : [
          { glAccount: 'cash.drawer:general', debitCents: cents(amount) },
          { glAccount: 'receivable:water', creditCents: cents(amount), accountId },
        ];
  const memo = kind === 'bill' ? 'Bill 2026-03-03 – 2026-04-02' : 'Payment by cash (window)';
  return expectOk(
    await tx(db, (q) =>
      postEntry(
        q,
        {
          kind,
          sourceRef: `t-${kind}-${accountId}-${iso}`,
          effectiveDate: d(iso.slice(0, 10)),
          memo,
          lines,
        },
        at(iso),
      ),
    ),
  ).entryId;
}

const label = (e: TimelineEvent) => `${e.source}:${e.kind}:${e.summary}`;

describeEngines('account timeline: account events and the ledger in one history (ACC-5)', (t) => {
  it('merges bills and payments with the account’s events, newest first, without repeating what an event already says', async () => {
    const { accountId } = await startedAccount(t.db);
    const other = await startedAccount(t.db);
    const bill = await post(t.db, accountId, 'bill', 12_345, '2026-04-03T14:00:00.250Z');
    await post(t.db, other.accountId, 'bill', 999, '2026-04-03T14:00:00.250Z');
    // A payment and a note in the same millisecond: the ledger entry first, then the event.
    const payment = await post(t.db, accountId, 'payment', 5_000, '2026-04-10T17:30:00.500Z');
    expectOk(
      await tx(t.db, (q) =>
        addNote(
          q,
          { accountId, category: 'billing', body: 'Paid at the window' },
          at('2026-04-10T17:30:00.500Z'),
        ),
      ),
    );
    const all = await getTimeline(t.db.pool, accountId, { limit: 200 });
    assert.equal(all.nextBefore, null);
    assert.deepEqual(all.events.slice(0, 3).map(label), [
      'ledger:payment:Payment by cash (window): $50.00 credited',
      'event:note_added:Paid at the window',
      'ledger:bill:Bill 2026-03-03 – 2026-04-02: $123.45 charged',
    ]);
    assert.deepEqual(
      all.events.slice(0, 3).map((e) => [e.refType, e.amountCents]),
      [
        ['journal_entry', -5000],
        ['account_note', null],
        ['journal_entry', 12345],
      ],
    );
    assert.deepEqual([all.events[0]!.refId, all.events[2]!.refId], [String(payment), String(bill)]);
    // The start's fees are an event that names its journal entry: shown once, as the event.
    const fees = all.events.filter((e) => e.kind === 'fees_charged' || e.kind === 'fee');
    assert.deepEqual(
      fees.map((e) => e.source),
      ['event'],
    );
    assert.ok(all.events.some((e) => e.kind === 'service_started'));
    // Nothing of the other account.
    assert.ok(!all.events.some((e) => e.summary.includes('$9.99')));

    // Paged one by one, the same history: no item twice, none left out.
    const paged: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await getTimeline(t.db.pool, accountId, {
        limit: 1,
        ...(before ? { before } : {}),
      });
      paged.push(...page.events.map((e) => `${e.source}-${e.id}`));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    assert.deepEqual(
      paged,
      all.events.map((e) => `${e.source}-${e.id}`),
    );
  });
});
