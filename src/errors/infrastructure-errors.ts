import { DomainError, ErrorCode } from './domain-errors';

/** Socket errors of a database (or broker) that is down or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** SQLSTATEs of a server that is stopping, starting or full: 08xxx connection exceptions, 57P0x shutdown, 53300 too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const STATEMENT_TIMEOUT = '57014';
/** TypeORM errors of a connection that died mid-transaction (nothing was committed). */
const DRIVER_ERROR_NAMES = /^(QueryRunnerAlreadyReleasedError|QueryRunnerProviderAlreadyReleasedError|ConnectionIsNotSetError)$/;
const POOL_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end',
  'connection is closed',
];

/** Seconds a client should wait before retrying while the database is unavailable. */
export const UNAVAILABLE_RETRY_SECONDS = 2;

export const serviceUnavailable = (message: string) =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message, { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });

/**
 * Recognises a database outage or a statement timeout in an error (or the errors it wraps: TypeORM's
 * driverError, `cause`) and turns it into SERVICE_UNAVAILABLE; null for anything else. The driver's
 * message is never passed on.
 */
export function infrastructureError(error: unknown): DomainError | null {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, message, name } = current as { code?: unknown; message?: unknown; name?: unknown };
    if (code === STATEMENT_TIMEOUT) return serviceUnavailable('The request took too long and was cancelled. Try again.');
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) {
      return serviceUnavailable('The database is unavailable right now. Try again shortly.');
    }
    const lostConnection = typeof name === 'string' && DRIVER_ERROR_NAMES.test(name);
    if (lostConnection || (typeof message === 'string' && POOL_MESSAGES.some((text) => message.includes(text)))) {
      return serviceUnavailable('The database is unavailable right now. Try again shortly.');
    }
    // graphql-js wraps a thrown non-Error (pg can reject with a bare object) as NonErrorThrown { thrownValue }.
    const wrapper = current as { driverError?: unknown; cause?: unknown; originalError?: unknown; thrownValue?: unknown; errors?: unknown };
    current =
      wrapper.driverError ??
      wrapper.originalError ??
      wrapper.thrownValue ??
      wrapper.cause ??
      (Array.isArray(wrapper.errors) ? wrapper.errors[0] : undefined);
  }
  return null;
}
