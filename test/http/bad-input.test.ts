import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { allRoutes } from '../../src/shells/http/routes.ts';
import { describeEngines } from '../support/test-db.ts';
import { fillPath, rowCounts, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Bad input for every endpoint, from the route table: a body of the wrong shape, a path
 * parameter that is not an id, a missing required query. Each answers 400 with the stable
 * code `invalid` and field messages — never a 500 — and writes nothing.
 */
describeEngines('bad input on every endpoint', (t) => {
  let h: TestApp;
  let token: string;
  before(async () => {
    h = await startTestApp(t.db);
    token = await h.tokenFor('admin');
  });
  after(async () => h.close());

  const inject = (method: string, url: string, payload?: unknown) =>
    h.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('a body of the wrong shape is a 400 with field messages and writes nothing', async () => {
    const withBody = allRoutes().filter((r) => r.body !== undefined);
    assert.ok(withBody.length >= 10);
    const before = await rowCounts(t.db);
    for (const r of withBody) {
      for (const payload of [[1, 2], 'text', { unexpectedOnly: true }]) {
        const res = await inject(r.method, fillPath(r.url, '1'), payload);
        if (r.url === '/api/session' && res.statusCode === 401) continue; // login has no required-field surprise
        assert.equal(
          res.statusCode,
          400,
          `${r.method} ${r.url} ${JSON.stringify(payload)}: ${res.statusCode} ${res.body}`,
        );
        const body = res.json();
        assert.equal(body.error.code, 'invalid');
        assert.ok(
          body.error.fields && Object.keys(body.error.fields).length > 0,
          `${r.url}: no field messages`,
        );
      }
    }
    assert.deepEqual(await rowCounts(t.db), before);
  });

  it('a path parameter that is not an id is a 400', async () => {
    const withParams = allRoutes().filter((r) => r.params !== undefined && r.access !== 'public');
    for (const r of withParams) {
      const res = await inject(
        r.method,
        fillPath(r.url, 'not-an-id'),
        r.method === 'GET' ? undefined : {},
      );
      assert.equal(res.statusCode, 400, `${r.method} ${r.url}: ${res.statusCode} ${res.body}`);
      assert.equal(res.json().error.code, 'invalid');
    }
  });

  it('a query missing what it requires, or with an unbounded or mistyped value, is a 400', async () => {
    const withQuery = allRoutes().filter((r) => r.query !== undefined && r.access !== 'public');
    assert.ok(withQuery.length >= 5);
    for (const r of withQuery) {
      const url = fillPath(r.url, '1');
      if (!r.query?.safeParse({}).success) {
        const res = await inject(r.method, url, r.method === 'GET' ? undefined : {});
        assert.equal(res.statusCode, 400, `${r.method} ${url} without query: ${res.statusCode}`);
        assert.ok(res.json().error.fields, `${url}: no field messages`);
      }
      const shape = (r.query as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const key of Object.keys(shape)) {
        const res = await inject(
          r.method,
          `${url}?${key}=${'x'.repeat(5000)}`,
          r.method === 'GET' ? undefined : {},
        );
        assert.equal(
          res.statusCode,
          400,
          `${r.method} ${url}?${key}=xxxx…: ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
        assert.equal(res.json().error.code, 'invalid');
      }
    }
  });

  it('malformed JSON, wrong media type and oversized bodies are refused cleanly', async () => {
    const post = allRoutes().find(
      (r) => r.method === 'POST' && r.body !== undefined && r.access !== 'public',
    );
    assert.ok(post);
    const url = fillPath(post.url, '1');
    const bad = await h.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"a":',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'invalid');
    const media = await h.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    assert.equal(media.statusCode, 415);
    const huge = await h.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'y'.repeat(2_000_000) }),
    });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'payload_too_large');
  });
});
