/** Serving the API on a port; GET / says where things are until the web app lands. */
import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '@metasift/store';
import { createApp } from './app.js';

export interface Running {
  url: string;
  close(): Promise<void>;
}

const LANDING = `<!doctype html><meta charset="utf-8"><title>metasift</title>
<h1>metasift</h1><p>The review API is running. The reviewer's web app is the next step.</p>
<ul><li><a href="/api/openapi.json">OpenAPI document</a></li><li>POST /api/auth/login with a demo login, then GET /api/reviews</li></ul>`;

export function startServer(store: Store, opts: { port?: number; host?: string; maxBodyBytes?: number } = {}): Promise<Running> {
  const app = createApp({ store, ...(opts.maxBodyBytes ? { maxBodyBytes: opts.maxBodyBytes } : {}) });
  app.get('/', (c) => c.html(LANDING));
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
