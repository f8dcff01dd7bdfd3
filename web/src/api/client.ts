import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

/**
 * The typed API client. Paths, parameters, bodies and responses come from the types
 * generated from the server's OpenAPI document (`npm run gen:api`), never hand-copied.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export type ApiError = {
  readonly code: string;
  readonly message: string;
  readonly fields?: Readonly<Record<string, string>>;
};

/** The server's error body, or a network-level one. */
export function apiError(error: unknown, status?: number): ApiError {
  const body = (error as { error?: ApiError } | undefined)?.error;
  if (body && typeof body.code === 'string') return body;
  return {
    code: status ? `http_${status}` : 'network',
    message: 'The server could not be reached.',
  };
}

export type Principal = {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly permissions: readonly string[];
};
