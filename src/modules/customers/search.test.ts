import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { limits } from '../../core/limits.ts';
import { expectOk, ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { generateDemoCity } from '../../demo/index.ts';
import { misspell, type Mistake } from '../../demo/misspell.ts';
import { refreshSearchDocuments } from './search-documents.ts';
import {
  classifySearchQuery,
  maskEmail,
  maskPhone,
  searchAccounts,
  type SearchHit,
} from './search.ts';

const classifications = [
  { q: 'Rodriguz', kind: 'text' },
  { q: 'maria garcia', kind: 'text' },
  { q: '1234 E Main', kind: 'address' },
  { q: '(480) 555-0123', kind: 'key', key: '4805550123' },
  { q: '1-480-555-0123', kind: 'key', key: '4805550123' },
  { q: '100123-100456', kind: 'key', key: '100123100456' },
  { q: 'W40007922', kind: 'key', key: 'w40007922' },
  { q: ' Maria.Garcia@Example.com ', kind: 'key', key: 'maria.garcia@example.com' },
] as const;
for (const c of classifications) {
  it(`classifies "${c.q}" as ${c.kind}`, () => {
    const got = classifySearchQuery(c.q);
    assert.equal(got.kind, c.kind);
    if ('key' in c) assert.deepEqual(got, { kind: 'key', key: c.key });
  });
}

it('masks phones and e-mails down to what an agent reads back', () => {
  assert.equal(maskPhone('4805550123'), '***-***-0123');
  assert.equal(maskEmail('maria.garcia@example.com'), 'm***@example.com');
});

/** The folded surname of each hit's customer (hits carry the display name only). */
async function surnameOf(
  q: { query: (s: string, p: unknown[]) => Promise<{ rows: { surname: string }[] }> },
  hit: SearchHit,
) {
  const r = await q.query('SELECT surname FROM search_document WHERE account_id = $1', [
    hit.accountId,
  ]);
  return r.rows[0]?.surname;
}

describeEngines('agent search in a 5,000-account demo city', (t) => {
  before(async () => {
    await generateDemoCity(t.db, {
      accounts: 5_000,
      seed: 2026,
      now: new Date('2026-11-26T17:00:00Z'),
    });
  });
  const search = async (q: string, limit?: number) =>
    expectOk(await searchAccounts(t.db.pool, limit === undefined ? { q } : { q, limit }));

  it('ranks the right surname first for the classic misspellings', async () => {
    for (const [typo, surname] of [
      ['Rodriguz', 'rodriguez'],
      ['Jonhson', 'johnson'],
      ['Smiht', 'smith'],
    ]) {
      const hits = await search(typo as string);
      assert.ok(hits.length > 0, typo);
      assert.equal(await surnameOf(t.db.pool, hits[0] as SearchHit), surname, typo);
      assert.equal(hits[0]?.matchedOn, 'name');
    }
  });

  it('ranks the customer first for transposed, dropped and substituted letters', async () => {
    const r = await t.db.pool.query<{ surname: string }>(
      `SELECT surname FROM search_document WHERE NOT is_business AND length(surname) >= 6
        GROUP BY surname ORDER BY count(*) DESC, surname LIMIT 12`,
    );
    const mistakes: Mistake[] = ['transpose', 'drop', 'substitute'];
    let position = 0;
    for (const { surname } of r.rows) {
      for (const mistake of mistakes) {
        const typo = misspell(surname, mistake, position++);
        // "Miller" → "Muller" is another customer's real name: the exact match rightly wins.
        const real = await t.db.pool.query('SELECT 1 FROM search_document WHERE surname = $1', [
          typo,
        ]);
        if (real.rowCount) continue;
        const top = (await search(typo))[0];
        assert.ok(top, typo);
        assert.equal(
          await surnameOf(t.db.pool, top),
          surname,
          `${typo} (${mistake} of ${surname})`,
        );
      }
    }
  });

  it('finds the one customer with a rare surname by its misspelling', async () => {
    const r = await t.db.pool.query<{ surname: string; account_id: number }>(
      `SELECT min(surname) AS surname, min(account_id) AS account_id FROM search_document
        WHERE NOT is_business AND length(surname) >= 7 GROUP BY surname HAVING count(*) = 1
        ORDER BY surname LIMIT 5`,
    );
    assert.ok(r.rows.length > 0);
    for (const row of r.rows) {
      const typo = misspell(row.surname, 'transpose', 2);
      assert.equal((await search(typo))[0]?.accountId, row.account_id, typo);
    }
  });

  it('puts a first name and surname together ahead of the same surname alone', async () => {
    const r = await t.db.pool.query(
      `SELECT c.first_name, c.last_name, a.id FROM customer c JOIN account a ON a.customer_id = c.id
        WHERE c.last_name = 'Garcia' AND a.status = 'active' ORDER BY a.id LIMIT 1`,
    );
    const { first_name, last_name, id } = r.rows[0];
    const hits = await search(`${first_name} ${misspell(last_name, 'drop', 3)}`);
    const firstNames = await t.db.pool.query(
      'SELECT given_name FROM search_document WHERE account_id = $1',
      [hits[0]?.accountId],
    );
    assert.equal(
      firstNames.rows[0].given_name,
      first_name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, ''),
    );
    assert.ok(hits.some((h) => h.accountId === id));
  });

  it('finds an account by phone, e-mail, account number and meter number', async () => {
    const r = await t.db.pool.query(`
      SELECT a.id, a.account_no, c.phone, c.email, s.meter_number
        FROM account a JOIN customer c ON c.id = a.customer_id
        JOIN service_agreement s ON s.account_id = a.id AND s.status = 'active' AND s.service = 'water'
       WHERE c.email IS NOT NULL AND c.phone IS NOT NULL AND a.status = 'active'
         AND (SELECT count(*) FROM customer c2 WHERE c2.phone = c.phone OR c2.phone_alt = c.phone) = 1
         AND (SELECT count(*) FROM account a2 WHERE a2.customer_id = c.id) = 1
       ORDER BY a.id LIMIT 1`);
    const x = r.rows[0];
    const p = x.phone as string;
    const cases: [string, string][] = [
      [`(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}`, 'phone'],
      [`${p.slice(3, 6)}-${p.slice(6)}`, 'phone'],
      [x.email.toUpperCase(), 'email'],
      [x.account_no, 'account_no'],
      [x.meter_number, 'meter'],
    ];
    for (const [q, matched] of cases) {
      const top = (await search(q))[0];
      assert.equal(top?.accountId, x.id, q);
      assert.equal(top?.matchedOn, matched, q);
      assert.equal(top?.phoneMasked, maskPhone(p));
    }
  });

  it('finds an address from its house number and the start of the street name', async () => {
    const r = await t.db.pool.query(`
      SELECT a.id, p.address_line1 FROM account a
        JOIN service_agreement s ON s.account_id = a.id AND s.status = 'active'
        JOIN premise p ON p.id = s.premise_id
       WHERE p.premise_type = 'single_family' AND p.address_line1 ~ '^[0-9]+ [NSEW] [A-Z][a-z]{5,}'
       ORDER BY a.id LIMIT 3`);
    for (const row of r.rows) {
      const m = /^(\d+) ([NSEW]) (\w+)/.exec(row.address_line1) as RegExpExecArray;
      const q = `${m[1]} ${m[2]} ${(m[3] as string).slice(0, 5).toLowerCase()}`;
      const top = (await search(q))[0];
      assert.equal(top?.matchedOn, 'address', q);
      assert.ok(
        top?.serviceAddress?.startsWith(row.address_line1),
        `${q} → ${top?.serviceAddress}`,
      );
    }
  });

  it('refuses empty and over-long queries and out-of-range limits with a field message', async () => {
    for (const [input, field] of [
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(limits.searchQueryCharsMax + 1) }, 'q'],
      [{ q: 'smith', limit: 0 }, 'limit'],
      [{ q: 'smith', limit: limits.searchResultsMax + 1 }, 'limit'],
    ] as const) {
      const r = await searchAccounts(t.db.pool, input);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.code, 'invalid');
        assert.ok(r.fields?.[field], field);
      }
    }
  });

  it('returns at most the limit and nothing for text that matches no one', async () => {
    assert.equal((await search('smith', 3)).length, 3);
    assert.deepEqual(await search('qzxqzxq'), []);
  });

  it('sees a changed name after refreshSearchDocuments', async () => {
    const r = await t.db.pool.query(`SELECT a.id, a.customer_id FROM account a
      JOIN customer c ON c.id = a.customer_id WHERE c.kind = 'person' ORDER BY a.id LIMIT 1`);
    const { id, customer_id } = r.rows[0];
    await inTransaction(t.db, async (tx) => {
      await tx.query(`UPDATE customer SET last_name = 'Quetzalcoatl' WHERE id = $1`, [customer_id]);
      await refreshSearchDocuments(tx, [id]);
      return ok(null);
    });
    const top = (await search('Quetzalcoatl'))[0];
    assert.equal(top?.accountId, id);
    assert.equal((await search('Quetzalcaotl'))[0]?.accountId, id);
  });
});
