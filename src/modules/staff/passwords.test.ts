import assert from 'node:assert/strict';
import { it } from 'node:test';
import { limits } from '../../core/limits.ts';
import {
  hashPassword,
  passwordPolicyProblem,
  verifyAgainstDummy,
  verifyPassword,
} from './passwords.ts';

const policyCases = [
  { name: 'seven characters are too short', password: 'abcdefg', accepted: false },
  { name: 'eight characters are enough', password: 'abcdefgh', accepted: true },
  { name: 'the demo password is below the policy', password: 'demo', accepted: false },
  { name: 'eight spaces are refused', password: '        ', accepted: false },
  { name: 'characters are counted, not UTF-16 units', password: '🔑🔑🔑🔑🔑🔑🔑', accepted: false },
  { name: 'a long passphrase is fine', password: 'correct horse battery staple', accepted: true },
  {
    name: 'the maximum length is accepted',
    password: 'x'.repeat(limits.passwordCharsMax),
    accepted: true,
  },
  {
    name: 'beyond the maximum is refused',
    password: 'x'.repeat(limits.passwordCharsMax + 1),
    accepted: false,
  },
] as const;

for (const c of policyCases) {
  it(c.name, () => {
    assert.equal(passwordPolicyProblem(c.password) === undefined, c.accepted);
  });
}

it('a password hash is argon2id, salted, and verifies only the right password', async () => {
  const a = await hashPassword('river-otter-42');
  const b = await hashPassword('river-otter-42');
  assert.match(a, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword(a, 'river-otter-42'), true);
  assert.equal(await verifyPassword(a, 'river-otter-43'), false);
});

it('a malformed stored hash verifies nothing', async () => {
  assert.equal(await verifyPassword('not-a-hash', 'anything'), false);
});

it('the dummy verification always fails', async () => {
  assert.equal(await verifyAgainstDummy('anything'), false);
});
