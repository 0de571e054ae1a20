import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  amendProtocol,
  auditTrail,
  conflicts,
  createReview,
  createUser,
  decide,
  getReview,
  hashPassword,
  importSearchRun,
  login,
  sessionUser,
  openStore,
  resolve,
  setBlinding,
  setMember,
  verifyPassword,
  visibleDecisions,
  type Store,
} from '../src/index.js';
import { backends, PG_URL } from './backends.js';
import { PROTOCOL } from './fixtures/protocol.js';


const RIS = ['TY  - JOUR', 'TI  - Video consultations in palliative care', 'AU  - Smith, Jane', 'PY  - 2020', 'DO  - 10.1000/xyz1', 'ZZ  - a tag nobody knows', 'ER  - ', '', 'TY  - JOUR', 'TI  - Telephone follow-up for symptom burden', 'AU  - Doe, J', 'PY  - 2019', 'ER  - ', ''].join('\n');

const BACKENDS = backends('store');

it('runs the store suite on PostgreSQL in CI', () => {
  if (process.env.CI) expect(PG_URL, 'CI must set METASIFT_TEST_DATABASE_URL (see .ci/run)').toMatch(/^postgres/);
});

it('names a bad DATABASE_URL without showing its password', async () => {
  await expect(openStore({ url: 'mysql://u:secret@127.0.0.1/db' })).rejects.toThrow(/DATABASE_URL: "mysql:\/\/u:…@127\.0\.0\.1\/db" is not a postgres/);
  const err = await openStore({ url: 'postgres://u:secret@127.0.0.1:1/db' }).then(
    () => null,
    (e: unknown) => (e as Error).message,
  );
  expect(err).toMatch(/cannot open the PostgreSQL store at postgres:\/\/u:…@127\.0\.0\.1:1\/db/);
  expect(err).not.toMatch(/secret/);
});

