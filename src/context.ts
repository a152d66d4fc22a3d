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

/**
 * The context of one request. Its logger (a pino child) is built on first use, since most requests never
 * log; the getter lives on the prototype, so Apollo's shallow copy of the context does not build it.
 */
export class RequestContext implements Context {
  private requestLog: Logger | undefined;

  constructor(
    public session: Session,
    public services: Services,
    public loaders: Loaders,
    public clock: Clock,
    public requestId: string,
    private readonly baseLog: Logger,
    public clientIp?: string,
  ) {}

  get log(): Logger {
    return (this.requestLog ??= this.baseLog.child({ requestId: this.requestId }));
  }
}
