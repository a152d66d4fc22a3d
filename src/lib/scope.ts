import { Session } from '../auth/session';
import type { Clock } from './clock';
import type { Logger } from './logger';

/**
 * What a service needs to know about who acts and when: the caller, the app's clock and a logger.
 * A request builds one from its context; a job builds one for the user it works for (`scopeFor`).
 * Services take this, never the request context, so they run the same inside and outside a request.
 */
export interface Scope {
  readonly session: Session;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The scope of work done for one user outside any request (a job, the seed script, a test). */
export function scopeFor(userId: string, clock: Clock, log: Logger): Scope {
  return { session: Session.forUser(userId, Number.MAX_SAFE_INTEGER), clock, log };
}

/** The scope of work done for no one in particular: registering an account, a job over many users. */
export function anonymousScope(clock: Clock, log: Logger): Scope {
  return { session: Session.anonymous(), clock, log };
}
