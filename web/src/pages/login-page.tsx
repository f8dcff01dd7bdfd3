import { useState, type FormEvent } from 'react';
import { api, apiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { refresh } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const { error: failure, response } = await api.POST('/api/session', {
      body: { username, password },
    });
    setBusy(false);
    if (failure || !response.ok) {
      const err = apiError(failure, response.status);
      setError(
        err.code === 'login_throttled'
          ? 'Too many failed attempts. Wait a few minutes and try again.'
          : err.code === 'invalid_credentials'
            ? 'The username or password is not right.'
            : err.message,
      );
      return;
    }
    await refresh();
  }

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">OpenCIS</h1>
        <p className="muted">Agent desk — sign in with your staff account.</p>
        <FormError message={error} />
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoFocus
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
