import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { roles, rolePermissions } from '../../src/modules/staff/index.ts';
import { allRoutes } from '../../src/shells/http/routes.ts';
import { describeEngines } from '../support/test-db.ts';
import { fillPath, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Built from the route table, not a hand list: every route that needs a permission answers
 * 403 to every role without it and 401 to nobody-logged-in; a role that has the permission
 * is never refused with 403.
 */
describeEngines('route × role matrix', (t) => {
  let h: TestApp;
  before(async () => {
    h = await startTestApp(t.db);
  });
  after(async () => h.close());

  const guarded = allRoutes().filter((r) => r.access !== 'public' && r.access !== 'optional');

  it('the route table declares an access rule for every route and has guarded routes', () => {
    assert.ok(guarded.length >= 20, `only ${guarded.length} guarded routes`);
    const keys = allRoutes().map((r) => `${r.method} ${r.url}`);
    assert.equal(new Set(keys).size, keys.length, 'duplicate routes');
  });

  it('every guarded route answers 401 without a session', async () => {
    for (const r of guarded) {
      const res = await h.app.inject({
        method: r.method,
        url: fillPath(r.url, '1'),
        ...(r.method === 'GET' ? {} : { payload: {} }),
      });
      assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.statusCode}`);
      assert.equal(res.json().error.code, 'unauthenticated');
    }
  });

  it('every role without a route’s permission gets 403, and every role with it does not', async () => {
    let refused = 0;
    for (const role of roles) {
      const token = await h.tokenFor(role);
      const held = new Set<string>(rolePermissions[role]);
      // 'authenticated' routes (who-am-I, log out, own password) are covered by the 401 test;
      // calling log-out here would end the very session the loop uses.
      for (const r of guarded.filter((g) => g.access !== 'authenticated')) {
        const res = await h.app.inject({
          method: r.method,
          url: fillPath(r.url, '1'),
          headers: { authorization: `Bearer ${token}` },
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        const mustRefuse = !held.has(r.access);
        if (mustRefuse) {
          refused++;
          assert.equal(
            res.statusCode,
            403,
            `${role} → ${r.method} ${r.url}: ${res.statusCode} ${res.body}`,
          );
          assert.equal(res.json().error.code, 'forbidden');
        } else {
          assert.notEqual(res.statusCode, 403, `${role} → ${r.method} ${r.url} refused`);
          assert.notEqual(res.statusCode, 401, `${role} → ${r.method} ${r.url} unauthenticated`);
          assert.ok(
            res.statusCode < 500,
            `${role} → ${r.method} ${r.url}: ${res.statusCode} ${res.body}`,
          );
        }
      }
    }
    assert.ok(refused > 50, `only ${refused} refusals checked`);
  });
});
