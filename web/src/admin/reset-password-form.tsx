import { useState, type FormEvent } from 'react';
import { api, apiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { refusalMessage, serverFieldErrors } from './refusals.ts';
import { CheckField } from './role-checkboxes.tsx';
import type { StaffUser } from './staff-types.ts';
import { passwordProblem } from './validate.ts';

/** Sets a new password for a user (ends their sessions); by default they change it next. */
export function ResetPasswordForm(props: {
  readonly user: StaffUser;
  readonly onChanged: (user: StaffUser) => void;
}) {
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const error = serverError ?? (touched ? passwordProblem(password) : undefined);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setFormError(null);
    setNotice(null);
    if (passwordProblem(password)) return;
    setBusy(true);
    const {
      data,
      error: failure,
      response,
    } = await api.POST('/api/staff/users/{userId}/password', {
      params: { path: { userId: props.user.id } },
      body: { newPassword: password, mustChangePassword: mustChange },
    });
    setBusy(false);
    if (data) {
      props.onChanged(data);
      setPassword('');
      setTouched(false);
      setNotice(`Password reset. ${data.username} is signed out everywhere.`);
      return;
    }
    const e2 = apiError(failure, response.status);
    const fields = serverFieldErrors(e2);
    setServerError(fields.password);
    setFormError(fields.password ? null : refusalMessage(e2));
  }

  return (
    <form className="staff-subform" onSubmit={submit} noValidate aria-label="Reset password">
      <h3>Reset password</h3>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <FormError message={formError} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        maxLength={256}
        value={password}
        error={error}
        onChange={(e) => {
          setPassword(e.target.value);
          setTouched(true);
          setServerError(undefined);
          setNotice(null);
        }}
      />
      <CheckField
        label="Must change it at next sign-in"
        name="mustChangePassword"
        checked={mustChange}
        onChange={setMustChange}
      />
      <button type="submit" disabled={busy}>
        {busy ? 'Resetting…' : 'Reset password'}
      </button>
    </form>
  );
}
