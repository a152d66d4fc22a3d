import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

import { ErrorCode } from '../errors/domain-errors';
import { UNAVAILABLE_RETRY_SECONDS } from '../errors/infrastructure-errors';

/** An error's `extensions.code` (INTERNAL_SERVER_ERROR when it has none). */
export function errorCodeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/** The HTTP status of a request refused before execution, by its error code (anything else is a 400). */
const STATUS_BY_CODE: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.IDEMPOTENCY_IN_PROGRESS]: 409,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * HTTP statuses that say what happened. Apollo answers 500 for any error thrown before execution (for
 * example UNAUTHENTICATED from the default-deny check): such a request-level refusal gets the status of
 * its code instead, so only a real server fault is a 5xx. A database outage is a 503 with Retry-After,
 * wherever it happened. Errors during execution of a valid request keep Apollo's 200 (partial data).
 */
export const responseStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length) return;
        const codes = errors.map(errorCodeOf);
        if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE) && data == null) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
          return;
        }
        const requestLevel = data === undefined;
        if (requestLevel && (response.http.status === undefined || response.http.status >= 500)) {
          response.http.status = STATUS_BY_CODE[codes[0]] ?? 400;
        }
      },
    };
  },
};
