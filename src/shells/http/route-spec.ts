import type { z } from 'zod';
import type { Result } from '../../core/result.ts';
import type { Database } from '../../db/index.ts';
import type { Actor } from '../../modules/audit/index.ts';
import type { Permission, Role } from '../../modules/staff/index.ts';

/**
 * One HTTP route, declared as data (style.md §6: the shell parses, calls one service
 * function, renders the result). `permission` is checked before the body is even
 * validated, so a caller without it gets 403 whatever it sent. The route table built from
 * these specs drives the server, the OpenAPI document and the route × role test.
 */
/**
 * `public`: anyone; `optional`: anyone, with the principal resolved when a session is
 * presented (never 401); `authenticated`: any signed-in staff user; else a permission.
 */
export type RouteAccess = Permission | 'public' | 'optional' | 'authenticated';

/** The staff session cookie (http-only, SameSite=Strict). */
export const sessionCookieName = 'cis_session';

export type Principal = {
  readonly userId: number;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly permissions: ReadonlySet<Permission>;
  readonly sessionId: string;
};

export type AppContext = {
  readonly db: Database;
  /** The clock is an input (style.md §14); tests pass a fixed one. */
  readonly now: () => Date;
  /** The utility's time zone, for calendar dates ("America/Phoenix"). */
  readonly timeZone: string;
  readonly demo: boolean;
};

export type RouteRequest<P, Q, B> = {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Present on every route except `public` ones. */
  readonly principal: Principal | undefined;
  /** The audit actor for the principal (or the system for public routes). */
  readonly actor: Actor;
  readonly ip: string;
  readonly userAgent: string | undefined;
  readonly idempotencyKey: string | undefined;
};

/** What a handler returns: a service result, optionally with response headers/cookies. */
export type RouteReply<T> = Result<T> & {
  readonly setCookie?: {
    readonly name: string;
    readonly value: string;
    readonly maxAgeSeconds: number;
  };
  readonly clearCookie?: string;
};

type ZodAny = z.ZodType;

export type RouteSpec<
  P extends ZodAny = ZodAny,
  Q extends ZodAny = ZodAny,
  B extends ZodAny = ZodAny,
  R extends ZodAny = ZodAny,
> = {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify path syntax: `/api/accounts/:accountId`. */
  readonly url: string;
  readonly access: RouteAccess;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Schema of the success body. */
  readonly response: R;
  /** 200 unless said otherwise (201 for creations). */
  readonly successStatus?: 200 | 201 | 202;
  readonly handler: (
    req: RouteRequest<z.infer<P>, z.infer<Q>, z.infer<B>>,
    ctx: AppContext,
  ) => Promise<RouteReply<z.infer<R>>>;
};

/** Declares a route with full type inference of params, query, body and response. */
export function route<P extends ZodAny, Q extends ZodAny, B extends ZodAny, R extends ZodAny>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}
