import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';

type Json = Record<string, unknown>;

describeEngines('staff HTTP routes', (t) => {
  let h: TestApp;
  before(async () => {
    h = await startTestApp(t.db);
  });
  after(async () => h.close());

  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    auth: { token?: string; cookie?: string },
    payload?: Json,
  ) => {
    const headers: Record<string, string> = {};
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.cookie = `cis_session=${auth.cookie}`;
    const res = await h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json, headers: res.headers };
  };

  it('signing in sets an httpOnly session cookie; who-am-I reads it; signing out ends it', async () => {
    const res = await call(
      'POST',
      '/api/session',
      {},
      { username: 'Supervisor', password: 'demo' },
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.username, 'supervisor');
    assert.ok((res.body.permissions as string[]).includes('audit.read'));
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /cis_session=[^;]+;.*HttpOnly/i);
    const token = String(res.body.token);
    const me = await call('GET', '/api/session', { cookie: token });
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.roles, ['supervisor']);
    const out = await call('DELETE', '/api/session', { cookie: token });
    assert.equal(out.status, 200);
    assert.match(String(out.headers['set-cookie']), /cis_session=;/);
    assert.equal((await call('GET', '/api/session', { cookie: token })).status, 401);
  });

  it('a wrong password is 401 invalid_credentials with no cookie', async () => {
    const res = await call('POST', '/api/session', {}, { username: 'csr1', password: 'nope' });
    assert.equal(res.status, 401);
    assert.equal((res.body.error as Json).code, 'invalid_credentials');
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('an administrator creates, changes and audits a user; the audit shows who did it', async () => {
    const admin = { token: await h.tokenFor('admin') };
    const created = await call('POST', '/api/staff/users', admin, {
      username: 'New.Hire',
      displayName: 'New Hire',
      password: 'first-password',
      roles: ['csr1'],
    });
    assert.equal(created.status, 201);
    const id = Number(created.body.id);
    assert.equal(created.body.username, 'new.hire');
    const dup = await call('POST', '/api/staff/users', admin, {
      username: 'new.hire',
      displayName: 'Again',
      password: 'first-password',
      roles: [],
    });
    assert.equal(dup.status, 409);
    assert.equal((dup.body.error as Json).code, 'username_taken');
    const weak = await call('POST', '/api/staff/users', admin, {
      username: 'weak',
      displayName: 'Weak',
      password: 'short',
      roles: [],
    });
    assert.equal(weak.status, 400);
    const patched = await call('PATCH', `/api/staff/users/${id}`, admin, {
      email: 'nh@city.example',
    });
    assert.equal(patched.body.email, 'nh@city.example');
    const roles = await call('PUT', `/api/staff/users/${id}/roles`, admin, { roles: ['csr2'] });
    assert.deepEqual(roles.body.roles, ['csr2']);
    const reset = await call('POST', `/api/staff/users/${id}/password`, admin, {
      newPassword: 'second-password',
    });
    assert.equal(reset.status, 200);
    const audit = await call('GET', `/api/audit?entityType=staff_user&entityId=${id}`, admin);
    const items = audit.body.items as Json[];
    assert.deepEqual(
      items.map((a) => a.action),
      [
        'staff_user.password_reset',
        'staff_user.roles_changed',
        'staff_user.updated',
        'staff_user.created',
      ],
    );
    assert.ok(items.every((a) => a.actorName === 'admin'));
    assert.doesNotMatch(JSON.stringify(items), /argon2|first-password|second-password/);
  });

  it('an API token issued over HTTP works as a Bearer token and stops when revoked', async () => {
    const admin = { token: await h.tokenFor('admin') };
    const users = await call('GET', '/api/staff/users', admin);
    const cashier = (users.body.items as Json[]).find((u) => u.username === 'cashier');
    assert.ok(cashier);
    const issued = await call('POST', `/api/staff/users/${cashier.id}/api-tokens`, admin, {
      name: 'bank lockbox',
    });
    assert.equal(issued.status, 201);
    const bearer = { token: String(issued.body.token) };
    const me = await call('GET', '/api/session', bearer);
    assert.equal(me.body.username, 'cashier');
    const revoked = await call('DELETE', `/api/staff/api-tokens/${issued.body.id}`, admin);
    assert.equal(revoked.status, 200);
    assert.equal((await call('GET', '/api/session', bearer)).status, 401);
  });

  it("changing one's own password needs the current one", async () => {
    const token = await h.tokenFor('dispatcher');
    const wrong = await call(
      'POST',
      '/api/session/password',
      { token },
      {
        currentPassword: 'not-demo',
        newPassword: 'dispatch-2026',
      },
    );
    assert.equal(wrong.status, 422);
    assert.equal((wrong.body.error as Json).code, 'wrong_current_password');
    const ok = await call(
      'POST',
      '/api/session/password',
      { token },
      {
        currentPassword: 'demo',
        newPassword: 'dispatch-2026',
      },
    );
    assert.equal(ok.status, 200);
    assert.equal((await call('GET', '/api/session', { token })).status, 200, 'this session stays');
  });

  it('the roles list shows every role with its label and permissions', async () => {
    const res = await call('GET', '/api/staff/roles', { token: await h.tokenFor('csr1') });
    const items = res.body.items as { role: string; label: string; permissions: string[] }[];
    assert.equal(items.length, 8);
    assert.ok(items.find((r) => r.role === 'admin')?.permissions.includes('staff.manage'));
  });
});
