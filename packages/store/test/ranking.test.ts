/** Relevance order at title/abstract: the screening model puts the records like the included ones first. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReview, createUser, decide, getSettings, importSearchRun, nextForReviewer, setMember, setSettings, type Store } from '../src/index.js';
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
    expect(JSON.parse(rankings[0]!.ranking)).toMatchObject({ features: 'tfidf', classifier: 'nb', version: expect.any(String) });
  });
});
