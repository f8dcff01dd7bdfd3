/**
 * Roles and permissions (STF-1). Every HTTP route declares one permission (or `public` /
 * `authenticated`); `rolePermissions` says which roles hold it. A test built from the route
 * table proves that every role without a route's permission gets 403.
 */
export const roles = [
  'csr1',
  'csr2',
  'supervisor',
  'cashier',
  'dispatcher',
  'field_tech',
  'solid_waste',
  'admin',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Readonly<Record<Role, string>> = {
  csr1: 'Customer Service Specialist I',
  csr2: 'Customer Service Specialist II (lead)',
  supervisor: 'Customer Service Supervisor',
  cashier: 'Cashier',
  dispatcher: 'Utility Dispatcher',
  field_tech: 'Field Technician',
  solid_waste: 'Solid Waste Specialist',
  admin: 'System Administrator',
};

export const permissions = [
  'customers.read', // search, account overview, timeline
  'customers.write', // create customers/premises/accounts, change contact data, notes
  'service.start_stop', // start, stop and transfer service
  'identity.verify', // record identity verification
  'fraud.override', // proceed despite a fraud signal, with a reason
  'status.manage', // set or clear special statuses (bankruptcy, medical, cash-only, …)
  'ledger.read', // trial balance, journal, account balances by fund
  'ledger.post', // manual journal entries and reversals
  'audit.read', // the audit trail
  'staff.manage', // users and roles
  'rates.manage', // add effective-dated rate schedule versions
  'meters.manage', // install, exchange and remove meters; issue and return hydrant meters
  'reads.enter', // enter a field or customer read; request a re-read
  'reads.review', // release or reject held reads (the read-review queue)
  'reads.import', // import read files
  'orders.complete', // complete or cancel field service orders; record a re-read on its order
  'billing.run', // start bill runs, see the bill register
  'billing.adjust', // adjust a bill, cancel and rebill (each role has an approval limit)
  'payments.take', // take a payment (cash, check, card, ACH) at the window or by phone
  'payments.reverse', // reverse a payment taken in error
  'payments.refund', // refund credit balances and deposits by check; export refund checks
  'drawers.supervise', // verify cash drawers, make bank deposits, the daily reconciliation
  'payments.remittance', // import lockbox/BAI2/CSV payment files; research and apply unapplied cash
] as const;
export type Permission = (typeof permissions)[number];

const csr1: readonly Permission[] = [
  'customers.read',
  'customers.write',
  'service.start_stop',
  'identity.verify',
  'reads.enter',
  'billing.adjust',
  'payments.take',
];
const csr2: readonly Permission[] = [...csr1, 'fraud.override', 'status.manage', 'reads.review'];

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  csr1,
  csr2,
  supervisor: [
    ...csr2,
    'ledger.read',
    'ledger.post',
    'audit.read',
    'rates.manage',
    'reads.import',
    'orders.complete',
    'billing.run',
    'payments.reverse',
    'payments.refund',
    'drawers.supervise',
    'payments.remittance',
  ],
  cashier: ['customers.read', 'payments.take'],
  dispatcher: ['customers.read', 'meters.manage', 'reads.enter', 'reads.review', 'orders.complete'],
  field_tech: ['customers.read', 'meters.manage', 'reads.enter', 'orders.complete'],
  solid_waste: ['customers.read', 'customers.write', 'service.start_stop'],
  admin: [...permissions],
};

export function permissionsOf(userRoles: readonly Role[]): Set<Permission> {
  return new Set(userRoles.flatMap((r) => rolePermissions[r]));
}
