import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { extractedOutcome, includedStudies, saveConsensus, saveExtraction, studyCharacteristics, studyExtraction } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });
const StudyParams = z.object({ reviewId: Id, recordId: Id });
const OutcomeParams = z.object({ reviewId: Id, outcome: z.string().min(1).max(200) });
/** The shape only; the core checks every field against the protocol and names what is wrong. */
const Extraction = z.object({
  characteristics: z.record(z.string(), z.unknown()).optional(),
  outcomes: z.record(z.string(), z.unknown()).optional(),
  // a multi-arm trial's comparisons: any shape passes here, so the core names what is wrong by its path
  comparisonLabel: z.unknown().optional(),
  moreComparisons: z.unknown().optional(),
});

/** Data extraction of the included studies: each addressed by one of its included records. */
export function extractionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/extraction', tag: 'extraction', summary: 'The included studies with their extraction status', request: { params: ReviewParams } }), async (c) =>
    c.json(await includedStudies(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(
    jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/extraction/records/{recordId}', tag: 'extraction', summary: "A study's extractions as the user may see them (blinding), compared", request: { params: StudyParams } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await studyExtraction(c.get('store'), me(c).id, p.reviewId, { recordId: p.recordId }), 200);
    },
  );

  for (const [method, path, summary, save] of [
    ['put', '/api/reviews/{reviewId}/extraction/records/{recordId}', "Save the user's extraction of a study", saveExtraction],
    ['post', '/api/reviews/{reviewId}/extraction/records/{recordId}/consensus', "Settle a study's data after two extractions", saveConsensus],
  ] as const) {
    app.openapi(jsonRoute({ method, path, tag: 'extraction', summary, request: { params: StudyParams, body: json(Extraction) } }), async (c) => {
      const p = c.req.valid('param');
      return c.json(await save(c.get('store'), me(c).id, p.reviewId, { recordId: p.recordId }, c.req.valid('json')), 200);
    });
  }

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/extraction/characteristics', tag: 'extraction', summary: 'Characteristics of the included studies (PRISMA 2020 item 17)', request: { params: ReviewParams } }), async (c) =>
    c.json(await studyCharacteristics(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(
    jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/extraction/outcomes/{outcome}', tag: 'extraction', summary: "An outcome's analysis table (CSV in escalc columns) from the studies' final data", request: { params: OutcomeParams } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await extractedOutcome(c.get('store'), me(c).id, p.reviewId, p.outcome), 200);
    },
  );
}
