import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  enteredReadNotice,
  reReadNotice,
  type ReReadDone,
} from '../../web/src/account/re-read-notice.ts';

// After a re-read is recorded the desk is told what the crew's read did (account page).
const read = (r: Partial<ReReadDone['reads'][number]>): ReReadDone['reads'][number] => ({
  register: 'gallon',
  status: 'accepted',
  holdReason: null,
  verifiedHold: null,
  heldReads: [],
  ...r,
});

it('says whether the read confirmed, replaced or superseded the held read', () => {
  const rows: [ReReadDone['reads'][number], string][] = [
    [read({}), 'gallon reading accepted'],
    [
      read({ heldReads: [{ decision: 'released' }] }),
      'gallon reading accepted; it confirmed the held read, which now counts',
    ],
    [
      read({ verifiedHold: 'high_usage', heldReads: [{ decision: 'replaced' }] }),
      'gallon reading accepted as verified by the crew despite high use; it replaced the held read',
    ],
    [
      read({ status: 'held', holdReason: 'negative_usage', heldReads: [{ decision: 'replaced' }] }),
      'gallon reading held for review (below the last reading); it replaced the held read',
    ],
    [
      read({
        heldReads: [{ decision: 'rejected' }, { decision: 'rejected' }, { decision: 'released' }],
      }),
      'gallon reading accepted; an older held read no longer counts; it confirmed the held read, which now counts',
    ],
  ];
  for (const [r, says] of rows)
    assert.equal(
      reReadNotice('W1', { orderId: 7, reads: [r] }),
      `Re-read of meter W1 recorded, order 7 completed: ${says}.`,
    );
});

it('names each register of a two-register meter', () => {
  const notice = reReadNotice('E9', {
    orderId: 3,
    reads: [read({ register: 'kwh' }), read({ register: 'kw', verifiedHold: 'zero_usage' })],
  });
  assert.equal(
    notice,
    'Re-read of meter E9 recorded, order 3 completed: kwh reading accepted. kw reading accepted as verified by the crew despite no use.',
  );
});

it('says a read entered by hand was accepted, or held and why', () => {
  const entered = { register: 'kwh', reading: '4512', date: '11/27/2026' };
  assert.equal(
    enteredReadNotice('E1', entered, { status: 'accepted', holdReason: null }),
    'kwh read 4512 of 11/27/2026 entered for meter E1: accepted.',
  );
  assert.equal(
    enteredReadNotice('E1', entered, { status: 'held', holdReason: 'high_usage' }),
    'kwh read 4512 of 11/27/2026 entered for meter E1: held for review (high use). The Read review queue decides it.',
  );
});
