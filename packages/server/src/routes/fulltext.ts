import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { checkPrismaCounts, prismaDiagram } from '@metasift/core';
import { attachReport, excludedReports, getSettings, linkReports, listStudies, markNotRetrieved, prismaCounts, reportFile, reportsOf, requireRole, setSettings, ReviewSettings } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });
const RecordParams = z.object({ reviewId: Id, recordId: Id });

/** Settings, members, full-text reports and the PRISMA 2020 counts and diagram. */
export function fullTextRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/settings', tag: 'reviews', summary: 'Screening settings', request: { params: ReviewParams } }), async (c) =>
    c.json(await getSettings(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(jsonRoute({ method: 'put', path: '/api/reviews/{reviewId}/settings', tag: 'reviews', summary: 'Change the screening settings (owner)', request: { params: ReviewParams, body: json(ReviewSettings) } }), async (c) =>
    c.json(await setSettings(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('json')), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/members', tag: 'reviews', summary: 'Members and their roles', request: { params: ReviewParams } }), async (c) => {
    const { reviewId } = c.req.valid('param');
    await requireRole(c.get('store'), reviewId, me(c).id, 'owner', 'reviewer', 'viewer');
    const rows = await c.get('store').db.selectFrom('members').innerJoin('users', 'users.id', 'members.user_id').select(['users.id', 'users.email', 'users.display_name', 'members.role', 'members.added_at']).where('members.review_id', '=', reviewId).orderBy('users.id').execute();
    return c.json(rows.map((r) => ({ userId: r.id, email: r.email, name: r.display_name, role: r.role, addedAt: r.added_at })), 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/records/{recordId}/reports', tag: 'full text', summary: 'Full-text reports of a record', request: { params: RecordParams } }), async (c) => {
    const p = c.req.valid('param');
    return c.json(await reportsOf(c.get('store'), me(c).id, p.reviewId, p.recordId), 200);
  });

  app.openapi(
    {
      ...jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/records/{recordId}/reports', tag: 'full text', summary: 'Attach a full text (multipart field "file"); stored by SHA-256', request: { params: RecordParams } }),
      request: { params: RecordParams, body: { content: { 'multipart/form-data': { schema: z.object({ file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) }) } }, required: false } },
    },
    async (c) => {
      const p = c.req.valid('param');
      const form = await c.req.parseBody().catch(() => {
        throw new ApiError(400, 'INVALID', 'file: send the full text as multipart/form-data');
      });
      const file = form.file;
      if (!(file instanceof File)) throw new ApiError(400, 'INVALID', 'file: required (multipart/form-data)');
      const bytes = new Uint8Array(await file.arrayBuffer());
      return c.json(await attachReport(c.get('store'), me(c).id, p.reviewId, { recordId: p.recordId, fileName: file.name || 'full-text.pdf', mediaType: file.type || 'application/pdf', bytes }), 200);
    },
  );

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/records/{recordId}/not-retrieved', tag: 'full text', summary: 'Record that the full text could not be obtained', request: { params: RecordParams, body: json(z.object({ note: z.string().max(5000).default('') })) } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await markNotRetrieved(c.get('store'), me(c).id, p.reviewId, p.recordId, c.req.valid('json').note), 200);
    },
  );

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/studies', tag: 'full text', summary: 'Link reports to one study (a new one when studyId is null)', request: { params: ReviewParams, body: json(z.object({ reportIds: z.array(Id).min(1).max(100), studyId: Id.nullable().default(null), label: z.string().max(200).default(''), design: z.string().max(100).default('') })) } }),
    async (c) => {
      const b = c.req.valid('json');
      return c.json({ studyId: await linkReports(c.get('store'), me(c).id, c.req.valid('param').reviewId, b) }, 200);
    },
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/studies', tag: 'full text', summary: 'Studies, each with its reports', request: { params: ReviewParams } }), async (c) =>
    c.json(await listStudies(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/reports/{reportId}/file', tag: 'full text', summary: 'The bytes of a full text', request: { params: z.object({ reviewId: Id, reportId: Id }) } }), async (c) => {
    const p = c.req.valid('param');
    const f = await reportFile(c.get('store'), me(c).id, p.reviewId, p.reportId);
    return c.body(Buffer.from(f.bytes), 200, { 'content-type': f.view.mediaType || 'application/octet-stream', 'content-disposition': `inline; filename="${f.view.fileName.replace(/[^\w.-]/g, '_')}"`, 'x-content-type-options': 'nosniff' }) as never;
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/prisma', tag: 'report', summary: 'PRISMA 2020 counts derived from the recorded decisions, with any broken identities', request: { params: ReviewParams } }), async (c) => {
    const counts = await prismaCounts(c.get('store'), me(c).id, c.req.valid('param').reviewId);
    return c.json({ counts, warnings: checkPrismaCounts(counts) }, 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/excluded-reports', tag: 'report', summary: 'Reports excluded after full-text assessment, each with its reason (PRISMA 2020 item 16b), by first author and year', request: { params: ReviewParams } }), async (c) =>
    c.json(await excludedReports(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/prisma.svg', tag: 'report', summary: 'The PRISMA 2020 flow diagram as SVG', request: { params: ReviewParams } }), async (c) => {
    const counts = await prismaCounts(c.get('store'), me(c).id, c.req.valid('param').reviewId);
    return c.body(prismaDiagram(counts), 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'content-disposition': 'inline; filename="prisma.svg"' }) as never;
  });
}
