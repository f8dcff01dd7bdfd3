import type { ApiError } from '../api/client.ts';
import { sentence } from './validate.ts';

/** The words an administrator reads for each refusal the staff API can give. */
export function refusalMessage(e: ApiError): string {
  switch (e.code) {
    case 'last_active_admin':
      return (
        'Refused: this is the only active administrator. Someone must be able to manage ' +
        'staff, so they stay active and keep the System Administrator role.'
      );
    case 'stale_version':
      return 'Someone else changed this user just now. The form shows their latest values; check and save again.';
    case 'user_not_found':
      return 'This user no longer exists.';
    case 'username_taken':
      return 'That username is already taken.';
    case 'forbidden':
      return 'Your role may not manage staff.';
    case 'unauthenticated':
      return 'Your session has ended. Sign in again.';
    default:
      return sentence(e.message);
  }
}

/** Server field messages, in sentence case, keyed by the form's field names. */
export function serverFieldErrors(e: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.fields ?? {})) {
    // The reset-password route names its field newPassword; the forms call it password.
    out[k === 'newPassword' ? 'password' : k] = sentence(v);
  }
  if (e.code === 'username_taken') out.username = 'That username is already taken.';
  return out;
}
