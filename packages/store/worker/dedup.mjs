// Worker thread of the review store's deduplication (src/dedup-run.ts): runs the core's deduplicate()
// over a review's records off the main thread. Records arrive as their stored JSON (strings copy
// cheaply between threads; parsing them here keeps that work off the main thread too).
import { parentPort, workerData } from 'node:worker_threads';
import { deduplicate } from '@metasift/core';

const { rows, decisions } = workerData;
let answer;
try {
  const records = rows.map((r) => ({ ...JSON.parse(r.fields), id: r.id, database: r.database, raw: {} }));
  answer = { ok: true, value: deduplicate(records, { decisions }) };
} catch (e) {
  answer = { ok: false, message: e instanceof Error ? e.message : String(e) };
}
parentPort.postMessage(answer);