for (const backend of BACKENDS) describe(`store on ${backend.name}`, () => {
  let dir: string;
  let store: Store;
  let owner: number;
  let alice: number;
  let bob: number;
  let outsider: number;
  let review: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasift-store-'));
    store = await backend.open(dir);
    owner = await createUser(store, { email: 'owner@example.org', displayName: 'Owner', password: 'correct horse' });
    alice = await createUser(store, { email: 'alice@example.org', displayName: 'Alice', password: 'correct horse' });
    bob = await createUser(store, { email: 'bob@example.org', displayName: 'Bob', password: 'correct horse' });
    outsider = await createUser(store, { email: 'eve@example.org', displayName: 'Eve', password: 'correct horse' });
    review = await createReview(store, owner, { title: 'Telehealth in palliative care', protocol: PROTOCOL });
    await setMember(store, owner, review, alice, 'reviewer');
    await setMember(store, owner, review, bob, 'reviewer');
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function count(table: 'records' | 'search_runs' | 'audit_log' | 'decisions'): Promise<number> {
    const r = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  describe('store: schema and file', () => {
    it.runIf(backend.name === 'sqlite')('runs in WAL mode and migrates a file once', async () => {
      const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      await store.close();
      store = await openStore({ file: join(dir, 'review.sqlite') });
      expect((await getReview(store, review, owner)).title).toBe('Telehealth in palliative care');
    });

    it('opens the same review again without migrating twice', async () => {
      await store.close();
      store = await backend.open(dir, false);
      expect((await getReview(store, review, owner)).protocol.registry_id).toBe('CRD42020123456');
    });
  });

  describe('store: reviews, protocol and roles', () => {
    it('keeps the protocol with criteria ids, outcome directions and the registry id', async () => {
      const r = await getReview(store, review, alice);
      expect(r.protocol.criteria.map((c) => c.id)).toEqual(['I1', 'E1']);
      expect(r.protocol.outcomes.map((o) => o.direction)).toEqual(['higher', 'lower']);
      expect(r.protocol.registry_id).toBe('CRD42020123456');
      expect(r.blinding).toBe(true);
    });

    it('names each bad protocol field', async () => {
      const bad = { ...PROTOCOL, criteria: [{ id: 'I1', kind: 'sometimes', text: 'x' }], outcomes: [{ name: 'QoL', direction: 'up' }] };
      await expect(createReview(store, owner, { title: 'x', protocol: bad })).rejects.toThrow(/criteria\.0\.kind: .*; outcomes\.0\.direction: /);
      await expect(createReview(store, owner, { title: 'x', protocol: { ...PROTOCOL, registry_id: 'CRD123' } })).rejects.toThrow(/registry_id: a PROSPERO id/);
      const dup = { ...PROTOCOL, criteria: [PROTOCOL.criteria[0], PROTOCOL.criteria[0]] };
      await expect(createReview(store, owner, { title: 'x', protocol: dup })).rejects.toThrow(/criteria\.1\.id: duplicate criterion id I1/);
    });

    it('records a dated amendment with its reason and the protocol before and after', async () => {
      const next = { ...PROTOCOL, analyses: [...PROTOCOL.analyses, 'sensitivity: low risk of bias only'] };
      await amendProtocol(store, owner, review, next, 'added a sensitivity analysis before data extraction');
      const a = await store.db.selectFrom('amendments').selectAll().execute();
      expect(a).toHaveLength(1);
      expect(a[0]!.reason).toMatch(/sensitivity/);
      expect(JSON.parse(a[0]!.before).analyses).toHaveLength(2);
      expect((await getReview(store, review, bob)).protocol.analyses).toHaveLength(3);
      const last = (await auditTrail(store.db, review)).at(-1)!;
      expect(last).toMatchObject({ entity: 'protocol', action: 'amend', actorId: owner });
      expect((last.before as { analyses: string[] }).analyses).toHaveLength(2);
    });

    it('lets only the owner amend or add members, and no outsider read', async () => {
      await expect(amendProtocol(store, alice, review, PROTOCOL, 'why not')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(setMember(store, alice, review, outsider, 'reviewer')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getReview(store, review, outsider)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(amendProtocol(store, owner, review, PROTOCOL, '  ')).rejects.toMatchObject({ code: 'INVALID' });
    });

    it('rejects a second account with the same email, whatever its case', async () => {
      await expect(createUser(store, { email: 'ALICE@example.org', displayName: 'A2', password: 'another one' })).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses an expired session and purges expired sessions at the next login', async () => {
      const s = await login(store, 'alice@example.org', 'correct horse');
      expect(await sessionUser(store, s!.token)).toMatchObject({ id: alice });
      await store.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
      expect(await sessionUser(store, s!.token)).toBeNull();
      expect(await login(store, 'bob@example.org', 'wrong password')).toBeNull();
      await login(store, 'bob@example.org', 'correct horse');
      const left = await store.db.selectFrom('sessions').select('user_id').execute();
      expect(left).toEqual([{ user_id: bob }]);
    });
  });

  describe('store: imports', () => {
    it('imports a search run with every raw field and audits it', async () => {
      const out = await importSearchRun(store, alice, review, { database: 'Embase', platform: 'Ovid', searchedOn: '2024-03-01', strategy: 'exp telemedicine/ AND palliative care/', fileName: 'embase.ris', text: RIS });
      expect(out.records).toBe(2);
      const rows = await store.db.selectFrom('records').selectAll().orderBy('position').execute();
      expect(rows.map((r) => r.title)).toEqual(['Video consultations in palliative care', 'Telephone follow-up for symptom burden']);
      expect(JSON.parse(rows[0]!.raw).ZZ).toEqual(['a tag nobody knows']);
      expect(JSON.parse(rows[0]!.fields).database).toBe('Embase');
      const run = await store.db.selectFrom('search_runs').selectAll().executeTakeFirstOrThrow();
      expect(run).toMatchObject({ database: 'Embase', platform: 'Ovid', searched_on: '2024-03-01', format: 'ris', record_count: 2 });
      expect(run.file_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect((await auditTrail(store.db, review)).some((e) => e.entity === 'search_run' && e.action === 'import')).toBe(true);
    });

    it('leaves nothing behind when the file or its details are bad', async () => {
      const before = await Promise.all([count('records'), count('search_runs'), count('audit_log')]);
      const base = { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-03-01', strategy: 'x', fileName: 'pubmed.txt', text: RIS };
      await expect(importSearchRun(store, alice, review, { ...base, text: 'just some words\nnot an export\n' })).rejects.toThrow(/pubmed\.txt: not a recognised export/);
      await expect(importSearchRun(store, alice, review, { ...base, searchedOn: '2024-13-45' })).rejects.toThrow(/searchedOn/);
      await expect(importSearchRun(store, outsider, review, base)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await Promise.all([count('records'), count('search_runs'), count('audit_log')])).toEqual(before);
    });

    it('rolls back a transaction that fails part way', async () => {
      const before = await count('search_runs');
      await expect(
        store.tx(async (trx) => {
          await trx.insertInto('search_runs').values({ review_id: review, database: 'x', platform: 'x', searched_on: '2024-01-01', strategy: '', file_name: 'f', file_sha256: '0', format: 'ris', record_count: 0, imported_at: '', imported_by: alice }).execute();
          throw new Error('disk full');
        }),
      ).rejects.toThrow('disk full');
      expect(await count('search_runs')).toBe(before);
    });
  });

  describe('store: screening, blinding and conflicts', () => {
    let rec: number;
    beforeEach(async () => {
      await importSearchRun(store, alice, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-03-01', strategy: 'x', fileName: 'a.ris', text: RIS });
      rec = (await store.db.selectFrom('records').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    });

    it('hides the other reviewer\'s decision until both have decided', async () => {
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'include' });
      expect(await visibleDecisions(store, bob, review, 'title_abstract', rec)).toEqual([]);
      expect((await visibleDecisions(store, alice, review, 'title_abstract', rec)).map((d) => d.reviewerId)).toEqual([alice]);
      expect((await visibleDecisions(store, owner, review, 'title_abstract', rec)).map((d) => d.reviewerId)).toEqual([alice]);
      await decide(store, bob, review, { stage: 'title_abstract', recordId: rec, verdict: 'exclude', reasons: ['E1'] });
      expect((await visibleDecisions(store, alice, review, 'title_abstract', rec)).map((d) => d.verdict)).toEqual(['include', 'exclude']);
      await expect(visibleDecisions(store, outsider, review, 'title_abstract', rec)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('shows everything once the owner lifts blinding, and audits the switch', async () => {
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'maybe' });
      await expect(setBlinding(store, alice, review, false)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await setBlinding(store, owner, review, false);
      expect(await visibleDecisions(store, bob, review, 'title_abstract', rec)).toHaveLength(1);
      expect((await auditTrail(store.db, review)).at(-1)).toMatchObject({ action: 'set-blinding', before: { blinding: true }, after: { blinding: false } });
    });

    it('keeps every decision: a change and an undo are new rows, the database refuses edits', async () => {
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'include' });
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'exclude', reasons: ['E1'] });
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: null });
      expect(await count('decisions')).toBe(3);
      expect(await visibleDecisions(store, alice, review, 'title_abstract', rec)).toEqual([]);
      await expect(decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: null })).rejects.toMatchObject({ code: 'CONFLICT' });
      const trail = (await auditTrail(store.db, review)).filter((e) => e.entity === 'decision');
      expect(trail.map((e) => e.action)).toEqual(['decide', 'decide', 'undo']);
      expect(trail[1]!.before).toEqual({ verdict: 'include', reasons: [] });
      await expect(store.db.deleteFrom('decisions').execute()).rejects.toThrow(/append-only/);
      await expect(store.db.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
      await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });

    it('lists conflicts for the owner until resolved', async () => {
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'include' });
      await decide(store, bob, review, { stage: 'title_abstract', recordId: rec, verdict: 'exclude', reasons: ['E1'] });
      expect(await conflicts(store, owner, review, 'title_abstract')).toEqual([rec]);
      // the two who disagree see no conflict to resolve, and may not resolve it
      expect(await conflicts(store, alice, review, 'title_abstract')).toEqual([]);
      await expect(resolve(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'include', reason: 'mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await resolve(store, owner, review, { stage: 'title_abstract', recordId: rec, verdict: 'include', reason: 'population matches I1' });
      expect(await conflicts(store, owner, review, 'title_abstract')).toEqual([]);
    });

    it('lets a third reviewer who did not screen the record see both decisions and resolve the conflict', async () => {
      const carol = await createUser(store, { email: 'carol@example.org', displayName: 'Carol', password: 'correct horse' });
      await setMember(store, owner, review, carol, 'reviewer');
      await decide(store, alice, review, { stage: 'title_abstract', recordId: rec, verdict: 'include' });
      expect(await visibleDecisions(store, carol, review, 'title_abstract', rec)).toEqual([]);
      await decide(store, bob, review, { stage: 'title_abstract', recordId: rec, verdict: 'exclude', reasons: ['E1'] });
      expect(await conflicts(store, carol, review, 'title_abstract')).toEqual([rec]);
      expect((await visibleDecisions(store, carol, review, 'title_abstract', rec)).map((d) => d.verdict).sort()).toEqual(['exclude', 'include']);
      await resolve(store, carol, review, { stage: 'title_abstract', recordId: rec, verdict: 'exclude', reason: 'E1 applies' });
      expect(await conflicts(store, owner, review, 'title_abstract')).toEqual([]);
      expect((await auditTrail(store.db, review)).at(-1)).toMatchObject({ entity: 'resolution', actorId: carol });
    });

    it('asks for a reason on a full-text exclusion and refuses a record from elsewhere', async () => {
      await expect(decide(store, alice, review, { stage: 'full_text', recordId: rec, verdict: 'exclude' })).rejects.toThrow(/reasons/);
      await expect(decide(store, alice, review, { stage: 'title_abstract', recordId: 999_999, verdict: 'include' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

});

describe('passwords', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('wrong horse', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
