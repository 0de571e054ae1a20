import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { decodeBytes } from '@metasift/core';
import { decidePair, dedupReview, duplicateQueue, exportRecords, importSearchRun, parseExport, requireRole, type SearchRunInput } from '@metasift/store';
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });

const RunFields = {
  database: z.string().min(1).max(200),
  platform: z.string().max(200).default(''),
  /** database, register or other (PRISMA 2020's other methods); inferred from the name when absent. */
  source: z.string().max(40).optional(),
  searchedOn: z.string(),
  strategy: z.string().max(100_000).default(''),
  format: z.string().max(40).optional(),
};
const JsonImport = z.object({ ...RunFields, fileName: z.string().min(1).max(500), text: z.string() });
const FormImport = z.object({ ...RunFields, file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }) });

/** The search run an upload describes, its file decoded (UTF-8/16 with BOM, Windows-1252 detected). */
async function runInput(c: Context<AppEnv>): Promise<SearchRunInput> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = FormImport.safeParse(await c.req.parseBody());
    if (!form.success) throw new ApiError(400, 'INVALID', form.error.issues.map((i) => `${i.path.join('.') || '(form)'}: ${i.message}`).join('; '));
    const { file, ...rest } = form.data;
    const text = decodeBytes(new Uint8Array(await file.arrayBuffer())).text;
    return { ...rest, fileName: file.name || 'upload', text, ...(rest.format ? { format: rest.format } : {}) } as SearchRunInput;
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'INVALID', '(body): malformed JSON');
  }
  const b = JsonImport.safeParse(body);
  if (!b.success) throw new ApiError(400, 'INVALID', b.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '));
  return { ...b.data, ...(b.data.format ? { format: b.data.format } : {}) } as SearchRunInput;
}

const uploadBody = {
  content: { 'application/json': { schema: JsonImport }, 'multipart/form-data': { schema: FormImport } },
  // not "required": the validator then checks only the content type that was sent; runInput checks the rest
  required: false as const,
};

export function importRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    jsonRoute({
      method: 'get',
      path: '/api/reviews/{reviewId}/export/references',
      tag: 'imports',
      summary: 'The references by where they stand (all, unique, sought, excluded-full-text, included) as RIS with a note line or CSV with status columns',
      request: { params: ReviewParams, query: z.object({ set: z.string().max(40).default('included'), format: z.string().max(10).default('ris') }) },
    }),
    async (c) => {
      const { set, format } = c.req.valid('query');
      const out = await exportRecords(c.get('store'), me(c).id, c.req.valid('param').reviewId, set, format);
      return c.body(out.text, 200, { 'content-type': `${out.mediaType}; charset=utf-8`, 'content-disposition': `attachment; filename="${out.fileName}"` }) as never;
    },
  );

  // the body is read by runInput (JSON or multipart), so the route validates no body itself
  app.openapi(
    { ...jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/imports', tag: 'imports', summary: 'Import one database export as a search run, waiting for it (all records or none); JSON or multipart', request: { params: ReviewParams } }), request: { params: ReviewParams, body: uploadBody } },
    async (c) => {
      const { reviewId } = c.req.valid('param');
      return c.json(await importSearchRun(c.get('store'), me(c).id, reviewId, await runInput(c)), 200);
    },
  );

  app.openapi(
    { ...jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/imports/preview', tag: 'imports', summary: 'Parse an export without importing it: detected format, record count, issues with line numbers, first records', request: { params: ReviewParams } }), request: { params: ReviewParams, body: uploadBody } },
    async (c) => {
      const { reviewId } = c.req.valid('param');
      await requireRole(c.get('store'), reviewId, me(c).id, 'owner', 'reviewer');
      const input = await runInput(c);
      try {
        const parsed = await parseExport(input.text, { database: input.database, ...(input.format ? { format: input.format } : {}) });
        return c.json({ fileName: input.fileName, format: parsed.format, records: parsed.records.length, issues: parsed.issues.slice(0, 200), issueCount: parsed.issues.length, sample: parsed.records.slice(0, 5).map((r) => ({ title: r.title, year: r.year, journal: r.journal, authors: r.authors.slice(0, 3) })) }, 200);
      } catch (e) {
        throw new ApiError(400, 'INVALID', `${input.fileName}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  );

  app.openapi(
    { ...jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/import-jobs', tag: 'imports', summary: 'Start an import in the background (then dedup); returns the job to poll', request: { params: ReviewParams } }), request: { params: ReviewParams, body: uploadBody } },
    async (c) => {
      const { reviewId } = c.req.valid('param');
      const user = me(c);
      await requireRole(c.get('store'), reviewId, user.id, 'owner', 'reviewer');
      return c.json(c.get('jobs').start(user.id, reviewId, await runInput(c)), 200);
    },
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/import-jobs/{jobId}', tag: 'imports', summary: 'An import job: phase, records written of total, result or error', request: { params: z.object({ reviewId: Id, jobId: z.string().uuid() }) } }), async (c) => {
    const p = c.req.valid('param');
    await requireRole(c.get('store'), p.reviewId, me(c).id, 'owner', 'reviewer');
    const job = c.get('jobs').get(p.jobId, p.reviewId);
    if (!job) throw new ApiError(404, 'NOT_FOUND', `no import job ${p.jobId} in review ${p.reviewId} (finished jobs are forgotten when the server restarts)`);
    return c.json(job, 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/search-runs', tag: 'imports', summary: 'The searches imported: database, platform, source (database, register or other method), date, strategy, file, counts', request: { params: ReviewParams } }), async (c) => {
    const { reviewId } = c.req.valid('param');
    await requireRole(c.get('store'), reviewId, me(c).id, 'owner', 'reviewer', 'viewer');
    const runs = await c.get('store').db.selectFrom('search_runs').select(['id', 'database', 'platform', 'source', 'searched_on', 'strategy', 'file_name', 'file_sha256', 'format', 'record_count', 'imported_at']).where('review_id', '=', reviewId).orderBy('id').execute();
    return c.json(runs, 200);
  });

  app.openapi(jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/dedup', tag: 'duplicates', summary: 'Deduplicate the review again (kept decisions are applied first)', request: { params: ReviewParams } }), async (c) =>
    c.json(await dedupReview(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/duplicates', tag: 'duplicates', summary: 'Pairs waiting for a merge / keep-apart decision, most similar first', request: { params: ReviewParams, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) } }), async (c) =>
    c.json(await duplicateQueue(c.get('store'), me(c).id, c.req.valid('param').reviewId, { limit: c.req.valid('query').limit }), 200),
  );

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/duplicates/{pairId}', tag: 'duplicates', summary: 'Settle a pair: merge or keep apart', request: { params: z.object({ reviewId: Id, pairId: Id }), body: json(z.object({ verdict: z.enum(['merge', 'keep-apart']) })) } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await decidePair(c.get('store'), me(c).id, p.reviewId, p.pairId, c.req.valid('json').verdict), 200);
    },
  );
}
