import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { appraisedStudies, robFigures, saveAppraisal, studyAppraisal } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });
const StudyParams = z.object({ reviewId: Id, recordId: Id });
/** The shape only; the core checks the tool, the domains, every judgement and the results judged apart, and names what is wrong. */
const Assessment = z.object({ tool: z.string(), domains: z.array(z.unknown()).optional(), overall: z.unknown().optional(), results: z.unknown().optional() });

/** Risk-of-bias appraisal of the included studies: each addressed by one of its included records. */
export function appraisalRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/appraisal', tag: 'appraisal', summary: 'The included studies with their appraisal status and the tool each design calls for', request: { params: ReviewParams } }), async (c) =>
    c.json(await appraisedStudies(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/appraisal/records/{recordId}', tag: 'appraisal', summary: "A study's risk-of-bias assessments as the user may see them (blinding), compared", request: { params: StudyParams } }), async (c) => {
    const p = c.req.valid('param');
    return c.json(await studyAppraisal(c.get('store'), me(c).id, p.reviewId, { recordId: p.recordId }), 200);
  });

  for (const [method, path, summary, consensus] of [
    ['put', '/api/reviews/{reviewId}/appraisal/records/{recordId}', "Save the user's risk-of-bias assessment of a study", false],
    ['post', '/api/reviews/{reviewId}/appraisal/records/{recordId}/consensus', "Settle a study's risk of bias after two assessments", true],
  ] as const) {
    app.openapi(jsonRoute({ method, path, tag: 'appraisal', summary, request: { params: StudyParams, body: json(Assessment) } }), async (c) => {
      const p = c.req.valid('param');
      return c.json(await saveAppraisal(c.get('store'), me(c).id, p.reviewId, { recordId: p.recordId }, c.req.valid('json'), consensus), 200);
    });
  }

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/appraisal/figures', tag: 'appraisal', summary: "The traffic-light and summary plots' data from the final assessments, per tool", request: { params: ReviewParams } }), async (c) =>
    c.json(await robFigures(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );
}
