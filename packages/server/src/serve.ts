/**
 * Serving the API and the web app on a port. The web app's built files (packages/web/dist) are served
 * with a strict Content-Security-Policy: scripts only from this origin, no inline scripts, no framing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Store } from '@metasift/store';
import { createApp } from './app.js';

export interface Running {
  url: string;
  close(): Promise<void>;
}

const LANDING = `<!doctype html><meta charset="utf-8"><title>metasift</title>
<h1>metasift</h1><p>The review API is running, but the web app is not built: run <code>npm run build</code>.</p>
<ul><li><a href="/api/openapi.json">OpenAPI document</a></li></ul>`;

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

export function startServer(store: Store, opts: { port?: number; host?: string; maxBodyBytes?: number; webRoot?: string } = {}): Promise<Running> {
  const app = createApp({ store, ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}) });
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    if (!c.req.path.startsWith('/api/')) c.header('content-security-policy', CSP);
  });
  const root = opts.webRoot;
  if (root && existsSync(join(root, 'index.html'))) {
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root, onFound: (_path, c) => c.header('cache-control', 'public, max-age=31536000, immutable') }));
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  } else {
    app.get('/', (c) => c.html(LANDING));
  }
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server: ServerType = serve({ fetch: app.fetch, port: opts.port ?? 8080, hostname: host }, (info) => {
      resolve({
        url: `http://${host}:${info.port}/`,
        close: () => new Promise<void>((res) => server.close(() => res())),
      });
    });
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${opts.port ?? 8080} is in use; set PORT to another port` : `cannot listen on ${host}:${opts.port ?? 8080}: ${e.message}`)),
    );
  });
}
