import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.XECUTION_API ?? 'http://127.0.0.1:4000';

/** The dashboard: built into web/dist and served by the API at /dashboard (`npm run dev` there proxies the API). */
export default defineConfig({
  root: webRoot,
  base: '/dashboard/',
  publicDir: false,
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 300 },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/test/clock': { target: api },
    },
  },
});
