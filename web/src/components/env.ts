import type { Capabilities } from '../api';
import type { Auth } from '../auth';
import type { Live } from '../live';

/** What every panel needs: the session, the live connection, and what the server offers. */
export interface Env {
  auth: Auth;
  live: Live;
  caps: Capabilities;
}
