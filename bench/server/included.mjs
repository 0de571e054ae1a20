#!/usr/bin/env node
// The review after screening at the reference review's size: 4,232 records screened by two reviewers at
// title/abstract, 10% on to full text, 42 studies included. Times the requests of the extraction and
// appraisal pages — each works out the included studies from every screening decision (the PRISMA flow)
// — and the PRISMA counts and the references' export beside them, p50 and max over 20 calls, on SQLite (or PostgreSQL with
// DATABASE_URL, whose database is wiped).
// Usage: node bench/server/included.mjs [--records 4232] [--included 42]
import { rmSync } from 'node:fs';
import { arg, benchTarget } from './bench-store.mjs';
import {
  appraisedStudies,
  createReview,
  createUser,
  decide,
  exportRecords,
  importSearchRun,
  includedStudies,
  openStore,
  prismaCounts,
  saveExtraction,
  setMember,
  studyAppraisal,
  studyExtraction,
} from '@metasift/store';

const N = arg('records', 4232);
const INCLUDED = arg('included', 42);
const FULL_TEXT = Math.max(INCLUDED, Math.round(N / 10));

const { url, dir, target } = await benchTarget('included');
const store = await openStore(target);
const owner = await createUser(store, { email: 'o@x.org', displayName: 'o', password: 'bench-pw-123' });
const reviewers = [await createUser(store, { email: 'a@x.org', displayName: 'a', password: 'bench-pw-123' }), await createUser(store, { email: 'b@x.org', displayName: 'b', password: 'bench-pw-123' })];
const protocol = { question: 'q', pico: {}, criteria: [], outcomes: [{ name: 'Quality of life', direction: 'higher', measure: 'SMD' }], analyses: [], registry_id: '' };
const review = await createReview(store, owner, { title: 'included', protocol });
for (const r of reviewers) await setMember(store, owner, review, r, 'reviewer');
const text = Array.from({ length: N }, (_, i) => `TY  - JOUR\nAU  - Author${i}, A\nTI  - Telehealth in palliative care, study ${i}\nPY  - ${2000 + (i % 24)}\nER  - \n`).join('\n');
await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: 'x', fileName: 'r.ris', text });
const ids = (await store.db.selectFrom('records').select('id').where('review_id', '=', review).orderBy('id').execute()).map((r) => r.id);
let t0 = performance.now();
for (const [k, id] of ids.entries()) for (const r of reviewers) await decide(store, r, review, { stage: 'title_abstract', recordId: id, verdict: k < FULL_TEXT ? 'include' : 'exclude' });
for (const [k, id] of ids.slice(0, FULL_TEXT).entries())
  for (const r of reviewers) await decide(store, r, review, { stage: 'full_text', recordId: id, verdict: k < INCLUDED ? 'include' : 'exclude', ...(k < INCLUDED ? {} : { reasons: ['Wrong study design'] }) });
const seeded = performance.now() - t0;
// half the studies extracted by one reviewer, so the list has statuses to work out
for (const id of ids.slice(0, Math.floor(INCLUDED / 2))) await saveExtraction(store, reviewers[0], review, { recordId: id }, { characteristics: { design: 'RCT' }, outcomes: {} });

async function time(label, fn) {
  const ms = [];
  let out;
  for (let k = 0; k < 20; k++) {
    t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(56)} p50 ${ms[10].toFixed(1).padStart(7)} ms   max ${ms.at(-1).toFixed(1).padStart(7)} ms`);
  return out;
}
console.log(`${url ? 'PostgreSQL' : 'SQLite'}: ${N} records, ${2 * N + 2 * FULL_TEXT} decisions by two reviewers (made in ${(seeded / 1000).toFixed(1)} s), ${FULL_TEXT} at full text, ${INCLUDED} included`);
const list = await time('extraction list (GET …/extraction)', () => includedStudies(store, reviewers[0], review));
if (list.length !== INCLUDED) throw new Error(`expected ${INCLUDED} included studies, got ${list.length}`);
await time('one study’s extraction (GET …/records/{id})', () => studyExtraction(store, reviewers[1], review, { recordId: ids[0] }));
await time('save an extraction (PUT …/records/{id})', () => saveExtraction(store, reviewers[1], review, { recordId: ids[1] }, { characteristics: { design: 'RCT' }, outcomes: {} }));
await time('appraisal list (GET …/appraisal)', () => appraisedStudies(store, reviewers[0], review));
await time('one study’s appraisal (GET …/records/{id})', () => studyAppraisal(store, reviewers[0], review, { recordId: ids[0] }));
const counts = await time('PRISMA counts (GET …/prisma)', () => prismaCounts(store, owner, review));
console.log(`(PRISMA: ${counts.screened} screened, ${counts.assessed} assessed at full text, ${counts.included_studies} studies included)`);
const all = await time('export every record as RIS (GET …/export/references)', () => exportRecords(store, owner, review, 'all', 'ris'));
await time('export the included as CSV', () => exportRecords(store, owner, review, 'included', 'csv'));
console.log(`(export: ${all.records} records, ${(all.text.length / 1e6).toFixed(1)} MB of RIS)`);
await store.close();
rmSync(dir, { recursive: true, force: true });
