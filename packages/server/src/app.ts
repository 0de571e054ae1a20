/**
 * The HTTP API: Hono with zod request schemas, from which the OpenAPI document at /api/openapi.json
 * is generated. Sessions in httpOnly SameSite=Strict cookies; every state-changing request carries
 * the session's CSRF token in x-csrf-token; every failure is a JSON error with a code.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { sessionUser, type Store } from '@metasift/store';
import type { AppEnv } from './env.js';
import { ApiError, errorResponse } from './errors.js';
import { authRoutes, SESSION_COOKIE } from './routes/auth.js';
import { reviewRoutes } from './routes/reviews.js';
import { screeningRoutes, stoppingRoutes } from './routes/screening.js';
import { importRoutes } from './routes/imports.js';
import { fullTextRoutes } from './routes/fulltext.js';
import { extractionRoutes } from './routes/extraction.js';
import { appraisalRoutes } from './routes/appraisal.js';
import { synthesisRoutes } from './routes/synthesis.js';
import { gradeRoutes } from './routes/grade.js';
import { analysisRoutes } from './routes/analyses.js';
import { ImportJobs } from './jobs.js';

export interface AppOptions {
  store: Store;
  /** Largest request body in bytes (imports carry whole export files). Default 200 MB. */
  maxBodyBytes?: number;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies?: boolean;
  /** The client's address for login rate limiting. */
  clientKey?: (c: { req: { header(n: string): string | undefined } }) => string;
  /** The background import jobs (one per app by default). */
  jobs?: ImportJobs;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createApp(opts: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return c.json({ error: { code: 'INVALID', message: issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '), issues } }, 400);
    },
  });

  app.use('/api/*', bodyLimit({ maxSize: opts.maxBodyBytes ?? 200 * 1024 * 1024, onError: () => { throw new ApiError(413, 'TOO_LARGE', `request body larger than ${opts.maxBodyBytes ?? 200 * 1024 * 1024} bytes`); } }));
  const jobs = opts.jobs ?? new ImportJobs(opts.store);
  app.use('/api/*', async (c, next) => {
    c.set('store', opts.store);
    c.set('jobs', jobs);
    const token = getCookie(c, SESSION_COOKIE) ?? null;
    const user = token ? await sessionUser(opts.store, token) : null;
    c.set('token', token);
    c.set('user', user);
    if (!SAFE.has(c.req.method) && c.req.path !== '/api/auth/login' && user && c.req.header('x-csrf-token') !== user.csrf) {
      throw new ApiError(403, 'CSRF', 'missing or wrong x-csrf-token header (GET /api/me returns it)');
    }
    await next();
  });

  authRoutes(app, { secureCookies: opts.secureCookies ?? false, clientKey: opts.clientKey ?? (() => 'local') });
  reviewRoutes(app);
  screeningRoutes(app);
  stoppingRoutes(app);
  importRoutes(app);
  fullTextRoutes(app);
  extractionRoutes(app);
  appraisalRoutes(app);
  synthesisRoutes(app);
  gradeRoutes(app);
  analysisRoutes(app);

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 'metasift API', version: '0.1.0', description: 'Systematic reviews: protocol, imports, screening with blinding, audit trail' } });
  app.onError(errorResponse);
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));
  return app;
}
