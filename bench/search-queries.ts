import type { Queryable } from '../src/db/index.ts';
import { randomMisspelling } from '../src/demo/misspell.ts';
import { createRandom } from '../src/demo/random.ts';

/** A benchmark query and the kind of search it exercises. */
export type BenchQuery = {
  readonly kind: 'surname' | 'address' | 'phone' | 'account_no';
  readonly q: string;
};

type Sample = {
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  account_no: string;
  address_line1: string | null;
};

/**
 * A deterministic mix of agent searches drawn from the loaded city: misspelled surnames
 * (sometimes with a first name), partial addresses (house number and the start of the
 * street), phone numbers as people type them, and account numbers (whole or a prefix).
 */
export async function buildSearchQueries(
  q: Queryable,
  count: number,
  seed: number,
): Promise<BenchQuery[]> {
  const r = await q.query<Sample>(
    `SELECT c.first_name, c.last_name, c.phone, a.account_no, p.address_line1
       FROM account a JOIN customer c ON c.id = a.customer_id
       LEFT JOIN LATERAL (SELECT pr.address_line1 FROM service_agreement sa
                            JOIN premise pr ON pr.id = sa.premise_id
                           WHERE sa.account_id = a.id LIMIT 1) p ON true
      WHERE a.id % $1 = 0
      ORDER BY a.id LIMIT $2`,
    [await samplingStep(q, count * 2), count * 2],
  );
  const rnd = createRandom(seed);
  const out: BenchQuery[] = [];
  for (const s of r.rows) {
    if (out.length >= count) break;
    const kind = rnd.weighted([
      ['surname', 35],
      ['address', 25],
      ['phone', 20],
      ['account_no', 20],
    ] as const);
    const query = queryFor(kind, s, rnd);
    if (query !== null) out.push({ kind, q: query });
  }
  return out;
}

/** Every k-th account, so that the sample spreads over the whole city. */
async function samplingStep(q: Queryable, wanted: number): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int8 AS n FROM account');
  return Math.max(1, Math.floor(Number(r.rows[0]?.n ?? 0) / wanted));
}

function queryFor(
  kind: BenchQuery['kind'],
  s: Sample,
  rnd: ReturnType<typeof createRandom>,
): string | null {
  switch (kind) {
    case 'surname': {
      if (s.last_name === null || s.last_name.length < 4) return null;
      const wrong = randomMisspelling(rnd, s.last_name);
      return rnd.chance(0.3) && s.first_name ? `${s.first_name} ${wrong}` : wrong;
    }
    case 'address': {
      const m = s.address_line1 === null ? null : /^(\d+) ([NSEW]) (\S+)/.exec(s.address_line1);
      if (!m) return null;
      const street = m[3] as string;
      return `${m[1]} ${m[2]} ${street.slice(0, Math.max(3, street.length - rnd.int(0, 3)))}`;
    }
    case 'phone': {
      const p = s.phone;
      if (p === null || p.length !== 10) return null;
      return rnd.chance(0.5) ? `(${p.slice(0, 3)}) ${p.slice(3, 6)}-${p.slice(6)}` : p;
    }
    case 'account_no':
      return rnd.chance(0.7) ? s.account_no : s.account_no.slice(0, 9);
  }
}
