import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import type { Logger } from '../lib/logger';
import { DomainError, ErrorCode } from './domain-errors';
import { infrastructureError } from './infrastructure-errors';

/** Codes produced by GraphQL itself or Apollo for malformed requests: safe to pass through. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The last word on every error sent to a client: domain and request errors keep their code and message;
 * anything else is logged with the request id and masked as INTERNAL_SERVER_ERROR. No stack traces, SQL
 * or driver messages leave the server.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      // `http` (status, headers) is for Apollo's response head, not the client's error body.
      const { http: _http, ...extensions } = original.extensions;
      return { ...base, extensions };
    }
    const unavailable = infrastructureError(original);
    if (unavailable) {
      log.warn({ code: (original as { code?: unknown }).code, path: formatted.path }, 'database unavailable');
      return { ...base, message: unavailable.message, extensions: { ...unavailable.extensions } };
    }
    const code = formatted.extensions?.code;
    if (original instanceof GraphQLError && typeof code === 'string' && REQUEST_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return { ...base, message: 'Internal server error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current && typeof current === 'object' && 'originalError' in current && current.originalError) {
    current = current.originalError;
  }
  return current;
}
