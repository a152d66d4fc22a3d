import type { ErrorRequestHandler } from 'express';

import type { Logger } from '../lib/logger';

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
        ? 'The request body is too large.'
        : status < 500
          ? 'The request body could not be read as JSON.'
          : 'Internal server error.';
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
}

function httpStatusOf(err: unknown): number {
  const status = (err as { status?: unknown; statusCode?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
