import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, apiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { ResetPasswordForm } from './reset-password-form.tsx';
import { refusalMessage, serverFieldErrors } from './refusals.ts';
import { CheckField, RoleCheckboxes } from './role-checkboxes.tsx';
import type { Role, RoleInfo, StaffUser } from './staff-types.ts';
import { displayNameProblem, emailProblem, rolesProblem, without } from './validate.ts';

type Props = {
  readonly user: StaffUser;
  readonly roles: readonly RoleInfo[];
  readonly onChanged: (user: StaffUser) => void;
  readonly onClose: () => void;
};

/** One user's editor: details and active state, roles, password reset. */
export function EditUserPanel(props: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [props.user.id]);
  return (
    <section className="card staff-edit" aria-labelledby="edit-user-title">
      <div className="staff-edit-head">
        <h2 id="edit-user-title" ref={headingRef} tabIndex={-1}>
          Edit {props.user.username}
        </h2>
        <button type="button" className="link" onClick={props.onClose}>
          Close
        </button>
      </div>
      {/* key: a different user, or a newer version after a save, starts the form afresh */}
      <DetailsForm key={`d${props.user.id}`} {...props} />
      <RolesForm key={`r${props.user.id}`} {...props} />
      <ResetPasswordForm key={`p${props.user.id}`} user={props.user} onChanged={props.onChanged} />
    </section>
  );
}

/** Reloads the user after a stale_version refusal, so the form shows what is stored now. */
async function latest(userId: number): Promise<StaffUser | undefined> {
  const { data } = await api.GET('/api/staff/users/{userId}', {
    params: { path: { userId } },
  });
  return data;
}

function DetailsForm({ user, onChanged }: Props) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [active, setActive] = useState(user.active);
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameError = server.displayName ?? displayNameProblem(displayName);
  const emailError = server.email ?? emailProblem(email);
  const changed =
    displayName.trim() !== user.displayName ||
    (email.trim() || null) !== user.email ||
    active !== user.active;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setNotice(null);
    if (nameError || emailError || !changed) return;
    setBusy(true);
    const { data, error, response } = await api.PATCH('/api/staff/users/{userId}', {
      params: { path: { userId: user.id } },
      body: {
        displayName: displayName.trim(),
        email: email.trim() || null,
        active,
        expectedVersion: user.version,
      },
    });
    setBusy(false);
    if (data) {
      onChanged(data);
      setNotice('Details saved.');
      return;
    }
    const failure = apiError(error, response.status);
    setServer(serverFieldErrors(failure));
    setFormError(refusalMessage(failure));
    if (failure.code === 'stale_version') {
      const fresh = await latest(user.id);
      if (fresh) {
        onChanged(fresh);
        setDisplayName(fresh.displayName);
        setEmail(fresh.email ?? '');
        setActive(fresh.active);
      }
    }
    if (failure.code === 'last_active_admin') setActive(user.active);
  }

  return (
    <form className="staff-subform" onSubmit={submit} noValidate aria-label="Details">
      <h3>Details</h3>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={formError} />
      <Field
        label="Display name"
        name="displayName"
        maxLength={200}
        value={displayName}
        error={nameError}
        onChange={(e) => {
          setDisplayName(e.target.value);
          setServer((s) => without(s, 'displayName'));
        }}
      />
      <Field
        label="E-mail"
        name="email"
        type="email"
        maxLength={254}
        value={email}
        error={emailError}
        onChange={(e) => {
          setEmail(e.target.value);
          setServer((s) => without(s, 'email'));
        }}
      />
      <CheckField
        label="Active (can sign in)"
        name="active"
        checked={active}
        onChange={setActive}
      />
      {!active && user.active ? (
        <p className="warning">Saving ends this user’s sessions and stops their API tokens.</p>
      ) : null}
      <button type="submit" disabled={busy || !changed}>
        {busy ? 'Saving…' : 'Save details'}
      </button>
    </form>
  );
}

function RolesForm({ user, roles, onChanged }: Props) {
  const [value, setValue] = useState<readonly Role[]>(user.roles);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = rolesProblem(value);
  const changed = value.join() !== user.roles.join();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setNotice(null);
    if (problem || !changed) return;
    setBusy(true);
    const { data, error, response } = await api.PUT('/api/staff/users/{userId}/roles', {
      params: { path: { userId: user.id } },
      body: { roles: [...value], expectedVersion: user.version },
    });
    setBusy(false);
    if (data) {
      onChanged(data);
      setNotice('Roles saved. They apply from the user’s next request.');
      return;
    }
    const failure = apiError(error, response.status);
    setFormError(refusalMessage(failure));
    if (failure.code === 'last_active_admin') setValue(user.roles);
    if (failure.code === 'stale_version') {
      const fresh = await latest(user.id);
      if (fresh) {
        onChanged(fresh);
        setValue(fresh.roles);
      }
    }
  }

  return (
    <form className="staff-subform" onSubmit={submit} noValidate aria-label="Roles">
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={formError} />
      <RoleCheckboxes
        legend="Roles"
        roles={roles}
        value={value}
        error={problem}
        onChange={(next) => {
          setValue(next);
          setNotice(null);
        }}
      />
      <button type="submit" disabled={busy || !changed}>
        {busy ? 'Saving…' : 'Save roles'}
      </button>
    </form>
  );
}
