import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  permissions,
  permissionsOf,
  rolePermissions,
  roles,
  type Permission,
  type Role,
} from './permissions.ts';

const cases: readonly { role: Role; has: readonly Permission[]; lacks: readonly Permission[] }[] = [
  { role: 'admin', has: [...permissions], lacks: [] },
  {
    role: 'cashier',
    has: ['customers.read'],
    lacks: ['staff.manage', 'customers.write', 'audit.read', 'ledger.post'],
  },
  {
    role: 'csr1',
    has: ['customers.read', 'customers.write', 'service.start_stop', 'identity.verify'],
    lacks: ['fraud.override', 'status.manage', 'staff.manage', 'audit.read'],
  },
  {
    role: 'csr2',
    has: ['fraud.override', 'status.manage', 'customers.write'],
    lacks: ['ledger.post', 'staff.manage', 'audit.read'],
  },
  {
    role: 'supervisor',
    has: ['audit.read', 'ledger.read', 'ledger.post', 'fraud.override'],
    lacks: ['staff.manage'],
  },
  { role: 'dispatcher', has: ['customers.read'], lacks: ['customers.write', 'staff.manage'] },
  { role: 'field_tech', has: ['customers.read'], lacks: ['customers.write', 'staff.manage'] },
  {
    role: 'solid_waste',
    has: ['customers.read', 'service.start_stop'],
    lacks: ['fraud.override', 'staff.manage'],
  },
];

for (const c of cases) {
  it(`${c.role} holds ${c.has.length} listed permissions and lacks ${c.lacks.length}`, () => {
    const held = permissionsOf([c.role]);
    for (const p of c.has) assert.ok(held.has(p), `${c.role} should hold ${p}`);
    for (const p of c.lacks) assert.ok(!held.has(p), `${c.role} must not hold ${p}`);
  });
}

it('the table covers every role', () => {
  assert.deepEqual(new Set(cases.map((c) => c.role)), new Set(roles));
});

it('only admin holds staff.manage', () => {
  assert.deepEqual(
    roles.filter((r) => rolePermissions[r].includes('staff.manage')),
    ['admin'],
  );
});

it('every role holds customers.read and only known permissions', () => {
  for (const r of roles) {
    assert.ok(rolePermissions[r].includes('customers.read'), r);
    for (const p of rolePermissions[r]) assert.ok(permissions.includes(p), `${r}: ${p}`);
  }
});

it('the permissions of several roles are the union of each', () => {
  const both = permissionsOf(['cashier', 'supervisor']);
  assert.deepEqual(both, new Set([...rolePermissions.cashier, ...rolePermissions.supervisor]));
  assert.equal(permissionsOf([]).size, 0);
});
