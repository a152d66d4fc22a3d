import type { Session } from './auth/session';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import type { Loaders } from './loaders';
import type { Services } from './services';

/** Everything a resolver or service needs for one request (or one WebSocket operation). */
export interface Context {
  session: Session;
  services: Services;
  loaders: Loaders;
  clock: Clock;
  requestId: string;
  log: Logger;
  /** The caller's IP address (HTTP requests; the client's, behind TRUST_PROXY proxies). */
  clientIp?: string;
}
