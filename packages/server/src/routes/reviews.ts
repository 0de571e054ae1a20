import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { addMemberByEmail, amendProtocol, auditTrail, createReview, getRecord, getReview, listRecords, listReviews, requireRole, setBlinding, setMember } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });

export function reviewRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews', tag: 'reviews', summary: 'The reviews I am a member of, with my role'}), async (c) => c.json(await listReviews(c.get('store'), me(c).id), 200));

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/reviews', tag: 'reviews', summary: 'Create a review (I become its owner)', request: { body: json(z.object({ title: z.string().min(1).max(500), protocol: z.unknown() })) } }),
    async (c) => {
      const b = c.req.valid('json');
      const id = await createReview(c.get('store'), me(c).id, { title: b.title, protocol: b.protocol });
      return c.json({ id }, 200);
    },
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}', tag: 'reviews', summary: 'A review and its current protocol', request: { params: ReviewParams } }), async (c) =>
    c.json(await getReview(c.get('store'), c.req.valid('param').reviewId, me(c).id), 200),
  );

  app.openapi(
    jsonRoute({ method: 'put', path: '/api/reviews/{reviewId}/protocol', tag: 'reviews', summary: 'Amend the protocol (owner; dated, with a reason)', request: { params: ReviewParams, body: json(z.object({ protocol: z.unknown(), reason: z.string().min(1).max(5000) })) } }),
    async (c) => {
      const b = c.req.valid('json');
      await amendProtocol(c.get('store'), me(c).id, c.req.valid('param').reviewId, b.protocol, b.reason);
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    jsonRoute({ method: 'put', path: '/api/reviews/{reviewId}/members/{userId}', tag: 'reviews', summary: 'Add a member or change their role (owner)', request: { params: z.object({ reviewId: Id, userId: Id }), body: json(z.object({ role: z.enum(['owner', 'reviewer', 'viewer']) })) } }),
    async (c) => {
      const p = c.req.valid('param');
      await setMember(c.get('store'), me(c).id, p.reviewId, p.userId, c.req.valid('json').role);
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    jsonRoute({
      method: 'post',
      path: '/api/reviews/{reviewId}/members',
      tag: 'reviews',
      summary: 'Add a person by email (owner); a new person needs an initial password, which creates the account',
      request: { params: ReviewParams, body: json(z.object({ email: z.string().email().max(320), displayName: z.string().max(200).default(''), role: z.enum(['owner', 'reviewer', 'viewer']), password: z.string().min(8).max(200).optional() })) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const userId = await addMemberByEmail(c.get('store'), me(c).id, c.req.valid('param').reviewId, { email: b.email, displayName: b.displayName, role: b.role, ...(b.password ? { password: b.password } : {}) });
      return c.json({ userId }, 200);
    },
  );

  app.openapi(
    jsonRoute({ method: 'put', path: '/api/reviews/{reviewId}/blinding', tag: 'reviews', summary: 'Turn blinding of screening decisions on or off (owner)', request: { params: ReviewParams, body: json(z.object({ blinding: z.boolean() })) } }),
    async (c) => {
      await setBlinding(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('json').blinding);
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    jsonRoute({
      method: 'get',
      path: '/api/reviews/{reviewId}/records',
      tag: 'records',
      summary: 'Records: searched by title, filtered by database and by unique/duplicate, paged', request: { params: ReviewParams, query: z.object({ q: z.string().max(500).optional(), database: z.string().max(200).optional(), status: z.enum(['unique', 'duplicate']).optional(), offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(50) }) } }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listRecords(c.get('store'), me(c).id, c.req.valid('param').reviewId, { ...(q.q ? { q: q.q } : {}), ...(q.database ? { database: q.database } : {}), ...(q.status ? { status: q.status } : {}), offset: q.offset, limit: q.limit }), 200);
    },
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/records/{recordId}', tag: 'records', summary: 'One record (normalised fields; duplicateOf names the record that stands for its cluster)', request: { params: z.object({ reviewId: Id, recordId: Id }) } }), async (c) => {
    const p = c.req.valid('param');
    return c.json(await getRecord(c.get('store'), me(c).id, p.reviewId, p.recordId), 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/audit', tag: 'reviews', summary: 'The audit trail (owner)', request: { params: ReviewParams } }), async (c) => {
    const { reviewId } = c.req.valid('param');
    await requireRole(c.get('store'), reviewId, me(c).id, 'owner');
    return c.json(await auditTrail(c.get('store').db, reviewId), 200);
  });
}
