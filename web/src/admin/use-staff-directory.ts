import { useCallback, useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { RoleInfo, StaffUser } from './staff-types.ts';

export type StaffDirectory = {
  readonly users: readonly StaffUser[] | null;
  readonly roles: readonly RoleInfo[];
  readonly error: string | null;
  readonly reload: () => Promise<void>;
  /** Puts a created or changed user into the list without a reload. */
  readonly upsert: (user: StaffUser) => void;
};

const pageSize = 200;
const pagesMax = 50;

/** Every staff user (active and disabled, by username) and the roles with their labels. */
export function useStaffDirectory(): StaffDirectory {
  const [users, setUsers] = useState<readonly StaffUser[] | null>(null);
  const [roles, setRoles] = useState<readonly RoleInfo[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setError(null);
    const rolesAnswer = await api.GET('/api/staff/roles');
    if (rolesAnswer.data) setRoles(rolesAnswer.data.items);
    else setError(apiError(rolesAnswer.error, rolesAnswer.response.status).message);
    const all: StaffUser[] = [];
    let after: string | undefined;
    for (let page = 0; page < pagesMax; page++) {
      const query = {
        includeInactive: 'true' as const,
        limit: pageSize,
        ...(after ? { after } : {}),
      };
      const {
        data,
        error: e,
        response,
      } = await api.GET('/api/staff/users', {
        params: { query },
      });
      if (!data) {
        setError(apiError(e, response.status).message);
        break;
      }
      all.push(...data.items);
      if (!data.nextAfter) break;
      after = data.nextAfter;
    }
    setUsers(all);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const upsert = useCallback((user: StaffUser) => {
    setUsers((list) => {
      const rest = (list ?? []).filter((u) => u.id !== user.id);
      return [...rest, user].sort((a, b) => a.username.localeCompare(b.username));
    });
  }, []);

  return { users, roles, error, reload, upsert };
}
