import { useState } from 'react';
import { AddUserForm } from '../admin/add-user-form.tsx';
import { EditUserPanel } from '../admin/edit-user-panel.tsx';
import { UserTable } from '../admin/user-table.tsx';
import { useStaffDirectory } from '../admin/use-staff-directory.ts';
import { CheckField } from '../admin/role-checkboxes.tsx';
import '../admin/admin.css';

/**
 * Staff administration (STF-1, administrators only; the route is guarded by staff.manage):
 * the users with their roles and state, adding a user, and editing one (details, active,
 * roles, password reset). Refusals such as `last_active_admin` are shown where they happen.
 */
export function StaffAdminPage() {
  const directory = useStaffDirectory();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [showDisabled, setShowDisabled] = useState(true);
  const users = directory.users ?? [];
  const selected = users.find((u) => u.id === selectedId) ?? null;
  const shown = showDisabled ? users : users.filter((u) => u.active);
  const activeCount = users.filter((u) => u.active).length;

  return (
    <section className="page staff-page">
      <h1>Staff</h1>
      {directory.error ? (
        <div className="form-error" role="alert">
          {directory.error}
        </div>
      ) : null}
      <div className="staff-layout">
        <section className="card" aria-labelledby="staff-list-title">
          <div className="staff-toolbar">
            <h2 id="staff-list-title">
              Users{' '}
              {directory.users ? (
                <span className="muted small">
                  ({activeCount} active of {users.length})
                </span>
              ) : null}
            </h2>
            <CheckField
              label="Show disabled users"
              checked={showDisabled}
              onChange={setShowDisabled}
            />
          </div>
          {directory.users === null ? (
            <p aria-live="polite">Loading staff…</p>
          ) : (
            <UserTable
              users={shown}
              roles={directory.roles}
              selectedId={selectedId}
              onEdit={(u) => setSelectedId(u.id)}
            />
          )}
        </section>
        <div className="staff-forms">
          {selected ? (
            <EditUserPanel
              user={selected}
              roles={directory.roles}
              onChanged={directory.upsert}
              onClose={() => setSelectedId(null)}
            />
          ) : null}
          <AddUserForm roles={directory.roles} onCreated={directory.upsert} />
        </div>
      </div>
    </section>
  );
}
