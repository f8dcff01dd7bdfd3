import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/shells/http/server.ts';
import { allRoutes } from '../../src/shells/http/routes.ts';
import { describeEngines } from '../support/test-db.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describeEngines('HTTP basics', (t) => {
  let h: TestApp;
  before(async () => {
    h = await startTestApp(t.db);
  });
  after(async () => h.close());

  it('/healthz answers with the engine', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ok');
    assert.equal(res.json().engine, t.engine);
  });

  it('/openapi.json documents every route with its security', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const r of allRoutes()) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method.toLowerCase()];
      assert.ok(op, `${r.method} ${path} missing from OpenAPI`);
      assert.equal(op.summary, r.summary);
      if (r.access !== 'public' && r.access !== 'optional')
        assert.ok(op.security, `${r.method} ${path} has no security`);
    }
    const docs = await h.app.inject({ method: 'GET', url: '/docs/' });
    assert.ok(docs.statusCode === 200 || docs.statusCode === 302, `docs page: ${docs.statusCode}`);
  });

  it('serves the agent desk, with its client-side routes, beside a JSON API', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cis-web-'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>desk</title>');
    const app = await buildServer(
      { db: t.db, now: () => new Date(), timeZone: 'America/Phoenix', demo: false },
      { webRoot: root },
    );
    try {
      const deep = await app.inject({ method: 'GET', url: '/accounts/42' });
      assert.equal(deep.statusCode, 200);
      assert.match(String(deep.headers['content-type']), /text\/html/);
      assert.match(deep.body, /desk/);
      const api = await app.inject({ method: 'GET', url: '/api/nope' });
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'not_found');
    } finally {
      await app.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an unknown route is a JSON 404 with a stable code', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/nope' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('logging in sets an http-only session cookie that authenticates later calls', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'csr1', password: 'demo' },
    });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'cis_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Strict');
    const me = await h.app.inject({
      method: 'GET',
      url: '/api/session',
      cookies: { cis_session: cookie.value },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().username, 'csr1');
    const state = await h.app.inject({
      method: 'GET',
      url: '/api/session/state',
      cookies: { cis_session: cookie.value },
    });
    assert.equal(state.json().signedIn, true);
    assert.equal(state.json().user.username, 'csr1');
    // The city's zone: the web app's "today" is the city's business date, not the browser's.
    assert.equal(state.json().timeZone, 'America/Phoenix');
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/session/state' });
    assert.equal(anonymous.statusCode, 200);
    assert.deepEqual(anonymous.json(), { signedIn: false, timeZone: 'America/Phoenix' });
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'csr1', password: 'nope' },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().error.code, 'invalid_credentials');
  });
});
