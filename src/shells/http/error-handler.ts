import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InvariantViolation } from '../../core/assert.ts';
import { errorBody } from './error-body.ts';

/**
 * Bad input is a 400 with field messages, never a 500; a bug (InvariantViolation or any
 * unexpected exception) is a logged 500 whose body leaks nothing.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const v of error.validation) {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const where = v.schemaPath?.startsWith('#/') ? '' : '';
        fields[path || error.validationContext || 'body'] = `${where}${v.message ?? 'invalid'}`;
      }
      return reply
        .code(400)
        .send(errorBody('invalid', `Invalid ${error.validationContext ?? 'request'}.`, fields));
    }
    const clientError = mapClientError(error);
    if (clientError)
      return reply.code(clientError.status).send(errorBody(clientError.code, clientError.message));
    const bug = error instanceof InvariantViolation ? 'invariant violated' : 'unhandled error';
    request.log.error({ err: error }, bug);
    return reply.code(500).send(errorBody('internal'));
  });
}

function mapClientError(
  error: FastifyError,
): { status: number; code: string; message: string } | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'payload_too_large', message: error.message };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'unsupported_media_type', message: 'Send application/json.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'invalid', message: 'The body is not valid JSON.' };
    default:
      break;
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'invalid', message: error.message };
  }
  if (error instanceof SyntaxError)
    return { status: 400, code: 'invalid', message: 'The body is not valid JSON.' };
  return undefined;
}
