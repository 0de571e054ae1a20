/**
 * A review from imports to the PRISMA counts, on each backend: dedup across databases (duplicates are
 * screened once), blinded pairs at title/abstract, a conflict resolved, full texts attached or not
 * retrieved, full-text exclusions with reasons, kappa, and the counts the flow diagram shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementStats,
  attachReport,
  auditTrail,
  conflicts,
  createReview,
  createUser,
  decide,
  fullTextCandidates,
  decidePair,
  dedupReview,
  duplicateQueue,
  importSearchRun,
  linkReports,
  listRecords,
  markNotRetrieved,
  myHistory,
  nextForReviewer,
  prismaCounts,
  excludedReports,
  exportRecords,
  parseExport,
  resolve,
  screeningProgress,
  setMember,
  setSettings,
  getSettings,
  type Store,
} from '../src/index.js';
import { checkPrismaCounts, prismaDiagram } from '@metasift/core';
import { backends } from './backends.js';
import { EMBASE, MEDLINE } from './fixtures/overlap.js';
import { PROTOCOL } from './fixtures/protocol.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

for (const backend of backends('workflow')) describe(`review workflow on ${backend.name}`, () => {
  let dir: string;
  let store: Store;
  let owner: number;
  let alice: number;
  let bob: number;
  let review: number;
  const byTitle = new Map<string, number>();
  const id = (start: string): number => [...byTitle].find(([t]) => t.startsWith(start))![1];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasift-workflow-'));
    store = await backend.open(dir);
    owner = await createUser(store, { email: 'owner@example.org', displayName: 'Owner', password: 'correct horse' });
    alice = await createUser(store, { email: 'alice@example.org', displayName: 'Alice', password: 'correct horse' });
    bob = await createUser(store, { email: 'bob@example.org', displayName: 'Bob', password: 'correct horse' });
    review = await createReview(store, owner, { title: 'Telehealth in palliative care', protocol: PROTOCOL });
    await setMember(store, owner, review, alice, 'reviewer');
    await setMember(store, owner, review, bob, 'reviewer');
    await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-10', strategy: 'telehealth AND palliative', fileName: 'medline.ris', text: MEDLINE });
    await importSearchRun(store, owner, review, { database: 'Embase', platform: 'Embase.com', searchedOn: '2024-01-11', strategy: 'telehealth AND palliative', fileName: 'embase.ris', text: EMBASE });
    for (const r of await store.db.selectFrom('records').select(['id', 'title']).orderBy('id').execute()) if (!byTitle.has(r.title)) byTitle.set(r.title, r.id);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('deduplicates across databases, keeping every copy and where it came from', async () => {
    const s = await dedupReview(store, owner, review);
    expect(s).toMatchObject({ records: 9, duplicatesRemoved: 2, unique: 7, clusters: 2 });
    const dups = await store.db.selectFrom('records as r').innerJoin('search_runs as s', 's.id', 'r.search_run_id').select(['r.duplicate_of', 's.database']).where('r.review_id', '=', review).where('r.duplicate_of', 'is not', null).execute();
    expect(dups.map((d) => d.database)).toEqual(['Embase', 'Embase']);
    // running it again changes nothing
    expect(await dedupReview(store, owner, review)).toEqual(s);
    // several at once (an import job's dedup and a person's) serialise instead of tripping over each other
    const together = await Promise.all(Array.from({ length: 5 }, () => dedupReview(store, owner, review)));
    for (const t of together) expect(t).toEqual(s);
    expect(Number((await store.db.selectFrom('duplicate_clusters').select((eb) => eb.fn.countAll<number>().as('n')).where('review_id', '=', review).executeTakeFirstOrThrow()).n)).toBe(2);
    // the record list filters by database and by unique / duplicate
    expect((await listRecords(store, alice, review, { database: 'Embase', status: 'duplicate' })).total).toBe(2);
    expect((await listRecords(store, alice, review, { status: 'unique' })).total).toBe(7);
    expect((await listRecords(store, alice, review, { database: 'MEDLINE', q: 'telephone' })).records.map((r) => r.fields.title)).toEqual(['Telephone follow-up for symptom burden in advanced cancer']);
  });

  it('puts a doubtful pair in the queue, and a person settles it (kept across re-runs)', async () => {
    const q = await duplicateQueue(store, alice, review);
    expect(q.total).toBe(1);
    const p = q.pairs[0]!;
    expect([p.a.fields.title, p.b.fields.title].sort()[0]).toMatch(/^Text messaging to support carers/);
    expect(new Set([p.a.database, p.b.database])).toEqual(new Set(['MEDLINE', 'Embase']));
    const after = await decidePair(store, alice, review, p.id, 'keep-apart');
    expect(after).toMatchObject({ unique: 7, pending: 0 });
    expect((await dedupReview(store, owner, review)).pending).toBe(0);
    // a change of mind: merge, then back to keep apart; the trail has all three
    expect((await decidePair(store, owner, review, p.id, 'merge')).unique).toBe(6);
    expect((await decidePair(store, owner, review, p.id, 'keep-apart')).unique).toBe(7);
    const trail = (await auditTrail(store.db, review)).filter((e) => e.entity === 'dedup_pair');
    expect(trail.map((e) => e.action)).toEqual(['keep-apart', 'merge', 'keep-apart']);
    await expect(decidePair(store, alice, review, 99999, 'merge')).rejects.toThrow(/not in review/);
  });

  it('serves each unique record once per reviewer, in the same seeded order for both', async () => {
    const seenA: number[] = [];
    const seenB: number[] = [];
    for (;;) {
      const a = await nextForReviewer(store, alice, review, 'title_abstract');
      if (!a) break;
      seenA.push(a.id);
      await decide(store, alice, review, { stage: 'title_abstract', recordId: a.id, verdict: /knee/i.test(a.fields.title) ? 'exclude' : 'include' });
    }
    expect(seenA).toHaveLength(7);
    expect(new Set(seenA).size).toBe(7);
    const dupIds = (await store.db.selectFrom('records').select('id').where('duplicate_of', 'is not', null).execute()).map((r) => r.id);
    expect(seenA.filter((x) => dupIds.includes(x))).toEqual([]);
    for (;;) {
      const b = await nextForReviewer(store, bob, review, 'title_abstract');
      if (!b) break;
      seenB.push(b.id);
      // Bob excludes the carers study and the knee study; Alice included the carers study: one conflict
      await decide(store, bob, review, { stage: 'title_abstract', recordId: b.id, verdict: /knee|carers/i.test(b.fields.title) ? 'exclude' : 'include' });
    }
    expect(seenB).toEqual(seenA);
    expect((await myHistory(store, bob, review, 'title_abstract')).map((h) => h.recordId)).toEqual([...seenB].reverse());
  });

  it('reports progress, conflicts and agreement', async () => {
    const p = await screeningProgress(store, alice, review, 'title_abstract');
    expect(p).toMatchObject({ total: 7, mine: 7, remaining: 0, conflicts: 2, included: 4, excluded: 1 });
    expect(p.others.find((o) => o.reviewerId === bob)?.decided).toBe(7);
    const c = await conflicts(store, owner, review, 'title_abstract');
    expect(c).toHaveLength(2);
    const [k] = await agreementStats(store, owner, review, 'title_abstract');
    // 7 pairs: 4 include/include, 1 exclude/exclude, 2 include/exclude
    expect(k!.n).toBe(7);
    expect(k!.agreement).toBeCloseTo(5 / 7, 12);
    const pe = (6 / 7) * (4 / 7) + (1 / 7) * (3 / 7);
    expect(k!.kappa).toBeCloseTo((5 / 7 - pe) / (1 - pe), 12);
    expect(k!.reviewers.map((r) => r.name)).toEqual(['Alice', 'Bob']);
  });

  it('resolves the conflicts and screens full texts with reasons from the review list', async () => {
    for (const recordId of await conflicts(store, owner, review, 'title_abstract')) {
      await resolve(store, owner, review, { stage: 'title_abstract', recordId, verdict: recordId === id('Text messaging to support carers of people with advanced cancer') ? 'include' : 'exclude', reason: 'discussed' });
    }
    expect(await conflicts(store, owner, review, 'title_abstract')).toEqual([]);
    // full text: the 4 agreed includes plus the resolved carers study
    const ft = await screeningProgress(store, alice, review, 'full_text');
    expect(ft.total).toBe(5);
    await expect(decide(store, alice, review, { stage: 'full_text', recordId: id('Surgical outcomes'), verdict: 'include' })).rejects.toThrow(/not included at title\/abstract/);
    // a decision checks its own record's outcome: the same records as the whole stage's candidates (the
    // resolved exclusion and any duplicate refused too), nothing written for the refused ones
    const candidates = await fullTextCandidates(store, review);
    expect(candidates).toHaveLength(5);
    const decisions = (await store.db.selectFrom('decisions').select('id').execute()).length;
    for (const r of await store.db.selectFrom('records').select('id').where('review_id', '=', review).execute())
      if (!candidates.includes(r.id)) await expect(decide(store, alice, review, { stage: 'full_text', recordId: r.id, verdict: 'include' })).rejects.toThrow(/not included at title\/abstract/);
    expect((await store.db.selectFrom('decisions').select('id').execute()).length).toBe(decisions);
    await expect(decide(store, alice, review, { stage: 'full_text', recordId: id('Video consultations'), verdict: 'exclude', reasons: ['I did not like it'] })).rejects.toThrow(/not one of the review's exclusion reasons/);
    const settings = await getSettings(store, owner, review);
    await setSettings(store, owner, review, { ...settings, exclusionReasons: [...settings.exclusionReasons, 'Conference abstract only'] });
    const report = await attachReport(store, alice, review, { recordId: id('Video consultations'), fileName: 'smith2020.pdf', mediaType: 'application/pdf', bytes: PDF });
    const again = await attachReport(store, bob, review, { recordId: id('Video consultations'), fileName: 'copy.pdf', mediaType: 'application/pdf', bytes: PDF });
    expect(again.sha256).toBe(report.sha256);
    expect((await store.db.selectFrom('files').select('sha256').execute()).length).toBe(1);
    await expect(attachReport(store, alice, review, { recordId: id('Video consultations'), fileName: 'notes.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('hello') })).rejects.toThrow(/notes\.pdf: not a PDF/);
    await markNotRetrieved(store, owner, review, id('Home telemonitoring'), 'not held by any library we asked');
    const plan: Record<string, ['include'] | ['exclude', string]> = {
      'Video consultations': ['include'],
      'Telephone follow-up': ['exclude', 'Wrong outcomes'],
      'Text messaging to support carers of people with advanced cancer': ['exclude', 'Conference abstract only'],
      Videoconferencing: ['include'],
    };
    for (const who of [alice, bob]) {
      for (const [title, [verdict, reason]] of Object.entries(plan)) await decide(store, who, review, { stage: 'full_text', recordId: id(title), verdict, reasons: reason ? [reason] : [] });
    }
    const study = await linkReports(store, owner, review, { reportIds: [report.id, again.id], studyId: null, label: 'Smith 2020', design: 'RCT' });
    expect(study).toBeGreaterThan(0);
  });

  it('derives the PRISMA 2020 counts from the recorded decisions', async () => {
    const c = await prismaCounts(store, owner, review);
    expect(c).toEqual({
      databases: [{ name: 'MEDLINE', n: 5 }, { name: 'Embase', n: 4 }],
      registers: [],
      removed: { duplicates: 2, automation: 0, other: 0 },
      screened: 7,
      excluded: 2,
      sought: 5,
      not_retrieved: 1,
      assessed: 4,
      excluded_reasons: [{ reason: 'Conference abstract only', n: 1 }, { reason: 'Wrong outcomes', n: 1 }],
      included_studies: 2,
      included_reports: 2,
    });
  });

  it('lists the reports excluded at full text with their reasons, by first author', async () => {
    const excluded = await excludedReports(store, owner, review);
    expect(excluded.find((x) => x.recordId === id('Telephone follow-up'))?.reason).toBe('Wrong outcomes');
    expect(excluded.find((x) => x.recordId === id('Text messaging'))?.reason).toBe('Conference abstract only');
    expect(excluded.every((x) => x.authors.length > 0 && x.year !== null)).toBe(true);
    expect(excluded).toHaveLength(2);
    const first = excluded.map((x) => (x.authors[0]?.family ?? x.title).toLowerCase());
    expect([...first].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(first);
    // the not-retrieved report and the included ones are not in it
    expect(excluded.map((x) => x.recordId)).not.toContain(id('Home telemonitoring'));
    expect(excluded.map((x) => x.recordId)).not.toContain(id('Video consultations'));
  });

  it('can rebuild every reviewer\'s current decisions from the audit trail alone', async () => {
    const fromLog = new Map<string, string | null>();
    for (const e of await auditTrail(store.db, review)) {
      if (e.entity !== 'decision') continue;
      const a = e.after as { stage: string; record_id: number; verdict: string | null };
      fromLog.set(`${a.stage}/${a.record_id}/${e.actorId}`, a.verdict);
    }
    const fromTable = new Map<string, string | null>();
    for (const d of await store.db.selectFrom('decisions').selectAll().where('review_id', '=', review).orderBy('id').execute()) fromTable.set(`${d.stage}/${d.record_id}/${d.reviewer_id}`, d.verdict);
    expect(fromLog.size).toBeGreaterThan(20);
    expect(fromLog).toEqual(fromTable);
  });

  it('sorts searches into databases, trial registers and other methods; a record only other methods found has its own column', async () => {
    const ris = (recs: string[][]): string => recs.map((r) => ['TY  - JOUR', ...r, 'ER  - ', ''].join('\n')).join('\n');
    const run = { platform: '', searchedOn: '2024-02-01', strategy: '' };
    const before = (await store.db.selectFrom('search_runs').select('id').where('review_id', '=', review).execute()).length;
    await expect(importSearchRun(store, owner, review, { ...run, database: 'Hand search', source: 'web', fileName: 'hand.ris', text: ris([['TI  - x']]) })).rejects.toThrow('source: "web" is not one of database, register, other');
    expect((await store.db.selectFrom('search_runs').select('id').where('review_id', '=', review).execute()).length).toBe(before);
    // a register by its name; citation searching said outright: one copy of an included trial, one report the searches missed
    await importSearchRun(store, owner, review, { ...run, database: 'ClinicalTrials.gov', fileName: 'ctgov.ris', text: ris([['TI  - Remote symptom monitoring in advanced cancer (registration)', 'AU  - Novak, Eva', 'PY  - 2023']]) });
    await importSearchRun(store, owner, review, {
      ...run,
      database: 'Citation searching',
      source: 'other',
      fileName: 'citations.ris',
      text: ris([
        ['TI  - Video consultations in palliative care: a randomised trial', 'AU  - Smith, Jane', 'PY  - 2020', 'JO  - Palliative Medicine', 'VL  - 34', 'SP  - 100', 'EP  - 110', 'DO  - 10.1000/pal.1'],
        ['TI  - Nurse-led telehealth for rural palliative care', 'AU  - Okafor, Ada', 'PY  - 2021', 'JO  - Rural and Remote Health', 'DO  - 10.1000/rural.7'],
      ]),
    });
    expect((await store.db.selectFrom('search_runs').select(['database', 'source']).where('review_id', '=', review).orderBy('id').execute()).map((r) => r.source)).toEqual(['database', 'database', 'register', 'other']);
    await dedupReview(store, owner, review);
    const rural = (await store.db.selectFrom('records').select('id').where('review_id', '=', review).where('title', 'like', 'Nurse-led%').executeTakeFirstOrThrow()).id;
    for (const stage of ['title_abstract', 'full_text'] as const) for (const who of [alice, bob]) await decide(store, who, review, { stage, recordId: rural, verdict: 'include', reasons: [] });
    const registration = (await store.db.selectFrom('records').select('id').where('review_id', '=', review).where('title', 'like', 'Remote symptom%').executeTakeFirstOrThrow()).id;
    for (const who of [alice, bob]) await decide(store, who, review, { stage: 'title_abstract', recordId: registration, verdict: 'exclude', reasons: [] });
    const c = await prismaCounts(store, owner, review);
    // the main column as before, with the register's record screened and excluded; the copy of Smith 2020 is not counted again
    expect(c).toMatchObject({ databases: [{ name: 'MEDLINE', n: 5 }, { name: 'Embase', n: 4 }], registers: [{ name: 'ClinicalTrials.gov', n: 1 }], removed: { duplicates: 2 }, screened: 8, excluded: 3, sought: 5, assessed: 4 });
    expect(c.other).toEqual({ sources: [{ name: 'Citation searching', n: 2 }], sought: 1, not_retrieved: 0, assessed: 1, excluded_reasons: [] });
    expect([c.included_studies, c.included_reports]).toEqual([3, 3]);
    expect(checkPrismaCounts(c)).toEqual([]);
    const svg = prismaDiagram(c).replace(/\u00a0/g, ' ');
    expect(svg).toMatch(/data-id="other-identified">.*?>Citation searching \(n = 2\)<\/text>/);
    expect(svg.indexOf('Databases, total (n = 9)')).toBeLessThan(svg.indexOf('ClinicalTrials.gov (n = 1)'));
  });

  it('exports the references by where they stand: RIS with a note line, CSV with status columns; a bad set or format is named', async () => {
    const included = await exportRecords(store, owner, review, 'included', 'ris');
    expect(included.records).toBe(3);
    expect(included.fileName).toBe('telehealth-in-palliative-care-included.ris');
    const parsed = await parseExport(included.text, {});
    expect(parsed.records.map((r) => r.title).sort()).toEqual(['Nurse-led telehealth for rural palliative care', 'Video consultations in palliative care: a randomised trial', 'Videoconferencing for family meetings in hospice care']);
    expect(included.text.match(/^N1 {2}- metasift record \d+: included$/gm)).toHaveLength(3);
    const excluded = await exportRecords(store, owner, review, 'excluded-full-text', 'csv');
    const lines = excluded.text.trim().split('\r\n');
    expect(lines[0]!.endsWith(',metasift_record,metasift_status,metasift_reason')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(-2).join(',')).sort()).toEqual(['excluded at full text,Conference abstract only', 'excluded at full text,Wrong outcomes']);
    // every record imported, each copy saying which record it duplicates
    const all = await exportRecords(store, owner, review, 'all', 'csv');
    expect(all.records).toBe(12);
    expect(all.text.match(/duplicate of record \d+/g)).toHaveLength(3);
    await expect(exportRecords(store, owner, review, 'screened', 'ris')).rejects.toThrow('set: "screened" is not one of all, unique, sought, excluded-full-text, included');
    await expect(exportRecords(store, owner, review, 'included', 'xml')).rejects.toThrow('format: "xml" is not one of ris, csv');
  });
});

