import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cents } from '../../../core/money.ts';
import { sandboxGateway } from './sandbox-gateway.ts';

describe('the sandbox card gateway behaves like a processor', () => {
  it('approves, captures once per key and refunds up to the captured amount', async () => {
    const g = sandboxGateway();
    const a = await g.authorize({
      token: 'tok_mc_5454',
      amountCents: cents(1000),
      idempotencyKey: 'k1',
    });
    assert.equal(a.status, 'approved');
    const id = a.status === 'approved' ? a.value.authorizationId : '';
    assert.deepEqual(a.status === 'approved' && [a.value.brand, a.value.last4], [
      'mastercard',
      '5454',
    ]);
    assert.equal(
      (await g.capture({ authorizationId: id, idempotencyKey: 'c1' })).status,
      'approved',
    );
    // The same capture key again answers the same; a new key finds nothing left to capture.
    assert.equal(
      (await g.capture({ authorizationId: id, idempotencyKey: 'c1' })).status,
      'approved',
    );
    assert.equal(
      (await g.capture({ authorizationId: id, idempotencyKey: 'c2' })).status,
      'declined',
    );
    const r1 = await g.refund({
      authorizationId: id,
      amountCents: cents(600),
      idempotencyKey: 'r1',
    });
    assert.equal(r1.status, 'approved');
    const r2 = await g.refund({
      authorizationId: id,
      amountCents: cents(600),
      idempotencyKey: 'r2',
    });
    assert.deepEqual(r2, { status: 'declined', reason: 'refund_exceeds_capture' });
  });

  it('the same authorize key returns the first authorization, never a second charge', async () => {
    const g = sandboxGateway();
    const a = await g.authorize({
      token: 'tok_visa_4242',
      amountCents: cents(500),
      idempotencyKey: 'same',
    });
    const b = await g.authorize({
      token: 'tok_visa_4242',
      amountCents: cents(500),
      idempotencyKey: 'same',
    });
    assert.deepEqual(a, b);
  });

  it('declines by magic token and amount, and times out by magic token', async () => {
    const g = sandboxGateway();
    const cases: [string, number, string][] = [
      ['tok_decline_0001', 100, 'card_declined'],
      ['tok_insufficient_01', 100, 'insufficient_funds'],
      ['tok_visa_4242', 1_000_000, 'over_limit'],
      ['4111111111111111', 100, 'invalid_token'],
    ];
    for (const [token, amount, reason] of cases) {
      const o = await g.authorize({ token, amountCents: cents(amount), idempotencyKey: token });
      assert.deepEqual(o, { status: 'declined', reason });
    }
    const t1 = await g.authorize({
      token: 'tok_timeout_9',
      amountCents: cents(1),
      idempotencyKey: 't',
    });
    const t2 = await g.authorize({
      token: 'tok_timeout_9',
      amountCents: cents(1),
      idempotencyKey: 't',
    });
    assert.deepEqual([t1.status, t2.status], ['timeout', 'timeout']);
  });
});
