import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asId, formatAccountNumber, isValidAccountNumber, randomToken } from './ids.ts';

describe('ids', () => {
  it('account numbers follow the city format and carry a check digit', () => {
    const n = formatAccountNumber(551234, 12567);
    assert.match(n, /^551234-12567\d$/);
    assert.ok(isValidAccountNumber(n));
    // a single mistyped digit is caught
    const typo = `${n.slice(0, 8)}${(Number(n[8]) + 1) % 10}${n.slice(9)}`;
    assert.equal(isValidAccountNumber(typo), false);
    assert.equal(isValidAccountNumber('551234125678'), false);
  });

  it('ids are positive safe integers', () => {
    assert.equal(asId(5), 5);
    assert.throws(() => asId(0));
    assert.throws(() => asId(1.5));
  });

  it('random tokens are long and distinct', () => {
    const a = randomToken();
    assert.ok(a.length >= 43);
    assert.notEqual(a, randomToken());
  });
});
