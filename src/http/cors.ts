import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths whose requests carry the refresh cookie: only these answer with credentials allowed. */
const CREDENTIAL_PATHS = ['/auth/'];
/** Response headers a page on an allowed origin may read. */
const EXPOSED = 'x-request-id, retry-after, idempotency-replayed';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** No Origin: not a browser (no cross-site risk). Otherwise the API's own origin or an allowed one. */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin.replace(/\/$/, ''))) return true;
  return isOwnOrigin(origin, host);
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * CORS for every HTTP path, ahead of both the Express and the bare POST path: an allowed origin (the
 * API's own, or one in ALLOWED_ORIGINS) gets its origin echoed; others get no CORS header at all, so
 * the browser keeps the answer from them. Credentials are allowed only on the cookie paths (`/auth/…`)
 * and never for `*`. Returns true when it answered the request itself (a preflight).
 */
export function corsHandler(allowed: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const origin = req.headers.origin;
    if (!origin) return false;
    res.setHeader('vary', 'Origin');
    const path = req.url?.split('?', 1)[0] ?? '';
    const listed = allowed.includes(origin.replace(/\/$/, ''));
    const permitted = listed || isOwnOrigin(origin, req.headers.host) || allowed.includes('*');
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (!permitted) {
      if (!preflight) return false;
      res.statusCode = 403;
      res.end();
      return true;
    }
    res.setHeader('access-control-allow-origin', origin);
    const credentials = (listed || isOwnOrigin(origin, req.headers.host)) && CREDENTIAL_PATHS.some((p) => path.startsWith(p));
    if (credentials) res.setHeader('access-control-allow-credentials', 'true');
    if (!preflight) {
      res.setHeader('access-control-expose-headers', EXPOSED);
      return false;
    }
    res.setHeader('vary', 'Origin, Access-Control-Request-Headers');
    res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    const requested = req.headers['access-control-request-headers'];
    if (requested) res.setHeader('access-control-allow-headers', requested);
    res.setHeader('access-control-max-age', String(PREFLIGHT_MAX_AGE_SECONDS));
    res.statusCode = 204;
    res.end();
    return true;
  };
}
