import { z } from 'zod';

/** Every error the API returns has this shape: a stable code, a message, field messages. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('stable snake_case code (see error-codes.ts)'),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().describe('field path → message'),
    }),
  })
  .describe('Error');

export type ErrorBody = z.infer<typeof errorBodySchema>;

const defaultMessages: Readonly<Record<string, string>> = {
  invalid: 'The request is not valid.',
  unauthenticated: 'Log in first.',
  forbidden: 'Your role does not allow this.',
  not_found: 'Not found.',
  payload_too_large: 'The request body is too large.',
  internal: 'Something went wrong on our side; it has been logged.',
};

export function errorBody(
  code: string,
  message?: string,
  fields?: Readonly<Record<string, string>>,
): ErrorBody {
  return {
    error: {
      code,
      message: message ?? defaultMessages[code] ?? code.replaceAll('_', ' '),
      ...(fields && Object.keys(fields).length > 0 ? { fields: { ...fields } } : {}),
    },
  };
}
