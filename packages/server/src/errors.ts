/** Every failure leaves as a JSON body {error: {code, message}}; never a stack trace. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StoreError } from '@metasift/store';

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const STORE_STATUS: Record<StoreError['code'], ContentfulStatusCode> = { FORBIDDEN: 403, NOT_FOUND: 404, INVALID: 400, CONFLICT: 409 };

export function errorResponse(err: unknown, c: Context): Response {
  if (err instanceof ApiError) return c.json<ApiErrorBody>({ error: { code: err.code, message: err.message } }, err.status);
  if (err instanceof StoreError) return c.json<ApiErrorBody>({ error: { code: err.code, message: err.message } }, STORE_STATUS[err.code]);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'HTTP_' + status;
    return c.json<ApiErrorBody>({ error: { code, message: err.message || 'bad request' } }, status);
  }
  // an unexpected fault: logged on the server, a plain message to the client
  console.error(err);
  return c.json<ApiErrorBody>({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
}
