import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { login, logout, SESSION_HOURS } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { FailureLimiter } from '../rate-limit.js';
import { json, jsonRoute, me } from '../route.js';

export const SESSION_COOKIE = 'metasift_session';

export function authRoutes(app: OpenAPIHono<AppEnv>, opts: { secureCookies: boolean; clientKey: (c: { req: { header(n: string): string | undefined } }) => string }): void {
  const perAccount = new FailureLimiter(5, 15 * 60_000);
  const perClient = new FailureLimiter(50, 15 * 60_000);

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/auth/login', tag: 'auth', summary: 'Log in; sets an httpOnly session cookie and returns the CSRF token', request: { body: json(z.object({ email: z.string().max(320), password: z.string().max(1024) })) } }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const client = opts.clientKey(c);
      const key = `${client}|${email.toLowerCase()}`;
      if (perAccount.blocked(key) || perClient.blocked(client)) throw new ApiError(429, 'RATE_LIMITED', 'too many failed logins; try again in 15 minutes');
      const s = await login(c.get('store'), email, password);
      if (!s) {
        perAccount.fail(key);
        perClient.fail(client);
        throw new ApiError(401, 'BAD_CREDENTIALS', 'wrong email or password');
      }
      perAccount.clear(key);
      setCookie(c, SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: opts.secureCookies, maxAge: SESSION_HOURS * 3600 });
      return c.json({ user: { id: s.user.id, email: s.user.email, displayName: s.user.displayName }, csrf: s.user.csrf }, 200);
    },
  );

  app.openapi(jsonRoute({ method: 'post', path: '/api/auth/logout', tag: 'auth', summary: 'End this session'}), async (c) => {
    me(c);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await logout(c.get('store'), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/me', tag: 'auth', summary: 'Who is logged in, and the CSRF token to send as x-csrf-token'}), (c) => {
    const u = me(c);
    return c.json({ user: { id: u.id, email: u.email, displayName: u.displayName }, csrf: u.csrf }, 200);
  });
}
