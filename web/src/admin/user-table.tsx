import type { RoleInfo, StaffUser } from './staff-types.ts';

/** The staff list: who, which roles, whether they can sign in; "Edit" opens the editor. */
export function UserTable(props: {
  readonly users: readonly StaffUser[];
  readonly roles: readonly RoleInfo[];
  readonly selectedId: number | null;
  readonly onEdit: (user: StaffUser) => void;
}) {
  const label = (role: string) => props.roles.find((r) => r.role === role)?.label ?? role;
  return (
    <div className="table-scroll">
      <table className="table staff-table">
        <caption className="visually-hidden">Staff users</caption>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">E-mail</th>
            <th scope="col">Roles</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr key={u.id} className={u.id === props.selectedId ? 'selected' : undefined}>
              <td className="mono">{u.username}</td>
              <td>{u.displayName}</td>
              <td className="staff-email">{u.email ?? <span className="muted">—</span>}</td>
              <td>
                {u.roles.length === 0 ? (
                  <span className="muted">none</span>
                ) : (
                  <ul className="role-list">
                    {u.roles.map((r) => (
                      <li key={r}>{label(r)}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <span className={`status ${u.active ? 'status-active' : 'status-closed'}`}>
                  {u.active ? 'Active' : 'Disabled'}
                </span>
                {u.mustChangePassword ? (
                  <div className="muted small">Must change password</div>
                ) : null}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => props.onEdit(u)}
                  aria-pressed={u.id === props.selectedId}
                >
                  Edit<span className="visually-hidden"> {u.username}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
