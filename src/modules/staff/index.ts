/**
 * The staff module's public surface (README.md): users, roles, passwords, sessions, API
 * tokens, login throttling. Other modules and the shells import only from here.
 */
export {
  roles,
  roleLabels,
  permissions,
  rolePermissions,
  permissionsOf,
  type Role,
  type Permission,
} from './permissions.ts';
export type { StaffUser, ListUsersQuery } from './staff-user.ts';
export { getUser, listUsers, usernamePattern } from './staff-user.ts';
export { createUser, type CreateUserInput, type StaffContext } from './create-user.ts';
export { updateUser, setUserRoles, type UpdateUserInput } from './update-user.ts';
export { resetPassword, changeOwnPassword } from './set-password.ts';
export { passwordPolicyProblem } from './passwords.ts';
export {
  login,
  pruneLoginAttempts,
  type LoginInput,
  type LoginSuccess,
  type LoginCode,
} from './login.ts';
export { resolveSession, logout, endSession, principalOf } from './sessions.ts';
export { apiTokenPrefix } from './tokens.ts';
export { createApiToken, revokeApiToken, listApiTokens, type ApiTokenInfo } from './api-tokens.ts';
export { ensureDemoUsers, demoUsers, demoPassword } from './demo-users.ts';
export { staffRoutes } from './staff.routes.ts';
