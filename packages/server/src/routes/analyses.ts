import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { saveAnalysis, savedAnalyses } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });

/** The analysis of record of each protocol outcome. */
export function analysisRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/analyses', tag: 'analysis', summary: 'The saved analysis of each protocol outcome', request: { params: ReviewParams } }), async (c) =>
    c.json(await savedAnalyses(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );
  // the shape only; the store checks the outcome, the measure, the method and the level and names what is wrong
  const Body = z.object({ outcome: z.string() }).passthrough();
  app.openapi(jsonRoute({ method: 'put', path: '/api/reviews/{reviewId}/analyses', tag: 'analysis', summary: "Save an outcome's analysis of record", request: { params: ReviewParams, body: json(Body) } }), async (c) =>
    c.json(await saveAnalysis(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('json')), 200),
  );
}
