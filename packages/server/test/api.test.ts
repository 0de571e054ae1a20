import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, importSearchRun, createReview, setMember, type Store } from '@metasift/store';
import { backends } from '../../store/test/backends.js';
import { createApp } from '../src/index.js';
import { PROTOCOL } from '../../store/test/fixtures/protocol.js';

const RIS = 'TY  - JOUR\nTI  - <script>alert(1)</script> Video visits\nAU  - Smith, J\nPY  - 2020\nER  - \n\nTY  - JOUR\nTI  - Telephone follow-up\nPY  - 2019\nER  - \n';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;
let review: number;
let record: number;
const ids: Record<string, number> = {};
const sessions: Record<string, { cookie: string; csrf: string }> = {};

async function call(method: string, path: string, who: string | null, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
  const s = who ? sessions[who] : undefined;
  const headers: Record<string, string> = { ...extra };
  if (s) {
    headers.cookie = s.cookie;
    headers['x-csrf-token'] = s.csrf;
  }
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
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Who = 'owner' | 'reviewer' | 'viewer' | 'outsider';
  interface RouteCase {
    method: string;
    path: () => string;
    body?: () => unknown;
    allowed: Who[];
  }

  const R = () => `/api/reviews/${review}`;
  const MATRIX: RouteCase[] = [
    { method: 'GET', path: () => '/api/me', allowed: ['owner', 'reviewer', 'viewer', 'outsider'] },
    { method: 'GET', path: () => '/api/reviews', allowed: ['owner', 'reviewer', 'viewer', 'outsider'] },
    { method: 'POST', path: () => '/api/reviews', body: () => ({ title: 'Another review', protocol: PROTOCOL }), allowed: ['owner', 'reviewer', 'viewer', 'outsider'] },
    { method: 'GET', path: R, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'PUT', path: () => `${R()}/protocol`, body: () => ({ protocol: PROTOCOL, reason: 'wording' }), allowed: ['owner'] },
    { method: 'PUT', path: () => `${R()}/members/${ids.reviewer2}`, body: () => ({ role: 'reviewer' }), allowed: ['owner'] },
    { method: 'PUT', path: () => `${R()}/blinding`, body: () => ({ blinding: true }), allowed: ['owner'] },
    { method: 'POST', path: () => `${R()}/imports`, body: () => ({ database: 'Embase', platform: 'Ovid', searchedOn: '2024-02-02', strategy: 's', fileName: 'b.ris', text: RIS }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/records?limit=5`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/audit`, allowed: ['owner'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/next`, allowed: ['owner', 'reviewer'] },
    { method: 'POST', path: () => `${R()}/screening/title_abstract/decisions`, body: () => ({ recordId: record, verdict: 'maybe' }), allowed: ['owner', 'reviewer'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/records/${record}/decisions`, allowed: ['owner', 'reviewer', 'viewer'] },
    { method: 'GET', path: () => `${R()}/screening/title_abstract/conflicts`, allowed: ['owner'] },
    { method: 'POST', path: () => `${R()}/screening/title_abstract/resolutions`, body: () => ({ recordId: record, verdict: 'include', reason: 'agreed' }), allowed: ['owner'] },
  ];
  /** The route's template, e.g. GET /api/reviews/{reviewId}/records (the path functions run before any data exists). */
  function template(rc: RouteCase): string {
    const saved = { review, record, reviewer2: ids.reviewer2 };
    review = -1;
    record = -2;
    ids.reviewer2 = -3;
    try {
      return rc.path().split('?')[0]!.replace('/-1', '/{reviewId}').replace('/-2', '/{recordId}').replace('/-3', '/{userId}').replace('title_abstract', '{stage}');
    } finally {
      ({ review, record } = saved);
      ids.reviewer2 = saved.reviewer2!;
    }
  }

  const WHO: (Who | 'anonymous')[] = ['owner', 'reviewer', 'viewer', 'outsider', 'anonymous'];

  describe('authorization matrix: every route × role × non-member × anonymous', () => {
    for (const rc of MATRIX) {
      for (const who of WHO) {
        const expected = who === 'anonymous' ? 401 : rc.allowed.includes(who) ? 200 : 403;
        it(`${rc.method} ${template(rc)} as ${who} → ${expected}`, async () => {
          const res = await call(rc.method, rc.path(), who === 'anonymous' ? null : who, rc.body?.());
          const text = await res.text();
          expect(res.status, `${rc.method} ${rc.path()}: ${text}`).toBe(expected);
          expect(res.headers.get('content-type')).toMatch(/application\/json/);
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
    const errorOf = async (res: Response) => ({ status: res.status, body: (await res.json()) as { error: { code: string; message: string } } });

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
      expect((await call('POST', `${R()}/screening/full_text/decisions`, 'reviewer', { recordId: other, verdict: 'include' })).status).toBe(200);
      await loginAs('reviewer2');
      expect(await (await call('GET', path, 'reviewer2')).json()).toEqual([]);
      expect((await call('POST', `${R()}/screening/full_text/decisions`, 'reviewer2', { recordId: other, verdict: 'exclude', reasons: ['wrong population'] })).status).toBe(200);
      expect(((await (await call('GET', path, 'reviewer2')).json()) as unknown[]).length).toBe(2);
      const conflicts = (await (await call('GET', `${R()}/screening/full_text/conflicts`, 'owner')).json()) as { recordIds: number[] };
      expect(conflicts.recordIds).toContain(other);
    });
  });
});
