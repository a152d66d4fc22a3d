import type { ApolloServerPlugin } from '@apollo/server';

import { errorCodeOf } from '../graphql/response-status';
import type { Logger } from '../lib/logger';

/**
 * One structured line per GraphQL request: request id (from the context's logger), operation name and
 * type, HTTP status, duration and error codes. Never the query text or variables (they may hold
 * passwords or tokens).
 */
export const requestLogPlugin = (log: Logger): ApolloServerPlugin<{ log: Logger }> => ({
  async requestDidStart() {
    // Below info (LOG_LEVEL=warn) there is nothing to write: no hooks, no per-request logger.
    if (!log.isLevelEnabled('info')) return;
    const started = process.hrtime.bigint();
    return {
      async willSendResponse({ contextValue, operation, operationName, response }) {
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        const codes = errors.map(errorCodeOf);
        contextValue.log.info(
          {
            operationName: operationName ?? null,
            operationType: operation?.operation ?? null,
            status: response.http.status ?? 200,
            durationMs: Number(process.hrtime.bigint() - started) / 1e6,
            ...(codes.length > 0 ? { errorCodes: codes } : {}),
          },
          'graphql request',
        );
      },
    };
  },
});
