import { useState } from 'react';
import { flushSync } from 'react-dom';
import { apiError } from '../api/client.ts';

/** Field → message; only fields with a problem appear. */
export type Problems = Readonly<Record<string, string>>;

/** The friendliest words for refusals the API names by code alone. */
const codeMessages: Readonly<Record<string, string>> = {
  stale_version:
    'Someone else changed this account while you were working. The page now shows the ' +
    'latest data; check it and try again.',
  forbidden: 'Your role does not allow this change.',
  unauthenticated: 'Your session has ended. Sign in again.',
  status_already_set: 'That special status is already set on this account.',
  status_not_set: 'That special status is not set on this account (anymore).',
  account_closed: 'The account is not active, so this cannot be changed.',
};

/** The message a refusal shows: detail from the server, with a friendly lead for known codes. */
export function refusalMessage(code: string, message: string): string {
  if (code === 'due_day_not_allowed') return `The due date cannot be changed: ${message}.`;
  if (code === 'certificate_expiry_too_far') {
    return `The certificate expiry is too far out (${message}).`;
  }
  return codeMessages[code] ?? message;
}

/** How a submit went: `code` is the API's refusal code ('client' = failed client checks). */
export type Outcome = { readonly ok: boolean; readonly code: string | null };

/** After a refusal, does the page need fresh data (someone else changed the account)? */
export function needsRefresh(o: Outcome): boolean {
  return (
    o.code === 'stale_version' || o.code === 'status_already_set' || o.code === 'status_not_set'
  );
}

type Sent = { readonly error?: unknown; readonly response: Response };

/**
 * A small form state: values, client checks shown as the user types (after a field was
 * touched, or after a submit attempt), server field messages until that field changes, and
 * a form-level refusal. `submit` runs the API call and reports whether it succeeded.
 */
export function useForm<V extends Record<string, unknown>>(
  initial: V,
  validate: (v: V) => Problems,
) {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const [server, setServer] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = validate(values);

  function set<K extends keyof V & string>(key: K, value: V[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((t) => new Set(t).add(key));
    setServer((s) => {
      if (!(key in s)) return s;
      const { [key]: _gone, ...rest } = s;
      return rest;
    });
  }

  function error(key: string): string | undefined {
    if (server[key]) return server[key];
    return touched.has(key) || tried ? problems[key] : undefined;
  }

  function reset(next: V = initial) {
    setValues(next);
    setTouched(new Set());
    setTried(false);
    setServer({});
    setFormError(null);
  }

  /**
   * Checks, sends, maps errors. `fieldOf` turns a server field path (e.g. "address.zip")
   * into this form's field name.
   */
  async function submit(
    send: () => Promise<Sent>,
    fieldOf: (path: string) => string = (p) => p,
  ): Promise<Outcome> {
    // Rendered at once: a client refusal's fields are marked when focusProblem looks.
    flushSync(() => {
      setTried(true);
      setFormError(null);
    });
    if (Object.keys(problems).length > 0) return { ok: false, code: 'client' };
    setBusy(true);
    try {
      const { error: e, response } = await send();
      if (!e && response.ok) return { ok: true, code: null };
      const err = apiError(e, response.status);
      const shown = refusalShown(err, fieldOf, values);
      // Rendered before submit returns, so the caller's focusProblem finds the fields marked
      // (otherwise, on a busy machine, it could run before React re-renders and focus the
      // field a previous refusal marked).
      flushSync(() => {
        setServer(shown.fields);
        setFormError(shown.formError);
      });
      return { ok: false, code: err.code };
    } catch {
      setFormError('The server could not be reached. Try again.');
      return { ok: false, code: 'network' };
    } finally {
      setBusy(false);
    }
  }

  return { values, set, error, reset, submit, busy, formError, problems };
}

/** A refusal as the form shows it: messages on this form's fields, and the banner. */
function refusalShown(
  err: ReturnType<typeof apiError>,
  fieldOf: (path: string) => string,
  values: Record<string, unknown>,
): { fields: Problems; formError: string } {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const [path, msg] of Object.entries(err.fields ?? {})) {
    const key = fieldOf(path);
    if (key in values) fields[key] = msg;
    else unplaced.push(`${path}: ${msg}`);
  }
  const lead = refusalMessage(err.code, err.message);
  const hasFields = Object.keys(fields).length > 0;
  const formError =
    hasFields && unplaced.length === 0
      ? 'Please correct the fields marked below.'
      : [lead, ...unplaced].join(' ');
  return { fields, formError };
}

/** Simple checks mirroring the server's zod schemas. */
export const checks = {
  required: (s: string, label = 'This') => (s.trim() ? null : `${label} is required.`),
  phone: (s: string) =>
    !s.trim() || /^\+?1?[\s.\-()]*(\d[\s.\-()]*){10}$/.test(s)
      ? null
      : 'Enter a 10-digit US phone number.',
  email: (s: string) =>
    !s.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim()) ? null : 'Enter an e-mail address.',
  zip: (s: string) =>
    /^\d{5}(-\d{4})?$/.test(s.trim()) ? null : 'Enter a ZIP code: 12345 or 12345-6789.',
  state: (s: string) => (/^[A-Z]{2}$/.test(s.trim()) ? null : 'Enter a two-letter state code.'),
  date: (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? null : 'Enter a date.'),
  length: (s: string, min: number, max: number, label = 'This') => {
    const n = s.trim().length;
    if (n < min) return min <= 1 ? `${label} is required.` : `At least ${min} characters.`;
    if (n > max) return `At most ${max} characters.`;
    return null;
  },
};

/** Collects non-null messages into Problems. */
export function problemsOf(entries: Record<string, string | null>): Problems {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v) out[k] = v;
  return out;
}

/**
 * After a refused submit, puts focus on the first field marked invalid, or else on the
 * form's error banner, so keyboard and screen-reader users land on the problem.
 */
export function focusProblem(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    if (!form) return;
    const field = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) return field.focus();
    const banner = form.querySelector<HTMLElement>('.form-error');
    if (banner) {
      banner.tabIndex = -1;
      banner.focus();
    }
  });
}
