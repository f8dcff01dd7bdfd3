import { z } from 'zod';
import { limits } from '../../core/limits.ts';
import type { Principal } from '../../shells/http/route-spec.ts';
import type { AuditTrailRow } from '../audit/index.ts';
import type { ApiTokenInfo } from './api-tokens.ts';
import { permissions, roles } from './permissions.ts';
import { usernamePattern, type StaffUser } from './staff-user.ts';

/** HTTP schemas of the staff routes (style.md §7: validate at the edge; the types follow). */
export const roleSchema = z.enum(roles);
export const permissionSchema = z.enum(permissions);

/** Accepts any case ("CSR1"), stores lower case; the pattern is usernamePattern. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.usernameCharsMax)
  .regex(usernamePattern, 'letters, digits, ".", "_", "-"; starts with a letter');

/** The policy (minimum length) is checked by the service, so that the CLI gets it too. */
export const newPasswordSchema = z.string().min(1).max(limits.passwordCharsMax);
export const displayNameSchema = z.string().trim().min(1).max(limits.nameCharsMax);
export const emailSchema = z.email().max(254);
export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const loginBody = z.object({
  // Not the username pattern: a sign-in with a malformed name is just wrong credentials.
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(limits.passwordCharsMax),
});

const principalShape = {
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  permissions: z.array(permissionSchema),
};

export const sessionResponse = z.object({
  ...principalShape,
  email: z.string().nullable(),
  mustChangePassword: z.boolean(),
});

export const loginResponse = z.object({
  ...principalShape,
  mustChangePassword: z.boolean(),
  /** The session token, for API clients that send `Authorization: Bearer`. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
});

export function principalJson(p: Principal) {
  return {
    userId: p.userId,
    username: p.username,
    displayName: p.displayName,
    roles: [...p.roles],
    permissions: permissions.filter((x) => p.permissions.has(x)),
  };
}

export const userResponse = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(roleSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int(),
});

export function userJson(u: StaffUser): z.infer<typeof userResponse> {
  return {
    ...u,
    roles: [...u.roles],
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}

export const apiTokenResponse = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});

export function apiTokenJson(t: ApiTokenInfo): z.infer<typeof apiTokenResponse> {
  return {
    id: t.id,
    userId: t.userId,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export const auditQuery = z.object({
  entityType: z.string().min(1).max(64).optional(),
  entityId: z.string().min(1).max(64).optional(),
  accountId: idParam.optional(),
  actorId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  before: idParam.optional(),
});

export const auditRowResponse = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorKind: z.enum(['staff', 'customer', 'system']),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  accountId: z.number().int().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export function auditRowJson(r: AuditTrailRow): z.infer<typeof auditRowResponse> {
  return { ...r, at: r.at.toISOString() };
}
