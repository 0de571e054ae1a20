import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { codeExcerpt, createTheme, effectDirectionsOf, listThemes, removeCode, resultsTablesOf } from '@metasift/store';
import type { AppEnv } from '../env.js';
import { Id, json, jsonRoute, me } from '../route.js';

const ReviewParams = z.object({ reviewId: Id });

/** Narrative synthesis: effect directions with sign tests, the results of individual studies per outcome, and themes coded across the included studies. */
export function synthesisRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/synthesis/effect-direction', tag: 'synthesis', summary: 'Effect direction per study and outcome from the final data, with a sign test per outcome (SWiM); grouped as the protocol plans (synthesis_grouping), by another characteristic with ?groupBy=mode, or not at all with ?groupBy=', request: { params: ReviewParams, query: z.object({ groupBy: z.string().max(60).optional() }) } }), async (c) =>
    c.json(await effectDirectionsOf(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('query').groupBy), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/synthesis/results', tag: 'synthesis', summary: 'The results of individual studies, one table per outcome, with the effect, direction and risk of bias of each (PRISMA item 19, SWiM)', request: { params: ReviewParams } }), async (c) =>
    c.json(await resultsTablesOf(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(jsonRoute({ method: 'get', path: '/api/reviews/{reviewId}/synthesis/themes', tag: 'synthesis', summary: 'Themes with their coded excerpts, and the included studies', request: { params: ReviewParams } }), async (c) =>
    c.json(await listThemes(c.get('store'), me(c).id, c.req.valid('param').reviewId), 200),
  );

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/synthesis/themes', tag: 'synthesis', summary: 'Add a theme', request: { params: ReviewParams, body: json(z.object({ name: z.string().max(200), description: z.string().max(5000).default('') })) } }),
    async (c) => c.json(await createTheme(c.get('store'), me(c).id, c.req.valid('param').reviewId, c.req.valid('json')), 200),
  );

  app.openapi(
    jsonRoute({ method: 'post', path: '/api/reviews/{reviewId}/synthesis/themes/{themeId}/codes', tag: 'synthesis', summary: 'Code an excerpt of an included study under the theme', request: { params: z.object({ reviewId: Id, themeId: Id }), body: json(z.object({ recordId: Id, excerpt: z.string().max(10000) })) } }),
    async (c) => {
      const p = c.req.valid('param');
      const b = c.req.valid('json');
      return c.json(await codeExcerpt(c.get('store'), me(c).id, p.reviewId, p.themeId, { recordId: b.recordId }, b.excerpt), 200);
    },
  );

  app.openapi(jsonRoute({ method: 'delete', path: '/api/reviews/{reviewId}/synthesis/codes/{codeId}', tag: 'synthesis', summary: 'Remove a code (the audit trail keeps it)', request: { params: z.object({ reviewId: Id, codeId: Id }) } }), async (c) => {
    const p = c.req.valid('param');
    await removeCode(c.get('store'), me(c).id, p.reviewId, p.codeId);
    return c.json({ removed: p.codeId }, 200);
  });
}
