#!/usr/bin/env node
// Relevance order at scale: a review of N records (default 20,000) on SQLite, some decisions made, then
// the time of one "next record by relevance" (fit the model on the current decisions and rank every
// unique record) — the first call builds the feature matrix (in a worker thread: the bench reports how
// long the event loop was held meanwhile), later calls reuse it; then 200 more records are imported and
// the first call after the rebuild is timed the same way.
// Usage: node bench/server/ranking.mjs [--records 20000] [--decided 500]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { held } from './lag.mjs';
import { arg } from './bench-store.mjs';
import { createReview, createUser, decide, getSettings, importSearchRun, nextForReviewer, openStore, setMember, setSettings } from '@metasift/store';

const N = arg('records', 20_000);
const DECIDED = arg('decided', 500);
const WORDS = 'telehealth video telephone palliative cancer advanced symptom quality life depression knee hip surgery trial cohort randomised outcome patients care home nurse pain fatigue caregiver app text message hospital'.split(' ');
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const sentence = (n) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'metasift-rank-'));
const store = await openStore({ file: join(dir, 'r.sqlite') });
const owner = await createUser(store, { email: 'o@x.org', displayName: 'o', password: 'bench-pw-123' });
const rev = await createUser(store, { email: 'r@x.org', displayName: 'r', password: 'bench-pw-123' });
const review = await createReview(store, owner, { title: 'rank', protocol: { question: 'q', pico: {}, criteria: [], outcomes: [], analyses: [], registry_id: '' } });
await setMember(store, owner, review, rev, 'reviewer');
const text = Array.from({ length: N }, (_, i) => `TY  - JOUR\nTI  - ${sentence(10)} ${i}\nAB  - ${sentence(120)}\nER  - \n`).join('\n');
await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: '', fileName: 'r.ris', text });
await setSettings(store, owner, review, { ...(await getSettings(store, owner, review)), order: 'relevance' });
const ids = (await store.db.selectFrom('records').select('id').orderBy('id').limit(DECIDED).execute()).map((r) => r.id);
for (const [k, id] of ids.entries()) await decide(store, rev, review, { stage: 'title_abstract', recordId: id, verdict: k % 10 === 0 ? 'include' : 'exclude' });
// how long the event loop is held during the first call (other requests wait that long)
const { ms: first, worst: worstLag } = await held(() => nextForReviewer(store, rev, review, 'title_abstract'));

const times = [];
for (let k = 0; k < 20; k++) {
  const t = performance.now();
  const r = await nextForReviewer(store, rev, review, 'title_abstract');
  times.push(performance.now() - t);
  await decide(store, rev, review, { stage: 'title_abstract', recordId: r.id, verdict: k % 3 ? 'exclude' : 'include' });
}
console.log("per call (ms):", times.map((x) => x.toFixed(0)).join(" "));
times.sort((a, b) => a - b);
console.log(`relevance order, ${N} records, ${DECIDED}+ decisions: first call (builds the features${N >= 2000 ? ' in a worker thread' : ''}) ${first.toFixed(0)} ms, event loop held at most ${worstLag.toFixed(0)} ms; then refit + rank per next record: p50 ${times[10].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms (target ≤ 100 ms)`);

// a second search run arrives: the features are rebuilt and the first fit on them starts from the last
// model's state (carried by record id), so the event loop is held about as long as for a warm refit
const more = Array.from({ length: 200 }, (_, i) => `TY  - JOUR\nTI  - ${sentence(10)} more ${i}\nAB  - ${sentence(120)}\nER  - \n`).join('\n');
await importSearchRun(store, owner, review, { database: 'Embase', platform: 'Ovid', searchedOn: '2024-02-01', strategy: '', fileName: 'more.ris', text: more });
const { ms: rebuilt, worst: rebuiltLag } = await held(() => nextForReviewer(store, rev, review, 'title_abstract'));
console.log(`after importing 200 more records: first call (rebuilds the features) ${rebuilt.toFixed(0)} ms, event loop held at most ${rebuiltLag.toFixed(0)} ms`);
await store.close();
rmSync(dir, { recursive: true, force: true });
