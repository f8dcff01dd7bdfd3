/**
 * Client-side checks that mirror the server's rules (staff.schema.ts, passwords.ts), so the
 * form can say what is wrong while the user types. The server checks again and has the
 * last word; its field messages replace these after a submit.
 */
export const usernamePattern = /^[a-z][a-z0-9._-]{1,31}$/;
const usernameCharsMax = 32;
const nameCharsMax = 200;
const emailCharsMax = 254;
const passwordCharsMin = 8;
const passwordCharsMax = 256;

export function usernameProblem(raw: string): string | undefined {
  const u = raw.trim().toLowerCase();
  if (u.length === 0) return 'Enter a username.';
  if (u.length > usernameCharsMax) return `Use at most ${usernameCharsMax} characters.`;
  if (!usernamePattern.test(u)) {
    return 'Start with a letter and use only a–z, 0–9, “.”, “_” and “-” (at least 2 characters).';
  }
  return undefined;
}

export function displayNameProblem(raw: string): string | undefined {
  const n = raw.trim();
  if (n.length === 0) return 'Enter the name shown to colleagues.';
  if (n.length > nameCharsMax) return `Use at most ${nameCharsMax} characters.`;
  return undefined;
}

/** E-mail is optional; when given it must look like one. */
export function emailProblem(raw: string): string | undefined {
  const e = raw.trim();
  if (e.length === 0) return undefined;
  if (e.length > emailCharsMax) return `Use at most ${emailCharsMax} characters.`;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) return 'Enter an e-mail address like name@city.gov.';
  return undefined;
}

export function passwordProblem(raw: string): string | undefined {
  const length = [...raw].length;
  if (length < passwordCharsMin) return `Use at least ${passwordCharsMin} characters.`;
  if (length > passwordCharsMax) return `Use at most ${passwordCharsMax} characters.`;
  if (raw.trim().length === 0) return 'A password cannot be only spaces.';
  return undefined;
}

export function rolesProblem(roles: readonly string[]): string | undefined {
  return roles.length === 0
    ? 'Choose at least one role: without one the user can do nothing.'
    : undefined;
}

/** "must not be blank" → "Must not be blank." (server field messages are lower-case). */
export function sentence(message: string): string {
  const s = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The first problem of each field, leaving out fields without one. */
export function problems(
  checks: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(checks).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** A copy of `errors` without `name` (the user is fixing that field). */
export function without(
  errors: Readonly<Record<string, string>>,
  name: string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== name));
}
