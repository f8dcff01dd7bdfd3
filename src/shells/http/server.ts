import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { limits } from '../../core/limits.ts';
import type { Actor } from '../../modules/audit/index.ts';
import { resolveSession } from '../../modules/staff/index.ts';
import { errorBody, errorBodySchema } from './error-body.ts';
import { installErrorHandlers } from './error-handler.ts';
import { landingPage } from './landing-page.ts';
import { statusForCode } from './error-codes.ts';
import {
  sessionCookieName,
  type AppContext,
  type Principal,
  type RouteAccess,
  type RouteSpec,
} from './route-spec.ts';
import { allRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export type ServerOptions = {
  readonly logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Mark cookies Secure (behind HTTPS in production). */
  readonly secureCookies?: boolean;
  readonly routes?: readonly RouteSpec[];
  /** The built agent desk (web/dist); when it is missing, `/` shows a landing page. */
  readonly webRoot?: string;
};

const defaultWebRoot = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * Serves the agent desk's static files and, for any other GET that is not an API path,
 * its index.html (client-side routes like /accounts/42 survive a reload).
 */
async function serveWebApp(app: FastifyInstance, ctx: AppContext, root: string): Promise<void> {
  const built = existsSync(`${root}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(landingPage(ctx)),
    );
  }
  const apiPrefixes = ['/api/', '/docs', '/openapi.json', '/healthz', '/assets/'];
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (built && request.method === 'GET' && !apiPrefixes.some((p) => path.startsWith(p))) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send(errorBody('not_found', `No route ${request.method} ${path}.`));
  });
}

/** Builds the Fastify app: one route per RouteSpec, the OpenAPI document, the docs page. */
export async function buildServer(
  ctx: AppContext,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'silent' },
    bodyLimit: limits.httpBodyBytesMax,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', undefined);
  installErrorHandlers(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenCIS API',
        version: '0.1.0',
        description:
          'Customer Information and Billing System for city-run utilities. Log in with ' +
          'POST /api/session; the session cookie (or `Authorization: Bearer <token>`) ' +
          'authenticates every other call. Errors: `{ error: { code, message, fields } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.addHook('onRequest', (request, reply) => authorize(ctx, request, reply));
  for (const spec of options.routes ?? allRoutes()) registerRoute(app, ctx, spec, options);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await serveWebApp(app, ctx, options.webRoot ?? defaultWebRoot);
  await app.register(swaggerUi, { routePrefix: '/docs' });
  return app;
}

async function authorize(ctx: AppContext, request: FastifyRequest, reply: FastifyReply) {
  const access = request.routeOptions.config?.access;
  if (access === undefined || access === 'public') return;
  const token = sessionToken(request);
  const principal = token ? await resolveSession(ctx.db, token, ctx.now()) : undefined;
  if (access === 'optional') {
    request.principal = principal;
    return;
  }
  if (!principal) return reply.code(401).send(errorBody('unauthenticated'));
  if (access !== 'authenticated' && !principal.permissions.has(access)) {
    return reply.code(403).send(errorBody('forbidden', `This needs the ${access} permission.`));
  }
  request.principal = principal;
}

function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  return request.cookies[sessionCookieName] || undefined;
}

function actorOf(principal: Principal | undefined): Actor {
  return principal
    ? { kind: 'staff', id: principal.userId, name: principal.username }
    : { kind: 'system', name: 'anonymous' };
}

const errorStatuses = [400, 401, 403, 404, 409, 413, 422, 429] as const;

/**
 * Unknown body fields are refused (400), not ignored: a client that misspells `stopDate`
 * must hear about it rather than have its value silently dropped.
 */
function strictBody(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

function registerRoute(
  app: FastifyInstance,
  ctx: AppContext,
  spec: RouteSpec,
  options: ServerOptions,
) {
  const successStatus = spec.successStatus ?? 200;
  const response: Record<number, unknown> = { [successStatus]: spec.response };
  for (const s of errorStatuses) response[s] = errorBodySchema;
  app.route({
    method: spec.method,
    url: spec.url,
    config: { access: spec.access },
    schema: {
      summary: spec.summary,
      tags: [...spec.tags],
      ...(spec.access === 'public' || spec.access === 'optional'
        ? {}
        : { security: [{ session: [] }, { bearer: [] }] }),
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { querystring: spec.query } : {}),
      ...(spec.body ? { body: strictBody(spec.body) } : {}),
      response,
    },
    handler: async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const result = await spec.handler(
        {
          params: request.params,
          query: request.query,
          body: request.body,
          principal: request.principal,
          actor: actorOf(request.principal),
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          idempotencyKey: typeof key === 'string' && key.length > 0 ? key : undefined,
        },
        ctx,
      );
      if (result.setCookie) {
        reply.setCookie(result.setCookie.name, result.setCookie.value, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: options.secureCookies ?? false,
          maxAge: result.setCookie.maxAgeSeconds,
        });
      }
      if (result.clearCookie) reply.clearCookie(result.clearCookie, { path: '/' });
      if (!result.ok) {
        return reply
          .code(statusForCode(result.code))
          .send(errorBody(result.code, result.detail, result.fields));
      }
      return reply.code(successStatus).send(result.value);
    },
  });
}
