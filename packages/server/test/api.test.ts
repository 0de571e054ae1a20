import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachReport, codeExcerpt, createTheme, createUser, decide, importSearchRun, createReview, setMember, type Store } from '@metasift/store';
import { backends } from '../../store/test/backends.js';
import { createApp } from '../src/index.js';
import { PROTOCOL } from '../../store/test/fixtures/protocol.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const pdfForm = (): FormData => {
  const f = new FormData();
  f.append('file', new File([PDF], 'full text.pdf', { type: 'application/pdf' }));
  return f;
};

const RIS = 'TY  - JOUR\nTI  - <script>alert(1)</script> Video visits\nAU  - Smith, J\nPY  - 2020\nER  - \n\nTY  - JOUR\nTI  - Telephone follow-up\nPY  - 2019\nER  - \n';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
let review: number;
let record: number;
/** A record both reviewers included at full text: a study to extract. */
let included: number;
/** A theme, and one coded excerpt per caller of the matrix (each may remove only its own once). */
let theme: number;
const codes: Record<string, number> = {};
let pair: number;
let report: number;
let job: string;
const ids: Record<string, number> = {};
const sessions: Record<string, { cookie: string; csrf: string }> = {};

async function call(method: string, path: string, who: string | null, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
  const s = who ? sessions[who] : undefined;
  const headers: Record<string, string> = { ...extra };
  if (s) {
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
  if (body instanceof FormData) return app.request(path, { method, headers, body });
  if (body !== undefined) headers['content-type'] = 'application/json';
  return app.request(path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
}

async function loginAs(name: string): Promise<void> {
  const res = await call('POST', '/api/auth/login', null, { email: `${name}@example.org`, password: 'correct horse' });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  const { csrf } = (await res.json()) as { csrf: string };
  sessions[name] = { cookie: cookie.split(';')[0]!, csrf };
}

const errorOf = async (res: Response) => ({ status: res.status, body: (await res.json()) as { error: { code: string; message: string } } });

for (const backend of backends('api')) describe(`API on ${backend.name}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasift-api-'));
    store = await backend.open(dir);
    app = createApp({ store, maxBodyBytes: 64 * 1024 });
    for (const name of ['owner', 'reviewer', 'reviewer2', 'viewer', 'outsider']) {
      ids[name] = await createUser(store, { email: `${name}@example.org`, displayName: name, password: 'correct horse' });
    }
    review = await createReview(store, ids.owner!, { title: 'Telehealth in palliative care', protocol: PROTOCOL });
    await setMember(store, ids.owner!, review, ids.reviewer!, 'reviewer');
    await setMember(store, ids.owner!, review, ids.reviewer2!, 'reviewer');
    await setMember(store, ids.owner!, review, ids.viewer!, 'viewer');
    await importSearchRun(store, ids.owner!, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: 'telehealth', fileName: 'a.ris', text: RIS });
    record = (await store.db.selectFrom('records').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    for (const name of Object.keys(ids)) await loginAs(name);
    const second = (await store.db.selectFrom('records').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
    pair = (await store.db.insertInto('dedup_pairs').values({ review_id: review, record_a: record, record_b: second, score: 0.7, verdict: 'merge', decided_by: ids.owner!, decided_at: '2024-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow()).id;
    report = (await attachReport(store, ids.owner!, review, { recordId: record, fileName: 'trial.pdf', mediaType: 'application/pdf', bytes: PDF })).id;
    await importSearchRun(store, ids.owner!, review, { database: 'CENTRAL', platform: 'Cochrane Library', searchedOn: '2024-01-01', strategy: 'telehealth', fileName: 'x.ris', text: 'TY  - JOUR\nTI  - A pragmatic trial of nurse-led video visits in hospice\nAU  - Okafor, Ada\nPY  - 2023\nER  - \n' });
    included = (await store.db.selectFrom('records').select('id').where('title', 'like', 'A pragmatic trial%').executeTakeFirstOrThrow()).id;
    for (const stage of ['title_abstract', 'full_text'] as const) for (const who of [ids.reviewer!, ids.reviewer2!]) await decide(store, who, review, { stage, recordId: included, verdict: 'include' });
    theme = (await createTheme(store, ids.owner!, review, { name: 'Technical problems' })).id;
    for (const who of ['owner', 'reviewer', 'viewer', 'outsider', 'anonymous']) codes[who] = (await codeExcerpt(store, ids.owner!, review, theme, { recordId: included }, `excerpt for ${who}`)).id;
    const started = await call('POST', `/api/reviews/${review}/import-jobs`, 'owner', { database: 'CENTRAL', searchedOn: '2024-03-03', fileName: 'c.ris', text: RIS });
    job = ((await started.json()) as { id: string }).id;
    for (let state = 'running'; state === 'running'; ) state = ((await (await call('GET', `/api/reviews/${review}/import-jobs/${job}`, 'owner')).json()) as { state: string }).state;
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Who = 'owner' | 'reviewer' | 'viewer' | 'outsider';
  interface RouteCase {
    method: string;
    /** The path; `who` lets a route that consumes what it names give each caller its own. */
    path: (who?: string) => string;
    body?: () => unknown;
    allowed: Who[];
    /** The response type on success, when not JSON. */
    type?: RegExp;
  }

  const R = () => `/api/reviews/${review}`;
  const MATRIX: RouteCase[] = [
    { method: 'GET', path: () => '/api/me', allowed: ['owner', 'reviewer', 'viewer', 'outsider'] },
    { method: 'GET', path: () => '/api/reviews', allowed: ['owner', 'reviewer', 'viewer', 'outsider'] },
    { method: 'POST', path: () => '/api/reviews', body: () => ({ title: 'Another review', protocol: PROTOCOL }), allowed: ['owner', 'reviewer', 'viewer', 'outsider'] },
    { method: 'GET', path: R, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/protocol`, body: () => ({ protocol: PROTOCOL, reason: 'wording' }), allowed: ['owner'] },
    { method: 'PUT', path: () => `${R()}/members/${ids.reviewer2}`, body: () => ({ role: 'reviewer' }), allowed: ['owner'] },
    { method: 'POST', path: () => `${R()}/members`, body: () => ({ email: 'viewer@example.org', role: 'viewer' }), allowed: ['owner'] },
    { method: 'PUT', path: () => `${R()}/blinding`, body: () => ({ blinding: true }), allowed: ['owner'] },
    { method: 'POST', path: () => `${R()}/imports`, body: () => ({ database: 'Embase', platform: 'Ovid', searchedOn: '2024-02-02', strategy: 's', fileName: 'b.ris', text: RIS }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/records?limit=5`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/records/${record}`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/audit`, allowed: ['owner'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/next`, allowed: ['owner', 'reviewer'] },
    { method: 'POST', path: () => `${R()}/screening/title_abstract/decisions`, body: () => ({ recordId: record, verdict: 'maybe' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/records/${record}/decisions`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/conflicts`, allowed: ['owner', 'reviewer'] },
    { method: 'POST', path: () => `${R()}/screening/title_abstract/resolutions`, body: () => ({ recordId: record, verdict: 'include', reason: 'agreed' }), allowed: ['owner'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/progress`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/history`, allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/agreement`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/imports/preview`, body: () => ({ database: 'Embase', searchedOn: '2024-02-02', fileName: 'b.ris', text: RIS }), allowed: ['owner', 'reviewer'] },
    { method: 'POST', path: () => `${R()}/import-jobs`, body: () => ({ database: 'Scopus', searchedOn: '2024-02-02', fileName: 's.ris', text: RIS }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/import-jobs/${job}`, allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/search-runs`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/dedup`, allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/duplicates`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/duplicates/${pair}`, body: () => ({ verdict: 'keep-apart' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/stopping`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/stopping`, body: () => ({ recallTarget: 0.95, confidence: 0.95 }), allowed: ['owner'] },
    { method: 'GET', path: () => `${R()}/settings`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/settings`, body: () => ({ reviewersPerRecord: 2 }), allowed: ['owner'] },
    { method: 'GET', path: () => `${R()}/members`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/records/${record}/reports`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/records/${record}/reports`, body: pdfForm, allowed: ['owner', 'reviewer'] },
    { method: 'POST', path: () => `${R()}/records/${record}/not-retrieved`, body: () => ({ note: 'library could not supply it' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/studies`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/studies`, body: () => ({ reportIds: [report], label: 'Smith 2020' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/reports/${report}/file`, allowed: ['owner', 'reviewer', 'viewer'], type: /^application\/pdf/ },
    { method: 'GET', path: () => `${R()}/prisma`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/prisma.svg`, allowed: ['owner', 'reviewer', 'viewer'], type: /^image\/svg\+xml/ },
    { method: 'GET', path: () => `${R()}/excluded-reports`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/extraction`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/extraction/records/${included}`, body: () => ({ characteristics: { mode: 'video' }, outcomes: {} }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/extraction/records/${included}`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/extraction/records/${included}/consensus`, body: () => ({ characteristics: { mode: 'video' } }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/extraction/outcomes/${encodeURIComponent('Quality of life')}`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/extraction/characteristics`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/appraisal`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/appraisal/records/${included}`, body: () => ({ tool: 'rob2', domains: [{ judgement: 'low', support: 'p. 3' }] }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/appraisal/records/${included}`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/appraisal/records/${included}/consensus`, body: () => ({ tool: 'rob2' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/appraisal/figures`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/synthesis/effect-direction`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/synthesis/results`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/export/references?set=unique&format=csv`, allowed: ['owner', 'reviewer', 'viewer'], type: /^text\/csv/ },
    { method: 'GET', path: () => `${R()}/synthesis/themes`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'POST', path: () => `${R()}/synthesis/themes`, body: () => ({ name: `Theme ${Math.random()}` }), allowed: ['owner', 'reviewer'] },
    { method: 'POST', path: () => `${R()}/synthesis/themes/${theme}/codes`, body: () => ({ recordId: included, excerpt: 'Nurses valued seeing the home.' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/analyses`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/analyses`, body: () => ({ outcome: 'Quality of life', measure: 'SMD', method: 'REML', test: 'knha', level: 95, subgroup: 'mode', mods: [] }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/grade`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/grade`, body: () => ({ outcome: 'Quality of life', start: 'high', domains: { imprecision: { levels: 1, reason: 'Fewer than 400 participants.' } } }), allowed: ['owner', 'reviewer'] },
    { method: 'DELETE', path: (who) => `${R()}/synthesis/codes/${who ? codes[who] : -7}`, allowed: ['owner', 'reviewer'] },
  ];
  /** The route's template, e.g. GET /api/reviews/{reviewId}/records (the path functions run before any data exists). */
  function template(rc: RouteCase): string {
    const saved = { review, record, included, pair, report, job, theme, reviewer2: ids.reviewer2 };
    review = -1;
    record = -2;
    included = -2;
    theme = -6;
    ids.reviewer2 = -3;
    pair = -4;
    report = -5;
    job = 'JOB';
    try {
      return rc
        .path()
        .split('?')[0]!
        .replace('/-1', '/{reviewId}')
        .replace('/-2', '/{recordId}')
        .replace('/-3', '/{userId}')
        .replace('/-4', '/{pairId}')
        .replace('/-5', '/{reportId}')
        .replace('/JOB', '/{jobId}')
        .replace('/-6', '/{themeId}')
        .replace('/-7', '/{codeId}')
        .replace('/Quality%20of%20life', '/{outcome}')
        .replace('title_abstract', '{stage}');
    } finally {
      ({ review, record, included, pair, report, job, theme } = saved);
      ids.reviewer2 = saved.reviewer2!;
    }
  }

  const WHO: (Who | 'anonymous')[] = ['owner', 'reviewer', 'viewer', 'outsider', 'anonymous'];

  describe('authorization matrix: every route × role × non-member × anonymous', () => {
    for (const rc of MATRIX) {
      for (const who of WHO) {
        const expected = who === 'anonymous' ? 401 : rc.allowed.includes(who) ? 200 : 403;
        it(`${rc.method} ${template(rc)} as ${who} → ${expected}`, async () => {
          const res = await call(rc.method, rc.path(who), who === 'anonymous' ? null : who, rc.body?.());
          const text = await res.text();
          expect(res.status, `${rc.method} ${rc.path(who)}: ${text}`).toBe(expected);
          expect(res.headers.get('content-type')).toMatch(expected === 200 && rc.type ? rc.type : /application\/json/);
        });
      }
    }

    it('covers every route in the OpenAPI document', async () => {
      const doc = (await (await call('GET', '/api/openapi.json', null)).json()) as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
      const tested = new Set(MATRIX.map((rc) => `${rc.method} ${template(rc)}`));
      const untested = documented.filter((r) => !tested.has(r) && !r.startsWith('POST /api/auth/'));
      expect(untested).toEqual([]);
      expect(documented.length).toBeGreaterThanOrEqual(MATRIX.length);
    });
  });

  describe('sessions, CSRF and rate limiting', () => {
    it('sets an httpOnly SameSite=Strict session cookie', async () => {
      const res = await call('POST', '/api/auth/login', null, { email: 'viewer@example.org', password: 'correct horse' });
      expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
      expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    });

    it('refuses a state-changing request without the CSRF token', async () => {
      const res = await app.request(`${R()}/screening/title_abstract/decisions`, {
        method: 'POST',
        headers: { cookie: sessions.reviewer!.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ recordId: record, verdict: 'include' }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSRF');
    });

    it('locks an account out after 5 failed logins from one client', async () => {
      const bad = () => call('POST', '/api/auth/login', null, { email: 'outsider@example.org', password: 'wrong password' }, {});
      for (let i = 0; i < 5; i++) expect((await bad()).status).toBe(401);
      expect((await bad()).status).toBe(429);
      const good = await call('POST', '/api/auth/login', null, { email: 'outsider@example.org', password: 'correct horse' });
      expect(good.status).toBe(429);
    });

    it('ends a session on logout', async () => {
      await loginAs('reviewer2');
      expect((await call('POST', '/api/auth/logout', 'reviewer2')).status).toBe(200);
      expect((await call('GET', '/api/me', 'reviewer2')).status).toBe(401);
    });
  });

  describe('bad input is a 4xx JSON error, never a 500', () => {

    it('malformed JSON', async () => {
      const { status, body } = await errorOf(await call('POST', `${R()}/screening/title_abstract/decisions`, 'reviewer', '{"recordId": 1,'));
      expect(status).toBe(400);
      expect(body.error.message).not.toMatch(/at .*\.js/);
    });

    it('wrong types name the field', async () => {
      const { status, body } = await errorOf(await call('POST', `${R()}/screening/title_abstract/decisions`, 'reviewer', { recordId: 'one', verdict: 'perhaps' }));
      expect(status).toBe(400);
      expect(body.error.code).toBe('INVALID');
      expect(body.error.message).toMatch(/recordId/);
      expect(body.error.message).toMatch(/verdict/);
    });

    it('an unknown stage, a bad id and an unknown route', async () => {
      expect((await call('GET', `${R()}/screening/abstracts/next`, 'reviewer')).status).toBe(400);
      expect((await call('GET', '/api/reviews/abc', 'reviewer')).status).toBe(400);
      expect((await errorOf(await call('GET', '/api/nothing-here', 'reviewer'))).body.error.code).toBe('NOT_FOUND');
    });

    it('an oversized upload', async () => {
      const big = { database: 'Embase', platform: 'Ovid', searchedOn: '2024-02-02', strategy: 's', fileName: 'big.ris', text: RIS.repeat(2000) };
      const before = await store.db.selectFrom('search_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const { status, body } = await errorOf(await call('POST', `${R()}/imports`, 'owner', big));
      expect(status).toBe(413);
      expect(body.error.code).toBe('TOO_LARGE');
      const after = await store.db.selectFrom('search_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('an extraction with a bad value names the field and saves nothing; a record not included is a 404', async () => {
      const count = async () => Number((await store.db.selectFrom('extractions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      let r = await errorOf(await call('PUT', `${R()}/extraction/records/${included}`, 'reviewer', { outcomes: { 'Quality of life': { kind: 'binary', values: { ai: 30, n1i: 20 } } } }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: "invalid extraction: outcomes.Quality of life.values.ai: 30 events is more than the arm's 20 participants" } } });
      r = await errorOf(await call('PUT', `${R()}/extraction/records/${included}`, 'reviewer', { outcomes: [1, 2] }));
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/outcomes/);
      // a multi-arm trial's comparisons reach the core (not dropped by the route's shape) and are named by path
      r = await errorOf(await call('PUT', `${R()}/extraction/records/${included}`, 'reviewer', { comparisonLabel: 'video', moreComparisons: [{ label: '', sharedComparator: true, outcomes: { 'Quality of life': { kind: 'continuous', values: { n2i: 0 } } } }] }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: 'invalid extraction: moreComparisons.0.label: each comparison needs a label (e.g. "telephone"); moreComparisons.0.outcomes.Quality of life.values.n2i: must be a whole number of at least 1' } } });
      r = await errorOf(await call('PUT', `${R()}/extraction/records/${included}`, 'reviewer', { moreComparisons: 'telephone' }));
      expect(r.body.error.message).toBe('invalid extraction: moreComparisons: must be a list of comparisons');
      r = await errorOf(await call('PUT', `${R()}/appraisal/records/${included}`, 'reviewer', { tool: 'robins-i', overall: { judgement: 'some' } }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringContaining('overall.judgement: "some" is not a ROBINS-I judgement') } } });
      // the query's set, format and grouping are checked and named
      r = await errorOf(await call('GET', `${R()}/export/references?set=screened&format=ris`, 'viewer'));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: 'set: "screened" is not one of all, unique, sought, excluded-full-text, included' } } });
      r = await errorOf(await call('GET', `${R()}/synthesis/effect-direction?groupBy=colour`, 'viewer'));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringMatching(/^groupBy: "colour" is not a characteristic of the review/) } } });
      // absent, the protocol's planned grouping (none here); empty, none; a characteristic, that one
      for (const [query, grouping] of [['', null], ['?groupBy=', null], ['?groupBy=mode', { id: 'mode', label: 'Mode of delivery', planned: false }]] as const) {
        const ok = await call('GET', `${R()}/synthesis/effect-direction${query}`, 'viewer');
        expect([ok.status, ((await ok.json()) as { grouping: unknown }).grouping]).toEqual([200, grouping]);
      }
      r = await errorOf(await call('PUT', `${R()}/protocol`, 'owner', { protocol: { ...PROTOCOL, synthesis_grouping: 'colour' }, reason: 'grouping' }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringMatching(/^invalid protocol: synthesis_grouping: "colour" is not a characteristic of the review/) } } });
      // a result judged apart reaches the core (not dropped by the route's shape) and is checked against the protocol
      r = await errorOf(await call('PUT', `${R()}/appraisal/records/${included}`, 'reviewer', { tool: 'rob2', results: [{ outcome: 'Pain' }] }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringContaining('results.1.outcome: "Pain" is not an outcome of the protocol') } } });
      r = await errorOf(await call('PUT', `${R()}/grade`, 'reviewer', { outcome: 'Quality of life', start: 'moderate' }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringContaining('start: must be "high" (randomised trials) or "low" (observational studies)') } } });
      // an assumed comparator risk reaches the core (not dropped by the route's shape): checked, then kept
      r = await errorOf(await call('PUT', `${R()}/grade`, 'reviewer', { outcome: 'Quality of life', start: 'high', assumedRisk: { perThousand: 'a lot', source: 'cohort' } }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringContaining('assumedRisk.perThousand: a risk per 1,000 from 0 to 1,000, got "a lot"') } } });
      const kept = await call('PUT', `${R()}/grade`, 'reviewer', { outcome: 'Quality of life', start: 'high', assumedRisk: { perThousand: 180, source: 'registry' } });
      expect([kept.status, ((await kept.json()) as { assumedRisk?: unknown }).assumedRisk]).toEqual([200, { perThousand: 180, source: 'registry' }]);
      r = await errorOf(await call('PUT', `${R()}/analyses`, 'reviewer', { outcome: 'Quality of life', measure: 'HR', level: 100 }));
      expect(r).toMatchObject({ status: 400, body: { error: { code: 'INVALID', message: expect.stringContaining('level: ') } } });
      r = await errorOf(await call('PUT', `${R()}/analyses`, 'reviewer', { outcome: 'Quality of life', measure: 'HR' }));
      expect(r.body.error.message).toBe('invalid analysis: measure: "HR" is not a measure metasift computes');
      // the three-level model's column reaches the store (not dropped by the route's shape): a DL model refused by name
      r = await errorOf(await call('PUT', `${R()}/analyses`, 'reviewer', { outcome: 'Quality of life', method: 'DL', multilevel: 'study_id' }));
      expect(r.body.error.message).toBe('invalid analysis: method: the three-level model is fitted by REML or ML (as rma.mv), not DL');
      r = await errorOf(await call('GET', `${R()}/extraction/records/${record}`, 'reviewer'));
      expect(r).toMatchObject({ status: 404, body: { error: { message: `record ${record} is not an included study of review ${review} (a study is included at full text)` } } });
      expect(await count()).toBe(before);
    });

    it('a file that is not an export names the file', async () => {
      const { status, body } = await errorOf(await call('POST', `${R()}/imports`, 'owner', { database: 'Embase', searchedOn: '2024-02-02', fileName: 'notes.txt', text: 'hello\nworld\n' }));
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/notes\.txt: not a recognised export/);
    });
  });

  describe('record text is data', () => {
    it('returns a title with markup exactly as stored, JSON-encoded', async () => {
      const res = await call('GET', `${R()}/records?q=video`, 'viewer');
      const page = (await res.json()) as { total: number; records: { fields: { title: string } }[] };
      expect(page.total).toBeGreaterThanOrEqual(1);
      expect(page.records[0]!.fields.title).toContain('alert(1)');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    });
  });

  describe('blinded screening over HTTP', () => {
    it('shows a reviewer only their own decision until the other has decided', async () => {
      const other = (await store.db.selectFrom('records').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      const path = `${R()}/screening/full_text/records/${other}/decisions`;
      // full text is for records both reviewers included at title/abstract
      expect((await call('POST', `${R()}/screening/full_text/decisions`, 'reviewer', { recordId: other, verdict: 'include' })).status).toBe(409);
      await loginAs('reviewer2');
      for (const who of ['reviewer', 'reviewer2'] as const) expect((await call('POST', `${R()}/screening/title_abstract/decisions`, who, { recordId: other, verdict: 'include' })).status).toBe(200);
      expect((await call('POST', `${R()}/screening/full_text/decisions`, 'reviewer', { recordId: other, verdict: 'include' })).status).toBe(200);
      expect(await (await call('GET', path, 'reviewer2')).json()).toEqual([]);
      expect((await call('POST', `${R()}/screening/full_text/decisions`, 'reviewer2', { recordId: other, verdict: 'exclude', reasons: ['Wrong population'] })).status).toBe(200);
      expect(((await (await call('GET', path, 'reviewer2')).json()) as unknown[]).length).toBe(2);
      const conflicts = (await (await call('GET', `${R()}/screening/full_text/conflicts`, 'owner')).json()) as { recordIds: number[] };
      expect(conflicts.recordIds).toContain(other);
    });
  });

  describe('members by email', () => {
    it('adds an existing account, creates a new one only with an initial password', async () => {
      const missing = await errorOf(await call('POST', `${R()}/members`, 'owner', { email: 'newcomer@example.org', role: 'reviewer' }));
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toMatch(/initial password/);
      const made = (await (await call('POST', `${R()}/members`, 'owner', { email: 'Newcomer@example.org', displayName: 'New Comer', role: 'reviewer', password: 'first-login-pw' })).json()) as { userId: number };
      const members = (await (await call('GET', `${R()}/members`, 'owner')).json()) as { userId: number; email: string; role: string }[];
      expect(members.find((m) => m.userId === made.userId)).toMatchObject({ email: 'newcomer@example.org', role: 'reviewer' });
      expect((await call('POST', '/api/auth/login', null, { email: 'newcomer@example.org', password: 'first-login-pw' })).status).toBe(200);
      expect((await errorOf(await call('POST', `${R()}/members`, 'owner', { email: 'not an email', role: 'viewer' }))).status).toBe(400);
    });
  });

  describe('decide and next in one round trip', () => {
    it('answers a decision with ?next=true with my next record, the one GET next gives', async () => {
      const first = ((await (await call('GET', `${R()}/screening/title_abstract/next`, 'reviewer2')).json()) as { record: { id: number } | null }).record;
      expect(first).not.toBeNull();
      const res = (await (await call('POST', `${R()}/screening/title_abstract/decisions?next=true`, 'reviewer2', { recordId: first!.id, verdict: 'exclude' })).json()) as { ok: boolean; next: { id: number } | null };
      const again = ((await (await call('GET', `${R()}/screening/title_abstract/next`, 'reviewer2')).json()) as { record: { id: number } | null }).record;
      expect(res.ok).toBe(true);
      expect(res.next?.id ?? null).toBe(again?.id ?? null);
      expect(res.next?.id).not.toBe(first!.id);
      // an undo answers with the undone record
      const undo = (await (await call('POST', `${R()}/screening/title_abstract/decisions?next=true`, 'reviewer2', { recordId: first!.id, verdict: null })).json()) as { next: { id: number } | null };
      expect(undo.next?.id).toBe(first!.id);
    });
  });

  describe('import jobs', () => {
    const poll = async (jobId: string): Promise<{ state: string; phase: string; written: number; total: number; result: { records: number; dedup: { records: number } } | null; error: { code: string; message: string } | null }> => {
      for (;;) {
        const j = (await (await call('GET', `${R()}/import-jobs/${jobId}`, 'reviewer')).json()) as Awaited<ReturnType<typeof poll>>;
        if (j.state !== 'running') return j;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    const runs = async (): Promise<number> => Number((await store.db.selectFrom('search_runs').select((eb) => eb.fn.countAll<number>().as('n')).where('review_id', '=', review).executeTakeFirstOrThrow()).n);

    it('imports a multipart upload (Windows-1252 bytes) in the background, then dedups', async () => {
      const form = new FormData();
      const latin1 = Uint8Array.from(Buffer.from('TY  - JOUR\nTI  - Soins palliatifs \xe0 domicile par t\xe9l\xe9phone\nPY  - 2021\nER  - \n', 'latin1'));
      form.append('file', new File([latin1], 'cinahl.ris'));
      form.append('database', 'CINAHL');
      form.append('platform', 'EBSCOhost');
      form.append('searchedOn', '2024-04-04');
      form.append('strategy', 'telehealth');
      const started = await call('POST', `${R()}/import-jobs`, 'reviewer', form);
      expect(started.status).toBe(200);
      const j = await poll(((await started.json()) as { id: string }).id);
      expect(j).toMatchObject({ state: 'done', phase: 'done', written: 1, total: 1, error: null });
      expect(j.result!.records).toBe(1);
      expect(j.result!.dedup.records).toBe(await store.db.selectFrom('records').select((eb) => eb.fn.countAll<number>().as('n')).where('review_id', '=', review).executeTakeFirstOrThrow().then((r) => Number(r.n)));
      const rec = await store.db.selectFrom('records').select('title').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(rec.title).toBe('Soins palliatifs à domicile par téléphone');
    });

    it('a job whose file is not an export fails with the file named, and imports nothing', async () => {
      const before = await runs();
      const started = await call('POST', `${R()}/import-jobs`, 'reviewer', { database: 'Embase', searchedOn: '2024-02-02', fileName: 'notes.txt', text: 'hello\nworld\n' });
      const j = await poll(((await started.json()) as { id: string }).id);
      expect(j.state).toBe('failed');
      expect(j.error).toMatchObject({ code: 'INVALID' });
      expect(j.error!.message).toMatch(/notes\.txt/);
      expect(await runs()).toBe(before);
    });

    it('a multipart upload without a file or a date is a 400 naming the field', async () => {
      const form = new FormData();
      form.append('database', 'CINAHL');
      const { status, body } = await errorOf(await call('POST', `${R()}/import-jobs`, 'reviewer', form));
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/searchedOn/);
      expect(body.error.message).toMatch(/file/);
    });

    it('previews an export without importing it', async () => {
      const before = await runs();
      const nbib = 'PMID- 123\nTI  - A trial of video visits\n!!!\nAB  - text\n\nPMID- 124\nTI  - Telephone follow-up\n';
      const res = await call('POST', `${R()}/imports/preview`, 'reviewer', { database: 'MEDLINE', searchedOn: '2024-02-02', fileName: 'p.nbib', text: nbib });
      const p = (await res.json()) as { format: string; records: number; issues: { line: number; code: string }[]; sample: { title: string }[] };
      expect(p.format).toBe('medline');
      expect(p.records).toBe(2);
      expect(p.issues).toEqual([expect.objectContaining({ line: 3, code: 'UNTAGGED_LINE' })]);
      expect(p.sample[1]!.title).toBe('Telephone follow-up');
      expect(await runs()).toBe(before);
    });

    it('an unknown job is a 404', async () => {
      expect((await call('GET', `${R()}/import-jobs/00000000-0000-4000-8000-000000000000`, 'reviewer')).status).toBe(404);
    });
  });
});
