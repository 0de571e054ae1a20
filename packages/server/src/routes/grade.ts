import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { gradeAssessments, saveGrade } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });

/** GRADE: the certainty of the evidence per protocol outcome. */
export function gradeRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/grade', tag: 'grade', summary: 'The latest GRADE assessment of each protocol outcome', request: { params: ReviewParams } }), async (c) =>
    c.json(await gradeAssessments(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );
  // the shape only; the core checks the outcome, the start, each domain's levels and reason, and an assumed comparator risk
  const Body = z.object({ outcome: z.string(), start: z.string(), domains: z.record(z.string(), z.unknown()).optional(), up: z.unknown().optional(), assumedRisk: z.unknown().optional() });
  app.openapi(jsonRoute({ method: 'put', path: '/api/reviews/{reviewId}/grade', tag: 'grade', summary: "Save an outcome's GRADE assessment", request: { params: ReviewParams, body: json(Body) } }), async (c) =>
    c.json(await saveGrade(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('json')), 200),
  );
}
