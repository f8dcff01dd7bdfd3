import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import type { AppContext, RouteSpec } from '../../shells/http/route-spec.ts';
import { systemActor } from '../audit/index.ts';
import { ledgerRoutes } from './ledger.routes.ts';

/**
 * The route specs driven directly (the HTTP shell's own tests cover Fastify, auth and the
 * route × role matrix): input parsed by the route's schemas, the handler's result checked
 * against the route's response schema, as the server would serialise it.
 */
describeEngines('ledger: routes', (t) => {
  const ctx = (): AppContext => ({
    db: t.db,
    now: () => new Date('2026-11-24T17:00:00Z'),
    timeZone: 'America/Phoenix',
    demo: true,
  });
  const find = (method: string, url: string): RouteSpec => {
    const r = ledgerRoutes.find((x) => x.method === method && x.url === url);
    assert.ok(r, `${method} ${url}`);
    return r;
  };
  const call = async (
    method: string,
    url: string,
    input: { params?: unknown; query?: unknown; body?: unknown; idempotencyKey?: string },
  ) => {
    const spec = find(method, url);
    const req = {
      params: spec.params ? spec.params.parse(input.params ?? {}) : {},
      query: spec.query ? spec.query.parse(input.query ?? {}) : {},
      body: spec.body ? spec.body.parse(input.body) : undefined,
      principal: undefined,
      actor: systemActor('route-test'),
      ip: '127.0.0.1',
      userAgent: undefined,
      idempotencyKey: input.idempotencyKey,
    };
    const reply = await spec.handler(req, ctx());
    if (reply.ok) spec.response.parse(reply.value);
    return reply;
  };
  const manual = {
    sourceRef: 'manual:1',
    effectiveDate: '2026-11-24',
    memo: 'correct a misposted payment',
    lines: [
      { glAccount: 'receivable:water', debitCents: 1_500, accountId: 71 },
      { glAccount: 'unapplied_cash:general', creditCents: 1_500 },
    ],
  };

  it('posts a manual entry, idempotent by the request header key', async () => {
    const first = await call('POST', '/api/ledger/entries', {
      body: manual,
      idempotencyKey: 'h-1',
    });
    assert.ok(first.ok);
    const again = await call('POST', '/api/ledger/entries', {
      body: manual,
      idempotencyKey: 'h-1',
    });
    assert.ok(again.ok && (again.value as { replayed: boolean }).replayed);
    const changed = await call('POST', '/api/ledger/entries', {
      body: { ...manual, memo: 'different' },
      idempotencyKey: 'h-1',
    });
    assert.equal(changed.ok ? 'ok' : changed.code, 'idempotency_key_reused');
  });

  it('reads balances, entries, the chart and the trial balance', async () => {
    const balances = await call('GET', '/api/accounts/:accountId/balances', {
      params: { accountId: '71' },
    });
    assert.deepEqual(balances.ok && balances.value, {
      accountId: 71,
      byFund: [{ fund: 'water', balanceCents: 1_500 }],
      totalCents: 1_500,
      depositsHeldCents: 0,
    });
    const entries = await call('GET', '/api/ledger/entries', { query: { accountId: '71' } });
    assert.equal(entries.ok && (entries.value as { entries: unknown[] }).entries.length, 1);
    const chart = await call('GET', '/api/ledger/accounts', {});
    assert.ok(chart.ok && (chart.value as { accounts: unknown[] }).accounts.length >= 60);
    const tb = await call('GET', '/api/ledger/trial-balance', { query: { asOf: '2026-11-30' } });
    assert.ok(tb.ok);
  });

  it('reverses an entry once and refuses a second time', async () => {
    const url = '/api/ledger/entries/:entryId/reverse';
    const body = { reason: 'posted in error', effectiveDate: '2026-11-25' };
    const first = await call('POST', url, { params: { entryId: '1' }, body });
    assert.ok(first.ok, JSON.stringify(first));
    const second = await call('POST', url, { params: { entryId: '1' }, body });
    assert.equal(second.ok ? 'ok' : second.code, 'already_reversed');
  });

  it('refuses bad bodies at the schema', () => {
    const spec = find('POST', '/api/ledger/entries');
    for (const body of [
      { ...manual, effectiveDate: '2026-02-30' },
      { ...manual, lines: manual.lines.slice(0, 1) },
      { ...manual, kind: 'reversal' },
      { ...manual, lines: [{ ...manual.lines[0], debitCents: 1.5 }, manual.lines[1]] },
    ]) {
      assert.equal(spec.body?.safeParse(body).success, false, JSON.stringify(body));
    }
  });
});
