import { z } from 'zod';
import { limits } from '../../core/limits.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { listAuditTrail } from '../audit/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { createUser } from './create-user.ts';
import { mapOk } from './route-helpers.ts';
import { sessionRoutes } from './session.routes.ts';
import { resetPassword } from './set-password.ts';
import {
  apiTokenJson,
  apiTokenResponse,
  auditQuery,
  auditRowJson,
  auditRowResponse,
  displayNameSchema,
  emailSchema,
  idParam,
  newPasswordSchema,
  roleSchema,
  userJson,
  userResponse,
  usernameSchema,
} from './staff.schema.ts';
import { getUser, listUsers } from './staff-user.ts';
import { setUserRoles, updateUser } from './update-user.ts';

const userParams = z.object({ userId: idParam });
const rolesSchema = z.array(roleSchema).max(roleSchema.options.length);
const versionSchema = z.number().int().positive();

/** User administration (staff.manage) and the audit trail (audit.read). */
const userRoutes = [
  route({
    method: 'GET',
    url: '/api/staff/users',
    access: 'staff.manage',
    summary: 'List staff users by username, one page at a time',
    tags: ['staff'],
    query: z.object({
      includeInactive: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
      after: z.string().max(limits.usernameCharsMax).optional(),
    }),
    response: z.object({ items: z.array(userResponse), nextAfter: z.string().nullable() }),
    handler: async (req, ctx) => {
      const page = await listUsers(ctx.db.pool, {
        includeInactive: req.query.includeInactive === 'true',
        ...(req.query.limit ? { limit: req.query.limit } : {}),
        ...(req.query.after ? { afterUsername: req.query.after } : {}),
      });
      return ok({ items: page.items.map(userJson), nextAfter: page.nextAfterUsername });
    },
  }),
  route({
    method: 'POST',
    url: '/api/staff/users',
    access: 'staff.manage',
    summary: 'Create a staff user with roles and an initial password',
    tags: ['staff'],
    body: z.object({
      username: usernameSchema,
      displayName: displayNameSchema,
      email: emailSchema.nullable().optional(),
      password: newPasswordSchema,
      roles: rolesSchema,
      mustChangePassword: z.boolean().optional(),
    }),
    response: userResponse,
    successStatus: 201,
    handler: async (req, ctx) => {
      const { email, mustChangePassword, ...rest } = req.body;
      const input = {
        ...rest,
        ...(email === undefined ? {} : { email }),
        ...(mustChangePassword === undefined ? {} : { mustChangePassword }),
      };
      const r = await inTransaction(ctx.db, (tx) =>
        createUser(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, userJson);
    },
  }),
  route({
    method: 'GET',
    url: '/api/staff/users/:userId',
    access: 'staff.manage',
    summary: 'One staff user',
    tags: ['staff'],
    params: userParams,
    response: userResponse,
    handler: async (req, ctx) => mapOk(await getUser(ctx.db.pool, req.params.userId), userJson),
  }),
  route({
    method: 'PATCH',
    url: '/api/staff/users/:userId',
    access: 'staff.manage',
    summary: 'Change display name, e-mail, or enable/disable a user',
    tags: ['staff'],
    params: userParams,
    body: z.object({
      displayName: displayNameSchema.optional(),
      email: emailSchema.nullable().optional(),
      active: z.boolean().optional(),
      expectedVersion: versionSchema.optional(),
    }),
    response: userResponse,
    handler: async (req, ctx) => {
      const input = { userId: req.params.userId, ...definedOnly(req.body) };
      const r = await inTransaction(ctx.db, (tx) =>
        updateUser(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, userJson);
    },
  }),
  route({
    method: 'PUT',
    url: '/api/staff/users/:userId/roles',
    access: 'staff.manage',
    summary: "Replace a user's roles",
    tags: ['staff'],
    params: userParams,
    body: z.object({ roles: rolesSchema, expectedVersion: versionSchema.optional() }),
    response: userResponse,
    handler: async (req, ctx) => {
      const input = { userId: req.params.userId, ...definedOnly(req.body) };
      const r = await inTransaction(ctx.db, (tx) =>
        setUserRoles(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, userJson);
    },
  }),
  route({
    method: 'POST',
    url: '/api/staff/users/:userId/password',
    access: 'staff.manage',
    summary: "Set a user's password (ends their sessions; they change it at next sign-in)",
    tags: ['staff'],
    params: userParams,
    body: z.object({ newPassword: newPasswordSchema, mustChangePassword: z.boolean().optional() }),
    response: userResponse,
    handler: async (req, ctx) => {
      const input = { userId: req.params.userId, ...definedOnly(req.body) };
      const r = await inTransaction(ctx.db, (tx) =>
        resetPassword(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, userJson);
    },
  }),
];

const apiTokenRoutes = [
  route({
    method: 'GET',
    url: '/api/staff/users/:userId/api-tokens',
    access: 'staff.manage',
    summary: "A user's API tokens (never the token values)",
    tags: ['staff'],
    params: userParams,
    response: z.object({ items: z.array(apiTokenResponse) }),
    handler: async (req, ctx) =>
      ok({ items: (await listApiTokens(ctx.db.pool, req.params.userId)).map(apiTokenJson) }),
  }),
  route({
    method: 'POST',
    url: '/api/staff/users/:userId/api-tokens',
    access: 'staff.manage',
    summary: 'Issue an API token acting as this user; the token is shown only once',
    tags: ['staff'],
    params: userParams,
    body: z.object({ name: z.string().trim().min(1).max(limits.apiTokenNameCharsMax) }),
    response: apiTokenResponse.extend({ token: z.string() }),
    successStatus: 201,
    handler: async (req, ctx) => {
      const input = { userId: req.params.userId, name: req.body.name };
      const r = await inTransaction(ctx.db, (tx) =>
        createApiToken(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, (t) => ({ ...apiTokenJson(t), token: t.token }));
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/staff/api-tokens/:tokenId',
    access: 'staff.manage',
    summary: 'Revoke an API token',
    tags: ['staff'],
    params: z.object({ tokenId: idParam }),
    response: apiTokenResponse,
    handler: async (req, ctx) => {
      const input = { tokenId: req.params.tokenId };
      const r = await inTransaction(ctx.db, (tx) =>
        revokeApiToken(tx, input, { actor: req.actor, now: ctx.now() }),
      );
      return mapOk(r, apiTokenJson);
    },
  }),
];

const auditRoutes = [
  route({
    method: 'GET',
    url: '/api/audit',
    access: 'audit.read',
    summary: 'The audit trail, newest first, by entity, account or staff actor',
    tags: ['audit'],
    query: auditQuery,
    response: z.object({ items: z.array(auditRowResponse), nextBefore: z.number().nullable() }),
    handler: async (req, ctx) => {
      const page = await listAuditTrail(ctx.db.pool, definedOnly(req.query));
      return ok({ items: page.items.map(auditRowJson), nextBefore: page.nextBefore });
    },
  }),
];

/** Every staff, session and audit route (wired into Fastify and OpenAPI by the shell). */
export const staffRoutes = [...sessionRoutes, ...userRoutes, ...apiTokenRoutes, ...auditRoutes];

/** Drops `undefined` members: optional zod fields meet exactOptionalPropertyTypes. */
function definedOnly<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
