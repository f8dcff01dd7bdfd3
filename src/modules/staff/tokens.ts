import { createHash } from 'node:crypto';
import { randomToken } from '../../core/ids.ts';

/**
 * Session and API tokens. The client holds the random token; the database holds only its
 * SHA-256 (a fast hash is right here: the token has 256 bits of entropy, so nothing is
 * gained from a slow one, and resolving a request must be cheap). API tokens carry a
 * prefix so that one look-up finds the right table and secret scanners can spot a leak.
 */
export const apiTokenPrefix = 'cisapi_';

/** Longer than any token we issue; anything longer is refused without a query. */
const tokenCharsMax = 128;

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function newSessionToken(): string {
  return randomToken(32);
}

export function newApiToken(): string {
  return `${apiTokenPrefix}${randomToken(32)}`;
}

export function tokenKind(token: string): 'session' | 'api' | 'malformed' {
  if (token.length === 0 || token.length > tokenCharsMax) return 'malformed';
  return token.startsWith(apiTokenPrefix) ? 'api' : 'session';
}
