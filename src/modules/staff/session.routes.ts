import { z } from 'zod';
import { limits } from '../../core/limits.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route, sessionCookieName } from '../../shells/http/route-spec.ts';
import { login } from './login.ts';
import { permissionsOf, roleLabels, rolePermissions, roles } from './permissions.ts';
import { changeOwnPassword } from './set-password.ts';
import { endSession } from './sessions.ts';
import {
  loginBody,
  loginResponse,
  newPasswordSchema,
  permissionSchema,
  principalJson,
  roleSchema,
  sessionResponse,
  userJson,
  userResponse,
} from './staff.schema.ts';
import { getUser } from './staff-user.ts';
import { mapOk, signedIn } from './route-helpers.ts';

/** The session cookie (httpOnly, SameSite=Strict, set by the HTTP shell). */
const cookieMaxAgeSeconds = limits.sessionLifetimeHoursMax * 3_600;

/** Sign in, sign out, who am I, change my own password, the roles list. */
export const sessionRoutes = [
  route({
    method: 'POST',
    url: '/api/session',
    access: 'public',
    summary: 'Sign in: sets the session cookie and returns the token for Bearer use',
    tags: ['session'],
    body: loginBody,
    response: loginResponse,
    handler: async (req, ctx) => {
      const r = await login(
        ctx.db,
        { ...req.body, ip: req.ip, ...(req.userAgent ? { userAgent: req.userAgent } : {}) },
        ctx.now(),
      );
      if (!r.ok) return r;
      const { token, expiresAt, principal, mustChangePassword } = r.value;
      return {
        ...ok({
          ...principalJson(principal),
          mustChangePassword,
          token,
          expiresAt: expiresAt.toISOString(),
        }),
        setCookie: { name: sessionCookieName, value: token, maxAgeSeconds: cookieMaxAgeSeconds },
      };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/session',
    access: 'authenticated',
    summary: 'Sign out: ends this session and clears the cookie',
    tags: ['session'],
    response: z.object({ signedOut: z.literal(true) }),
    handler: async (req, ctx) => {
      await endSession(ctx.db, signedIn(req.principal).sessionId, ctx.now());
      return { ...ok({ signedOut: true as const }), clearCookie: sessionCookieName };
    },
  }),
  route({
    method: 'GET',
    url: '/api/session',
    access: 'authenticated',
    summary: 'Who am I: the signed-in user, roles and permissions',
    tags: ['session'],
    response: sessionResponse,
    handler: async (req, ctx) => {
      const r = await getUser(ctx.db.pool, signedIn(req.principal).userId);
      return mapOk(r, (u) => ({
        userId: u.id,
        username: u.username,
        displayName: u.displayName,
        email: u.email,
        roles: [...u.roles],
        permissions: [...permissionsOf(u.roles)],
        mustChangePassword: u.mustChangePassword,
      }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/session/state',
    access: 'optional',
    summary: 'Am I signed in? Never 401: the web app asks this before showing the login form',
    tags: ['session'],
    response: z.object({
      signedIn: z.boolean(),
      user: sessionResponse.optional(),
      /** The city's time zone (IANA): business dates are the city's, not the browser's. */
      timeZone: z.string(),
    }),
    handler: async (req, ctx) => {
      if (!req.principal) return ok({ signedIn: false, timeZone: ctx.timeZone });
      const r = await getUser(ctx.db.pool, req.principal.userId);
      return mapOk(r, (u) => ({
        signedIn: true,
        timeZone: ctx.timeZone,
        user: {
          userId: u.id,
          username: u.username,
          displayName: u.displayName,
          email: u.email,
          roles: [...u.roles],
          permissions: [...permissionsOf(u.roles)],
          mustChangePassword: u.mustChangePassword,
        },
      }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/session/password',
    access: 'authenticated',
    summary: 'Change my own password (needs the current one); ends my other sessions',
    tags: ['session'],
    body: z.object({
      currentPassword: z.string().min(1).max(limits.passwordCharsMax),
      newPassword: newPasswordSchema,
    }),
    response: userResponse,
    handler: async (req, ctx) => {
      const p = signedIn(req.principal);
      const input = { ...req.body, userId: p.userId, keepSessionId: p.sessionId };
      const r = await inTransaction(ctx.db, (tx) =>
        changeOwnPassword(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, userJson);
    },
  }),
  route({
    method: 'GET',
    url: '/api/staff/roles',
    access: 'authenticated',
    summary: 'The roles, their labels and their permissions',
    tags: ['staff'],
    response: z.object({
      items: z.array(
        z.object({ role: roleSchema, label: z.string(), permissions: z.array(permissionSchema) }),
      ),
    }),
    handler: async () =>
      ok({
        items: roles.map((role) => ({
          role,
          label: roleLabels[role],
          permissions: [...rolePermissions[role]],
        })),
      }),
  }),
];
