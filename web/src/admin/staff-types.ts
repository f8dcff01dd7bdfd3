import type { paths } from '../api/schema.d.ts';

/** Shapes of the staff API, derived from the generated OpenAPI types (never hand-copied). */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type StaffUser = Json<paths['/api/staff/users']['get']['responses'][200]>['items'][number];
export type RoleInfo = Json<paths['/api/staff/roles']['get']['responses'][200]>['items'][number];
export type Role = RoleInfo['role'];
