import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import express, { Router } from 'express';

const NOT_BUILT = 'The dashboard is not built on this server. Run `npm run build:web` (or `npm run build`) and reload.\n';

/** The project root: the nearest folder above this file with a package.json (works from src/ and dist/src/). */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/**
 * GET /dashboard — the live dashboard built from web/ by Vite: static files, and index.html for any
 * other path without a file extension (client-side routes). A clear 503 when web/dist is missing.
 */
export function dashboardRouter(distDir: string = join(projectRoot(__dirname), 'web', 'dist')): Router {
  const router = Router();
  const indexFile = join(distDir, 'index.html');
  router.use((_req, res, next) => {
    if (existsSync(indexFile)) {
      next();
      return;
    }
    res.status(503).type('text/plain').send(NOT_BUILT);
  });
  router.use(
    express.static(distDir, {
      index: 'index.html',
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.get('/{*rest}', (req, res, next) => {
    if (/\.[a-z0-9]+$/i.test(req.path)) {
      next();
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
}
