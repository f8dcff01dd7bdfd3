import { z } from 'zod';
import { limits } from '../../core/limits.ts';
import { ok } from '../../core/result.ts';
import { withClient } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { searchAccounts } from './search.ts';

const searchQuery = z.object({
  q: z.string().min(1).max(limits.searchQueryCharsMax),
  limit: z.coerce.number().int().min(1).max(limits.searchResultsMax).optional(),
});

const searchHit = z.object({
  accountId: z.number().int(),
  accountNo: z.string(),
  customerName: z.string(),
  serviceAddress: z.string().nullable(),
  status: z.string(),
  matchedOn: z.enum(['name', 'address', 'phone', 'email', 'account_no', 'meter']),
  score: z.number(),
  phoneMasked: z.string().optional(),
  emailMasked: z.string().optional(),
});

/** GET /api/search?q=…&limit=… — the agent's one search box (ACC-6). */
export const searchRoutes: readonly RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/search',
    access: 'customers.read',
    tags: ['search'],
    summary:
      'Find accounts by name, service address, phone, e-mail, account or meter number ' +
      '(typo-tolerant, best match first)',
    query: searchQuery,
    response: z.object({ hits: z.array(searchHit) }),
    handler: async (req, ctx) => {
      const { q: text, limit } = req.query;
      const input = limit === undefined ? { q: text } : { q: text, limit };
      const r = await withClient(ctx.db, (q) => searchAccounts(q, input));
      return r.ok ? ok({ hits: r.value }) : r;
    },
  }),
];
