import type { ErrorRequestHandler } from 'express';

import type { Logger } from '../lib/logger';

/** What a client is told about a body that cannot be read (Express's handler and the POST path alike). */
export const BODY_TOO_LARGE = 'The request body is too large.';
export const BODY_NOT_JSON = 'The request body could not be read as JSON.';

/**
 * The last Express handler: a body that is not JSON or is too large answers as a GraphQL error.
 * Express's default handler would send an HTML page with the stack trace outside production.
 */
export function requestErrorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const status = httpStatusOf(err);
    if (status >= 500) log.error({ err }, 'unexpected HTTP error');
    const message =
      status === 413
        ? BODY_TOO_LARGE
        : status < 500
          ? BODY_NOT_JSON
          : 'Internal server error.';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}

function httpStatusOf(err: unknown): number {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
