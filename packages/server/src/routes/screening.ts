import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { agreementStats, beginStoppingSample, conflicts, stoppingStatus, decide, myHistory, nextAfter, nextForReviewer, resolve, screeningProgress, visibleDecisions } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me, StageParam } from '../route.js';

const StageParams = z.object({ reviewId: Id, stage: StageParam });
const Verdict = z.enum(['include', 'exclude', 'maybe']);

export function screeningRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/screening/{stage}/next', tag: 'screening', summary: 'The next record for me to screen, or null', request: { params: StageParams } }), async (c) => {
    const p = c.req.valid('param');
    return c.json({ record: await nextForReviewer(c.get('store'), me(c).id, p.reviewId, p.stage) }, 200);
  });

  app.openapi(
    jsonRoute({
      method: 'post',
      path: '/api/reviews/{reviewId}/screening/{stage}/decisions',
      tag: 'screening',
      summary: 'Decide on a record (verdict null undoes my last decision); with ?next=true the answer carries my next record, saving a round trip',
      request: {
        params: StageParams,
        query: z.object({ next: z.enum(['true', 'false', '1', '0']).optional() }),
        body: json(z.object({ recordId: Id, verdict: Verdict.nullable(), reasons: z.array(z.string().max(200)).max(50).default([]), note: z.string().max(10_000).default('') })),
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const b = c.req.valid('json');
      const user = me(c);
      const made = await decide(c.get('store'), user.id, p.reviewId, { stage: p.stage, recordId: b.recordId, verdict: b.verdict, reasons: b.reasons, note: b.note });
      const q = c.req.valid('query').next;
      if (q === 'true' || q === '1') return c.json({ ok: true, next: await nextAfter(c.get('store'), user.id, p.reviewId, p.stage, made.settings, made.position) }, 200);
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(
    jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/screening/{stage}/records/{recordId}/decisions', tag: 'screening', summary: 'Decisions on a record that I may see (blinding applies)', request: { params: z.object({ reviewId: Id, stage: StageParam, recordId: Id }) } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await visibleDecisions(c.get('store'), me(c).id, p.reviewId, p.stage, p.recordId), 200);
    },
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/screening/{stage}/conflicts', tag: 'screening', summary: 'Open conflicts: all for the owner; for a reviewer, those they did not decide (third reviewer)', request: { params: StageParams } }), async (c) => {
    const p = c.req.valid('param');
    return c.json({ recordIds: await conflicts(c.get('store'), me(c).id, p.reviewId, p.stage) }, 200);
  });

  app.openapi(
    jsonRoute({
      method: 'post',
      path: '/api/reviews/{reviewId}/screening/{stage}/resolutions',
      tag: 'screening',
      summary: 'Resolve a conflict (the owner, or a third reviewer who did not decide the record)', request: { params: StageParams, body: json(z.object({ recordId: Id, verdict: Verdict, reason: z.string().max(10_000).default('') })) } }),
    async (c) => {
      const p = c.req.valid('param');
      const b = c.req.valid('json');
      await resolve(c.get('store'), me(c).id, p.reviewId, { stage: p.stage, recordId: b.recordId, verdict: b.verdict, reason: b.reason });
      return c.json({ ok: true }, 200);
    },
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/screening/{stage}/progress', tag: 'screening', summary: 'Progress: mine, each other reviewer\'s count (no verdicts), remaining, conflicts', request: { params: StageParams } }), async (c) => {
    const p = c.req.valid('param');
    return c.json(await screeningProgress(c.get('store'), me(c).id, p.reviewId, p.stage), 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/screening/{stage}/history', tag: 'screening', summary: 'My decisions at this stage, newest first', request: { params: StageParams, query: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(50) }) } }), async (c) => {
    const p = c.req.valid('param');
    return c.json(await myHistory(c.get('store'), me(c).id, p.reviewId, p.stage, c.req.valid('query')), 200);
  });

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/screening/{stage}/agreement', tag: 'screening', summary: "Cohen's kappa with 95% CI, percent agreement and PABAK per reviewer pair", request: { params: StageParams } }), async (c) => {
    const p = c.req.valid('param');
    // NaN (kappa undefined when both used one category throughout) travels as null
    return c.json(JSON.parse(JSON.stringify(await agreementStats(c.get('store'), me(c).id, p.reviewId, p.stage))) as unknown, 200);
  });
}

/** The stopping rule of title/abstract screening: its status for everyone, its random sample begun by the owner. */
export function stoppingRoutes(app: OpenAPIHono<AppEnv>): void {
  const ReviewParams = z.object({ reviewId: Id });
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/stopping', tag: 'screening', summary: 'The stopping rule: the random sample so far and the hypergeometric test (Callaghan & Müller-Hansen 2020)', request: { params: ReviewParams } }), async (c) =>
    c.json(await stoppingStatus(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );
  app.openapi(
    jsonRoute({
      method: 'post',
      path: '/api/reviews/{reviewId}/stopping',
      tag: 'screening',
      summary: 'Begin the random sample of the records not yet screened (owner), with the recall target and confidence',
      request: { params: ReviewParams, body: json(z.object({ recallTarget: z.number().gt(0).lt(1).default(0.95), confidence: z.number().gt(0).lt(1).default(0.95) })) },
    }),
    async (c) => c.json(await beginStoppingSample(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('json')), 200),
  );
}
