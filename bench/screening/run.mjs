#!/usr/bin/env node
// Screening benchmark (a script, not a test): every labelled set in shared/benchmarks/screening simulated
// over several seeds with the default model; WSS@95, RRF@10 and ATD beside ASReview's published figures
// (Ferdinands et al. 2023), the time per simulation, the stopping rule's recall and work saved, and the
// retrain-and-rerank time at 20,000 records.
//   node bench/screening/run.mjs [--seeds 3]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { decodeBytes, simulate, tfidf, naiveBayes, DEFAULT_SCREENING_CONFIG } from '../../packages/core/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const data = join(root, '../shared/benchmarks/screening');
const seedsArg = process.argv.indexOf('--seeds');
const seeds = Array.from({ length: seedsArg > 0 ? Number(process.argv[seedsArg + 1]) : 3 }, (_, i) => i + 1);
const anchors = {};
for (const row of parse(readFileSync(join(root, '../shared/benchmarks/anchors/screening_anchors.csv'), 'utf8'), { columns: true })) {
  (anchors[row.dataset] ??= {})[row.metric.split(' ')[0]] = Number(row.value);
}
const SETS = [
  ['ace', 'ferdinands_ace/ace.csv', 'label_included'],
  ['nudging', 'ferdinands_nudging/nudging.csv', 'included'],
  ['virus', 'ferdinands_virus/virus.csv', 'included'],
  ['wilson', 'ferdinands_wilson/wilson.csv', 'included'],
  ['ptsd (6189-row version)', 'van_de_Schoot_2017_PTSD/van_de_Schoot_2017.csv', 'label_included'],
  ['kitchenham', 'Kitchenham_2010/Kitchenham_2010.csv', 'label_included'],
  ['bannach-brown', 'Bannach-Brown_2019/Bannach-Brown_2019.csv', 'label_included'],
  ['cohen ACE? no: beta blockers', 'Cohen_2006/BetaBlockers.csv', 'label_included'],
  ['cohen calcium channel blockers', 'Cohen_2006/CalciumChannelBlockers.csv', 'label_included'],
  ['cohen opioids', 'Cohen_2006/Opiods.csv', 'label_included'],
  ['cohen proton pump inhibitors', 'Cohen_2006/ProtonPumpInhibitors.csv', 'label_included'],
];
SETS[7][0] = 'cohen beta blockers';

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '');
console.log(`metasift screening benchmark — model ${JSON.stringify(DEFAULT_SCREENING_CONFIG)}, seeds ${seeds.join(',')}; ASReview (NB+TF-IDF+max+double, 15 runs) where published\n`);
console.log('set                             records  relevant   WSS@95 (ASReview)   RRF@10 (ASReview)   ATD (ASReview)   s/sim | stopping rule: recall  work saved');
for (const [name, file, col] of SETS) {
  const rows = parse(decodeBytes(readFileSync(join(data, file))).text, { columns: true, relax_column_count: true });
  const texts = rows.map((r) => `${r.title ?? ''} ${r.abstract ?? ''}`);
  const labels = rows.map((r) => (Number(r[col]) === 1 ? 1 : 0));
  const res = [];
  const times = [];
  for (const seed of seeds) {
    const t0 = performance.now();
    res.push(simulate({ texts, labels, seed, stopping: { recallTarget: 0.95, confidence: 0.95, patience: Math.max(50, Math.ceil(0.05 * texts.length)) } }));
    times.push((performance.now() - t0) / 1000);
  }
  const a = anchors[name.split(' ')[0]] ?? {};
  console.log(
    `${name.padEnd(31)} ${String(rows.length).padStart(7)} ${String(labels.filter((l) => l === 1).length).padStart(9)}   ${f(mean(res.map((r) => r.wss95))).padStart(6)} (${f(a['WSS@95']).padStart(5)})      ${f(mean(res.map((r) => r.rrf10))).padStart(6)} (${f(a['RRF@10']).padStart(5)})     ${f(mean(res.map((r) => r.atd))).padStart(5)} (${f(a['ATD']).padStart(4)})   ${f(mean(times), 2).padStart(5)} | ${f(100 * mean(res.map((r) => r.stopping.recall))).padStart(19)}%  ${f(100 * mean(res.map((r) => r.stopping.workSaved))).padStart(9)}%`,
  );
}

// interactive speed: retrain and re-rank at 20,000 records with 2,000 labelled
const words = 'palliative telehealth cancer video trial quality life symptom depression care nurse home outcome patients survival pain randomised cohort qualitative feasibility'.split(' ');
let seed = 5;
const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
const big = Array.from({ length: 20_000 }, () => Array.from({ length: 120 }, () => words[Math.floor(rand() * words.length)] + Math.floor(rand() * 300)).join(' '));
const X = tfidf(big, { bigrams: false });
const labelled = Array.from({ length: 2000 }, (_, i) => i);
const labs = labelled.map((i) => (i % 50 === 0 ? 1 : 0));
const out = new Float64Array(X.rows);
const clf = naiveBayes();
const ts = [];
for (let r = 0; r < 10; r++) {
  const t0 = performance.now();
  clf.fitScore(X, labelled, labs, out);
  ts.push(performance.now() - t0);
}
ts.sort((x, y) => x - y);
console.log(`\nretrain + re-rank at 20,000 records (2,000 labelled, ${X.cols} features): ${ts[5].toFixed(1)} ms (target ≤ 100 ms)`);
