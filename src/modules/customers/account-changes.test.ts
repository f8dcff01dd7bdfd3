import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { addNote } from './add-note.ts';
import { changeContacts } from './change-contacts.ts';
import { changeDueDay } from './change-due-day.ts';
import { changeMailingAddress } from './change-mailing-address.ts';
import {
  at,
  counts,
  ctx,
  d,
  newCustomer,
  newPremise,
  startedAccount,
  tx,
} from './customers-test-support.ts';
import { getAccountOverview } from './get-account-overview.ts';
import { findPremisesByAddress, getPremise } from './get-premise.ts';
import { openAccount } from './open-account.ts';
import { setPaperless } from './set-paperless.ts';
import { clearSpecialStatus, setSpecialStatus } from './special-statuses.ts';
import { getTimeline } from './timeline.ts';
import { updateCustomer } from './update-customer.ts';
import { isValidAccountNumber } from '../../core/ids.ts';

const address = { line1: 'PO Box 4410', line2: null, city: 'Tempe', state: 'AZ', zip: '85281' };

describeEngines('account changes, notes, timeline and special statuses', (t) => {
  it('opening an account numbers it with a check digit and mails to the premise by default', async () => {
    const customerId = await newCustomer(t.db);
    const premiseId = await newPremise(t.db, { unit: '4B' });
    const r = expectOk(
      await tx(t.db, (q) =>
        openAccount(
          q,
          { customerId, accountClass: 'residential', premiseId, openedOn: d('2026-03-02') },
          ctx,
        ),
      ),
    );
    assert.ok(isValidAccountNumber(r.accountNo), r.accountNo);
    const o = expectOk(await getAccountOverview(t.db.pool, r.accountId));
    assert.equal(o.mailingAddress.line2, 'Unit 4B');
    assert.equal(o.account.version, 1);
  });

  it('changes bump the version and a stale version is refused without writing', async () => {
    const { accountId } = await startedAccount(t.db);
    const v2 = expectOk(
      await tx(t.db, (q) =>
        changeMailingAddress(q, { accountId, expectedVersion: 1, address }, ctx),
      ),
    );
    assert.equal(v2.version, 2);
    const before = await counts(t.db);
    const stale = await tx(t.db, (q) =>
      setPaperless(q, { accountId, expectedVersion: 1, paperless: true }, ctx),
    );
    assert.equal(stale.ok ? 'ok' : stale.code, 'stale_version');
    assert.deepEqual(await counts(t.db), before);
    expectOk(
      await tx(t.db, (q) =>
        setPaperless(q, { accountId, expectedVersion: 2, paperless: true }, ctx),
      ),
    );
    const o = expectOk(await getAccountOverview(t.db.pool, accountId));
    assert.deepEqual(
      [o.mailingAddress.city, o.account.paperless, o.account.version],
      ['Tempe', true, 3],
    );
    const audit = await t.db.pool.query(
      "SELECT before->>'city' AS b, after->>'city' AS a FROM audit_log WHERE action = 'account.mailing_address_changed' AND account_id = $1",
      [accountId],
    );
    assert.deepEqual(audit.rows[0], { b: 'Mesa', a: 'Tempe' });
  });

  it('contacts are added, updated and removed; an unknown contact is refused', async () => {
    const { accountId } = await startedAccount(t.db);
    const added = expectOk(
      await tx(t.db, (q) =>
        changeContacts(
          q,
          {
            accountId,
            expectedVersion: 1,
            add: [
              {
                name: 'Jose Garcia',
                relationship: 'spouse',
                phone: '480-555-0199',
                mayDiscuss: true,
              },
              { name: 'Acme Property Mgmt', relationship: 'property_manager' },
            ],
          },
          ctx,
        ),
      ),
    );
    const [spouse, manager] = added.addedIds as [number, number];
    expectOk(
      await tx(t.db, (q) =>
        changeContacts(
          q,
          {
            accountId,
            expectedVersion: 2,
            update: [
              { contactId: spouse, name: 'José Garcia', relationship: 'spouse', mayDiscuss: true },
            ],
            remove: [manager],
          },
          ctx,
        ),
      ),
    );
    const bad = await tx(t.db, (q) =>
      changeContacts(q, { accountId, expectedVersion: 3, remove: [manager] }, ctx),
    );
    assert.equal(bad.ok ? 'ok' : bad.code, 'contact_not_found');
    const o = expectOk(await getAccountOverview(t.db.pool, accountId));
    assert.deepEqual(
      o.contacts.map((c) => [c.name, c.phone]),
      [['José Garcia', null]],
    );
  });

  it('Select Due Date is refused while the balance is unpaid and for commercial accounts', async () => {
    const { accountId } = await startedAccount(t.db); // owes the start fees
    const owing = await tx(t.db, (q) =>
      changeDueDay(q, { accountId, expectedVersion: 1, dueDay: 15 }, ctx),
    );
    assert.equal(owing.ok ? 'ok' : owing.code, 'due_day_not_allowed');
    assert.match(owing.ok ? '' : (owing.detail ?? ''), /paid in full/);
    const customerId = await newCustomer(t.db);
    const premiseId = await newPremise(t.db);
    const paid = expectOk(
      await tx(t.db, (q) =>
        openAccount(
          q,
          { customerId, accountClass: 'residential', premiseId, openedOn: d('2026-03-02') },
          ctx,
        ),
      ),
    );
    expectOk(
      await tx(t.db, (q) =>
        changeDueDay(q, { accountId: paid.accountId, expectedVersion: 1, dueDay: 15 }, ctx),
      ),
    );
    const commercial = expectOk(
      await tx(t.db, (q) =>
        openAccount(
          q,
          { customerId, accountClass: 'commercial', premiseId, openedOn: d('2026-03-02') },
          ctx,
        ),
      ),
    );
    const refused = await tx(t.db, (q) =>
      changeDueDay(q, { accountId: commercial.accountId, expectedVersion: 1, dueDay: 15 }, ctx),
    );
    assert.equal(refused.ok ? 'ok' : refused.code, 'due_day_not_allowed');
    const o = expectOk(await getAccountOverview(t.db.pool, paid.accountId));
    assert.equal(o.account.dueDay, 15);
  });

  it('notes and events come back newest first, in keyset pages', async () => {
    const { accountId } = await startedAccount(t.db);
    for (const [i, iso] of [
      '2026-03-05T10:00:00Z',
      '2026-03-04T10:00:00Z',
      '2026-03-06T10:00:00Z',
    ].entries()) {
      expectOk(
        await tx(t.db, (q) =>
          addNote(q, { accountId, category: 'general', body: `note ${i}` }, at(iso)),
        ),
      );
    }
    const tooLong = await tx(t.db, (q) =>
      addNote(q, { accountId, category: 'general', body: 'x'.repeat(5000) }, ctx),
    );
    assert.equal(tooLong.ok ? 'ok' : tooLong.code, 'invalid');
    const first = await getTimeline(t.db.pool, accountId, { limit: 2 });
    assert.deepEqual(
      first.events.map((e) => e.summary),
      ['note 2', 'note 0'],
    );
    assert.ok(first.nextBefore);
    const second = await getTimeline(t.db.pool, accountId, { limit: 2, before: first.nextBefore });
    assert.equal(second.events[0]?.summary, 'note 1');
    const all = await getTimeline(t.db.pool, accountId, { limit: 200 });
    const times = all.events.map((e) => e.at);
    assert.deepEqual(times, [...times].sort().reverse());
    assert.ok(all.events.some((e) => e.kind === 'service_started'));
    await assert.rejects(t.db.pool.query('DELETE FROM account_note'), /append-only/);
    const o = expectOk(await getAccountOverview(t.db.pool, accountId));
    assert.equal(o.recentNotes[0]?.body, 'note 2');
  });

  it('special statuses are set once, cleared once, and shown while open', async () => {
    const { accountId } = await startedAccount(t.db);
    const bk = {
      accountId,
      startsOn: d('2026-03-10'),
      reason: 'notice of filing received',
      details: { status: 'bankruptcy' as const, caseNumber: '2:26-bk-01234', chapter: 13 as const },
    };
    expectOk(await tx(t.db, (q) => setSpecialStatus(q, bk, ctx)));
    const twice = await tx(t.db, (q) => setSpecialStatus(q, bk, ctx));
    assert.equal(twice.ok ? 'ok' : twice.code, 'status_already_set');
    const far = await tx(t.db, (q) =>
      setSpecialStatus(
        q,
        {
          accountId,
          startsOn: d('2026-03-10'),
          reason: 'doctor',
          details: {
            status: 'medical_certificate',
            certificateNumber: 'MC-1',
            expiresOn: d('2027-03-11'),
          },
        },
        ctx,
      ),
    );
    assert.equal(far.ok ? 'ok' : far.code, 'certificate_expiry_too_far');
    expectOk(
      await tx(t.db, (q) =>
        setSpecialStatus(
          q,
          {
            accountId,
            startsOn: d('2026-03-10'),
            reason: 'doctor',
            details: {
              status: 'medical_certificate',
              certificateNumber: 'MC-1',
              expiresOn: d('2027-03-10'),
            },
          },
          ctx,
        ),
      ),
    );
    let o = expectOk(await getAccountOverview(t.db.pool, accountId));
    assert.deepEqual(
      o.specialStatuses.map((s) => [s.status, s.reference]),
      [
        ['bankruptcy', '2:26-bk-01234'],
        ['medical_certificate', 'MC-1'],
      ],
    );
    assert.equal(o.specialStatuses[0]?.details.chapter, 13);
    expectOk(
      await tx(t.db, (q) =>
        clearSpecialStatus(q, { accountId, status: 'bankruptcy', reason: 'dismissed' }, ctx),
      ),
    );
    const again = await tx(t.db, (q) =>
      clearSpecialStatus(q, { accountId, status: 'bankruptcy', reason: 'dismissed' }, ctx),
    );
    assert.equal(again.ok ? 'ok' : again.code, 'status_not_set');
    o = expectOk(await getAccountOverview(t.db.pool, accountId));
    assert.deepEqual(
      o.specialStatuses.map((s) => s.status),
      ['medical_certificate'],
    );
    const kinds = (await getTimeline(t.db.pool, accountId, { limit: 50 })).events.map(
      (e) => e.kind,
    );
    assert.ok(kinds.includes('special_status_set') && kinds.includes('special_status_cleared'));
  });

  it("a customer's contact change is audited and stale versions are refused", async () => {
    const customerId = await newCustomer(t.db);
    expectOk(
      await tx(t.db, (q) =>
        updateCustomer(
          q,
          { customerId, expectedVersion: 1, phone: '+1 480 555 0123', email: null },
          ctx,
        ),
      ),
    );
    const stale = await tx(t.db, (q) =>
      updateCustomer(q, { customerId, expectedVersion: 1, language: 'es' }, ctx),
    );
    assert.equal(stale.ok ? 'ok' : stale.code, 'stale_version');
    const r = await t.db.pool.query('SELECT phone, email, version FROM customer WHERE id = $1', [
      customerId,
    ]);
    assert.deepEqual(r.rows[0], { phone: '4805550123', email: null, version: 2 });
  });

  it('the premise picker finds an address and flags vacant premises; a premise shows its history', async () => {
    const { premiseId } = await startedAccount(t.db);
    const vacant = await newPremise(t.db, { addressLine1: '77 W Zircon Ave' });
    const p = expectOk(await getPremise(t.db.pool, premiseId));
    const found = await findPremisesByAddress(t.db.pool, p.addressLine1.toLowerCase());
    assert.equal(found[0]?.premiseId, premiseId);
    assert.equal(found[0]?.vacant, false);
    const z = await findPremisesByAddress(t.db.pool, 'zircon');
    assert.deepEqual(
      z.map((x) => [x.premiseId, x.vacant]),
      [[vacant, true]],
    );
    assert.equal(p.serviceHistory.length, 3);
    assert.equal(p.latitude, 33.415);
  });
});
