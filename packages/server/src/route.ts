/** A small helper over @hono/zod-openapi's createRoute: JSON in, JSON out, the error shape documented. */
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { ApiError } from './errors.js';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import type { SessionUser } from '@metasift/store';

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi('Error');

type Method = 'get' | 'post' | 'put' | 'delete';

type Request = NonNullable<RouteConfig['request']>;

export function jsonRoute<const R extends Request = Record<never, never>>(o: { method: Method; path: string; tag: string; summary: string; request?: R }) {
  const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorBody } } });
  return createRoute({
    method: o.method,
    path: o.path,
    tags: [o.tag],
    summary: o.summary,
    request: (o.request ?? {}) as R,
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: z.unknown() } } },
      400: err('invalid input: malformed JSON, a wrong type or a bad value; the message names the field'),
      401: err('not logged in'),
      403: err('not a member of this review, or the role does not allow it; or a missing CSRF token'),
      404: err('no such review or record'),
      413: err('the upload is larger than the configured limit'),
    },
  });
}

/** A required JSON request body. */
export const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true as const });

/** The logged-in user, or a 401. */
export function me(c: Context<AppEnv>): SessionUser {
  const u = c.get('user');
  if (!u) throw new ApiError(401, 'UNAUTHENTICATED', 'log in first');
  return u;
}

export const Id = z.coerce.number().int().positive();
export const StageParam = z.enum(['title_abstract', 'full_text']);
