#!/usr/bin/env node
// Load: 20 reviewers screen concurrently over HTTP on loopback until 10,000 decisions are made; prints
// the p50/p95/p99 latency (the server runs in its own process) of one "decide + next record" step and checks that no decision was lost or
// duplicated. SQLite by default (a temp file); set DATABASE_URL to run on PostgreSQL (the database is wiped).
// Usage: node bench/server/load.mjs [--reviewers 20] [--decisions 10000] [--think MS]
import { rmSync } from 'node:fs';
import { arg, benchTarget } from './bench-store.mjs';
import { createReview, createUser, importSearchRun, openStore, setMember } from '@metasift/store';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import http from 'node:http';

const REVIEWERS = arg('reviewers', 20);
/** Milliseconds each reviewer waits between decisions (0: as fast as the server answers — a saturation test). */
const THINK = arg('think', 0);
const DECISIONS = arg('decisions', 10_000);
const RECORDS = Math.ceil(DECISIONS / 2); // two reviewers per record, as dual screening does

const { url, dir, target } = await benchTarget('load');
const store = await openStore(target);
const owner = await createUser(store, { email: 'owner@load.test', displayName: 'owner', password: 'load-test-pw' });
const review = await createReview(store, owner, { title: 'load', protocol: { question: 'q', pico: {}, criteria: [], outcomes: [], analyses: [], registry_id: '' } });
const text = Array.from({ length: RECORDS }, (_, i) => `TY  - JOUR\nTI  - Record ${i}: telehealth in palliative care\nPY  - 2020\nER  - \n`).join('\n');
await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: 'x', fileName: 'load.ris', text });
const users = [];
for (let i = 0; i < REVIEWERS; i++) {
  const id = await createUser(store, { email: `r${i}@load.test`, displayName: `r${i}`, password: 'load-test-pw' });
  await setMember(store, owner, review, id, 'reviewer');
  users.push(`r${i}@load.test`);
}
await store.close();
const child = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), fileURLToPath(new URL('serve-child.mjs', import.meta.url)), url ?? target.file], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve) => child.stdout.once('data', (b) => resolve(b.toString().trim().replace(/\/$/, ''))));

// node:http with keep-alive rather than fetch: undici's fetch costs the load generator several times the
// CPU per request, and on this 2-core machine the generator shares the cores with the server it measures
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, agent, headers: body ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, json: () => JSON.parse(Buffer.concat(chunks).toString()) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function session(email) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'load-test-pw' }) });
  const { csrf } = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf };
}

const latencies = [];
let made = 0;
let errors = 0;
const perReviewer = Math.floor(DECISIONS / REVIEWERS);
// reviewers work in pairs on the same half of the records, so every record gets two decisions
async function reviewer(k, s) {
  const nextPath = `/api/reviews/${review}/screening/title_abstract/next`;
  let next = (await request('GET', nextPath, { cookie: s.cookie })).json().record;
  for (let i = 0; i < perReviewer && next; i++) {
    const t0 = performance.now();
    // one round trip: the decision's answer carries the next record (?next=true), as the web app asks it
    const d = await request('POST', `/api/reviews/${review}/screening/title_abstract/decisions?next=true`, { cookie: s.cookie, 'x-csrf-token': s.csrf }, JSON.stringify({ recordId: next.id, verdict: (next.id + k) % 3 === 0 ? 'include' : 'exclude', reasons: [] }));
    if (d.status !== 200) {
      errors++;
      next = (await request('GET', nextPath, { cookie: s.cookie })).json().record;
    } else {
      made++;
      next = d.json().next;
    }
    latencies.push(performance.now() - t0);
    if (THINK) await new Promise((r) => setTimeout(r, THINK));
  }
}

const sessions = await Promise.all(users.map(session));
const t0 = performance.now();
await Promise.all(sessions.map((s, k) => reviewer(k, s)));
const secs = (performance.now() - t0) / 1000;

child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const check = await openStore(target);
const rows = await check.db.selectFrom('decisions').select(['reviewer_id', 'record_id']).where('review_id', '=', review).execute();
const distinct = new Set(rows.map((r) => `${r.reviewer_id}:${r.record_id}`)).size;
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(`${url ? 'PostgreSQL' : 'SQLite'}: ${REVIEWERS} reviewers${THINK ? `, ${THINK} ms between decisions` : ', no pause between decisions'}, ${made} decisions in ${secs.toFixed(1)} s (${(made / secs).toFixed(0)}/s), ${errors} errors`);
console.log(`decide + next: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms (target p95 < ${url ? 100 : 50} ms)`);
console.log(`stored decisions ${rows.length}, distinct (reviewer, record) ${distinct}: ${rows.length === made && distinct === made ? 'none lost, none duplicated' : 'MISMATCH'}`);
await check.close();
rmSync(dir, { recursive: true, force: true });
if (rows.length !== made || distinct !== made || errors) process.exitCode = 1;
