import { ok } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { insertUser } from './create-user.ts';
import { roleLabels, type Role } from './permissions.ts';

/** The demo staff, one per role (issue 2 item 10). Their password is "demo". */
export const demoUsers: readonly { readonly username: string; readonly role: Role }[] = [
  { username: 'csr1', role: 'csr1' },
  { username: 'csr2', role: 'csr2' },
  { username: 'supervisor', role: 'supervisor' },
  { username: 'cashier', role: 'cashier' },
  { username: 'dispatcher', role: 'dispatcher' },
  { username: 'tech', role: 'field_tech' },
  { username: 'solidwaste', role: 'solid_waste' },
  { username: 'admin', role: 'admin' },
];

export const demoPassword = 'demo';

/**
 * Creates the demo users that do not exist yet (audited as `staff_user.created` by the
 * system actor "demo") and returns the whole demo list for the console. Existing users of
 * those names are left exactly as they are, so running it again changes nothing. The
 * password "demo" is below the password policy on purpose: call this in demo mode only.
 */
export async function ensureDemoUsers(
  db: Database,
  now: Date,
): Promise<{ username: string; role: Role }[]> {
  const ctx = { actor: systemActor('demo'), now };
  await inTransaction(db, async (tx) => {
    const existing = await tx.query<{ username: string }>(
      'SELECT username FROM staff_user WHERE username = ANY($1::text[])',
      [demoUsers.map((u) => u.username)],
    );
    const taken = new Set(existing.rows.map((r) => r.username));
    for (const u of demoUsers) {
      if (taken.has(u.username)) continue;
      const input = {
        username: u.username,
        displayName: `Demo ${roleLabels[u.role]}`,
        password: demoPassword,
        roles: [u.role],
        mustChangePassword: false,
      };
      // A concurrent first start may have created the user meanwhile: then it is taken.
      await insertUser(tx, input, ctx);
    }
    return ok(undefined);
  });
  return demoUsers.map((u) => ({ ...u }));
}
