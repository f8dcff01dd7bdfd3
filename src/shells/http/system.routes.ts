import { z } from 'zod';
import { ok } from '../../core/result.ts';
import { route } from './route-spec.ts';

/** Liveness and readiness: the process answers and the database answers. */
export const systemRoutes = [
  route({
    method: 'GET',
    url: '/healthz',
    access: 'public',
    summary: 'Health check: the server and its database answer',
    tags: ['system'],
    response: z.object({
      status: z.literal('ok'),
      engine: z.enum(['pglite', 'postgres']),
      demo: z.boolean(),
      time: z.string(),
    }),
    handler: async (_req, ctx) => {
      await ctx.db.pool.query('SELECT 1');
      return ok({
        status: 'ok' as const,
        engine: ctx.db.engine,
        demo: ctx.demo,
        time: ctx.now().toISOString(),
      });
    },
  }),
];
