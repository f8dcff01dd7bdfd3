import { useState, type FormEvent } from 'react';
import { api, apiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { refusalMessage, serverFieldErrors } from './refusals.ts';
import { CheckField, RoleCheckboxes } from './role-checkboxes.tsx';
import type { Role, RoleInfo, StaffUser } from './staff-types.ts';
import {
  displayNameProblem,
  emailProblem,
  passwordProblem,
  problems,
  rolesProblem,
  usernameProblem,
  without,
} from './validate.ts';

type Values = {
  readonly username: string;
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
  readonly roles: readonly Role[];
  readonly mustChangePassword: boolean;
};
type Name = keyof Values;

const empty: Values = {
  username: '',
  displayName: '',
  email: '',
  password: '',
  roles: [],
  mustChangePassword: true,
};

function check(v: Values): Readonly<Record<string, string>> {
  return problems({
    username: usernameProblem(v.username),
    displayName: displayNameProblem(v.displayName),
    email: emailProblem(v.email),
    password: passwordProblem(v.password),
    roles: rolesProblem(v.roles),
  });
}

/** "Add a user": username, name, e-mail, initial password and roles, checked as typed. */
export function AddUserForm(props: {
  readonly roles: readonly RoleInfo[];
  readonly onCreated: (user: StaffUser) => void;
}) {
  const [values, setValues] = useState<Values>(empty);
  const [touched, setTouched] = useState<ReadonlySet<Name>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const client = check(values);
  const errorOf = (name: Name): string | undefined =>
    server[name] ?? (submitted || touched.has(name) ? client[name] : undefined);

  function set<K extends Name>(name: K, value: Values[K]) {
    setValues((v) => ({ ...v, [name]: value }));
    setTouched((t) => new Set(t).add(name));
    setServer((s) => without(s, name));
    setNotice(null);
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(client).length > 0) {
      focusFirstInvalid(e.currentTarget);
      return;
    }
    setBusy(true);
    const email = values.email.trim();
    const { data, error, response } = await api.POST('/api/staff/users', {
      body: {
        username: values.username.trim().toLowerCase(),
        displayName: values.displayName.trim(),
        email: email === '' ? null : email,
        password: values.password,
        roles: [...values.roles],
        mustChangePassword: values.mustChangePassword,
      },
    });
    setBusy(false);
    if (!data) {
      const failure = apiError(error, response.status);
      const fields = serverFieldErrors(failure);
      setServer(fields);
      setFormError(Object.keys(fields).length > 0 ? null : refusalMessage(failure));
      return;
    }
    props.onCreated(data);
    setValues(empty);
    setTouched(new Set());
    setSubmitted(false);
    setNotice(`Added ${data.displayName} (${data.username}). They can sign in now.`);
  }

  return (
    <form className="card staff-form" onSubmit={submit} noValidate aria-labelledby="add-user-title">
      <h2 id="add-user-title">Add a user</h2>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={formError} />
      <div className="row">
        <Field
          label="Username"
          name="username"
          autoComplete="off"
          spellCheck={false}
          maxLength={32}
          value={values.username}
          error={errorOf('username')}
          hint="Lower case letters, digits, “.”, “_”, “-”; used to sign in."
          onChange={(e) => set('username', e.target.value)}
        />
        <Field
          label="Display name"
          name="displayName"
          autoComplete="off"
          maxLength={200}
          value={values.displayName}
          error={errorOf('displayName')}
          onChange={(e) => set('displayName', e.target.value)}
        />
      </div>
      <div className="row">
        <Field
          label="E-mail"
          name="email"
          type="email"
          autoComplete="off"
          maxLength={254}
          value={values.email}
          error={errorOf('email')}
          hint="Optional."
          onChange={(e) => set('email', e.target.value)}
        />
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={256}
          value={values.password}
          error={errorOf('password')}
          hint="At least 8 characters. Tell the user in person."
          onChange={(e) => set('password', e.target.value)}
        />
      </div>
      <RoleCheckboxes
        legend="Roles"
        roles={props.roles}
        value={values.roles}
        error={errorOf('roles')}
        onChange={(next) => set('roles', next)}
      />
      <CheckField
        label="Must change the password at first sign-in"
        name="mustChangePassword"
        checked={values.mustChangePassword}
        onChange={(on) => set('mustChangePassword', on)}
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}

/** After a refused submit, put the keyboard on the first field that needs attention. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => {
    const target = form.querySelector<HTMLElement>(
      '[aria-invalid="true"], .roles-fieldset.field-invalid input',
    );
    target?.focus();
  });
}
