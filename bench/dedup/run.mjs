#!/usr/bin/env node
// Deduplication benchmark (a script, not a test): every labelled set in shared/benchmarks/dedup scored
// in the "duplicates to remove" convention (a false positive is a distinct work lost to a wrong merge),
// beside bib-dedupe's published figures; then a generated 100,000-record set for speed and memory.
//   node bench/dedup/run.mjs [--no-100k]
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decidePair, decodeBytes, dedupKeys, deduplicate, parseText, seededRandom } from '../../packages/core/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const data = join(root, '../shared/benchmarks/dedup');
// bib-dedupe's published results (shared/benchmarks/anchors/bibdedupe_current_results_739cbc7.md)
const BIB_DEDUPE = { sra_respiratory: [0.9358, 1], bibdedupe_digital_work: [0.9973, 1], sra_haematology: [0.8889, 1], sra_stroke: [0.9936, 1], sra_cytology_screening: [0.9922, 1] };

/** Scores predicted clusters against true groups: TP/FP/FN/TN over records to remove. */
export function score(ids, clusterOf, truthGroups) {
  const truthOf = new Map();
  truthGroups.forEach((g, gi) => g.forEach((id) => truthOf.set(id, gi)));
  const entity = (id) => truthOf.has(id) ? `g${truthOf.get(id)}` : `s${id}`;
  const predicted = new Map();
  ids.forEach((id, i) => {
    const c = clusterOf[i];
    if (!predicted.has(c)) predicted.set(c, []);
    predicted.get(c).push(id);
  });
  let removed = 0;
  let fp = 0;
  for (const members of predicted.values()) {
    removed += members.length - 1;
    fp += new Set(members.map(entity)).size - 1;
  }
  const trueRemove = ids.length - new Set(ids.map(entity)).size;
  const tp = removed - fp;
  const fn = trueRemove - tp;
  const tn = ids.length - tp - fp - fn;
  return { tp, fp, fn, tn, sensitivity: tp / (tp + fn), specificity: tn / (tn + fp) };
}

function load(set) {
  const dir = join(data, set);
  const file = existsSync(join(dir, 'records_pre_merged.csv')) ? 'records_pre_merged.csv' : 'labelled_test_set.csv';
  const { text } = decodeBytes(readFileSync(join(dir, file)));
  const records = parseText(text, { format: 'csv' }).records;
  if (file === 'labelled_test_set.csv') for (const r of records) r.id = `id_${String(r.id).padStart(7, '0')}`;
  const truth = readFileSync(join(dir, 'merged_record_ids.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.replace(/"/g, '').split(';'));
  return { records, truth };
}

const rows = [];
for (const set of ['sra_respiratory', 'bibdedupe_digital_work', 'sra_haematology', 'sra_stroke', 'sra_cytology_screening', 'asysd_diabetes', 'bibdedupe_special_cases']) {
  if (!existsSync(join(data, set))) continue;
  const { records, truth } = load(set);
  const t0 = performance.now();
  const res = deduplicate(records);
  const ms = performance.now() - t0;
  // the queue decided: a person (here the labels) merges each uncertain pair of one work and keeps the
  // others apart, and deduplication runs again with those verdicts, as the review store does
  const group = new Map();
  truth.forEach((g, gi) => g.forEach((id) => group.set(id, gi)));
  const decisions = res.uncertain.map(([a, b]) => ({ a, b, verdict: group.has(a) && group.get(a) === group.get(b) ? 'merge' : 'keep-apart' }));
  const after = score(records.map((r) => r.id), deduplicate(records, { decisions }).clusterOf, truth);
  rows.push({ set, n: records.length, ms, uncertain: res.uncertain.length, afterQueue: after.sensitivity, misses: missesByRule(records, res.clusterOf, truth), ...score(records.map((r) => r.id), res.clusterOf, truth) });
}

/**
 * Why the duplicates left unmerged were kept apart: for each copy outside its work's largest cluster,
 * the rule of its most alike pair with that cluster (a queued pair counts as "queued").
 */
function missesByRule(records, clusterOf, truth) {
  const index = new Map(records.map((r, i) => [r.id, i]));
  const keys = new Map();
  const keyOf = (i) => keys.get(i) ?? keys.set(i, dedupKeys(records[i], i)).get(i);
  const counts = new Map();
  for (const g of truth) {
    const members = g.filter((id) => index.has(id)).map((id) => index.get(id));
    const clusters = new Map();
    for (const i of members) (clusters.get(clusterOf[i]) ?? clusters.set(clusterOf[i], []).get(clusterOf[i])).push(i);
    if (clusters.size < 2) continue;
    const [main, ...rest] = [...clusters.values()].sort((a, b) => b.length - a.length);
    for (const part of rest) {
      let best;
      for (const x of part) for (const y of main) {
        const d = decidePair(keyOf(x), keyOf(y));
        if (!best || (d.verdict === 'uncertain') > (best.verdict === 'uncertain') || d.score > best.score) best = d;
      }
      const rule = best.verdict === 'uncertain' ? 'queued for a person' : best.reason;
      counts.set(rule, (counts.get(rule) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1]).map(([rule, k]) => `${k} ${rule}`).join('; ');
}

const f = (x, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log('metasift dedup benchmark — "duplicates to remove" convention; "after queue": sensitivity once a person has decided the uncertain pairs\n');
console.log('set                       records     TP    FP    FN      TN   sensitivity  specificity  uncertain   time | after queue | bib-dedupe sens / spec');
for (const r of rows) {
  const b = BIB_DEDUPE[r.set];
  console.log(`${r.set.padEnd(24)} ${String(r.n).padStart(8)} ${String(r.tp).padStart(6)} ${String(r.fp).padStart(5)} ${String(r.fn).padStart(5)} ${String(r.tn).padStart(7)}   ${f(r.sensitivity).padStart(10)}  ${f(r.specificity).padStart(11)}  ${String(r.uncertain).padStart(9)}  ${(r.ms / 1000).toFixed(2).padStart(5)}s | ${f(r.afterQueue).padStart(11)} | ${b ? `${f(b[0])} / ${f(b[1])}` : ''}`);
}

console.log('\nthe duplicates left unmerged, by the rule that kept each copy apart (the labels count errata, replies and abstracts with their articles; the issue keeps them apart):');
for (const r of rows) if (r.misses) console.log(`  ${r.set}: ${r.misses}`);

// the same sets with every other record written as another database might write it: the score should
// not move, and no variant may bring a false merge
const VARIANTS = {
  'pages abbreviated': (r) => ({ ...r, pages: r.pages.replace(/^(\d+)-(\d+)$/, (m, a, b) => { let i = 0; while (b.length === a.length && i < a.length - 1 && a[i] === b[i]) i++; return i > 0 ? `${a}-${b.slice(i)}` : m; }) }),
  'initials only': (r) => ({ ...r, authors: r.authors.map((a) => ({ ...a, given: a.given.split(/[\s.-]+/).filter(Boolean).map((w) => w[0].toUpperCase()).join('') })) }),
  'title upper case': (r) => ({ ...r, title: `${r.title.toUpperCase()}.` }),
  'no DOI': (r) => ({ ...r, doi: '' }),
  'no issue': (r) => ({ ...r, issue: '' }),
};
console.log(`\nthe same sets, every other record rewritten (sensitivity; FP when a variant brings false merges): ${Object.keys(VARIANTS).join(' | ')}`);
for (const set of rows.map((r) => r.set).filter((s) => s !== 'bibdedupe_special_cases')) {
  const { records, truth } = load(set);
  const cells = Object.values(VARIANTS).map((vary) => {
    const varied = records.map((r, i) => (i % 2 ? vary(r) : r));
    const s = score(varied.map((r) => r.id), deduplicate(varied).clusterOf, truth);
    return `${f(s.sensitivity)}${s.fp ? ` FP ${s.fp}` : ''}`;
  });
  console.log(`  ${set.padEnd(24)} ${cells.join(' | ')}`);
}

if (!process.argv.includes('--no-100k')) {
  // 100,000 records: 70,000 works, 30,000 copies with realistic variation (case, punctuation, subtitle,
  // page format, author initials, missing DOI)
  const rand = seededRandom(11);
  // words and names built from syllables: a vocabulary of thousands, as real titles have
  const SYL = 'ka lo mi ne ra ta pe si vu do re an el or is tum bel cor dan fen gar hul ist jor kel lum mar nor'.split(' ');
  const word = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => SYL[Math.floor(rand() * SYL.length)]).join('');
  const works = Array.from({ length: 70_000 }, (_, i) => ({ title: Array.from({ length: 9 }, word).join(' '), family: word()[0].toUpperCase() + word(), year: 1990 + (i % 35), volume: String(1 + (i % 80)), page: String(1 + Math.floor(rand() * 900)), doi: rand() < 0.7 ? `10.9999/w${i}` : '' }));
  const recs = [];
  works.forEach((w, i) => recs.push({ id: `w${i}`, title: w.title, authors: [{ family: w.family, given: 'A' }], year: w.year, volume: w.volume, pages: `${w.page}-${Number(w.page) + 9}`, doi: w.doi, journal: 'Journal', issue: '', type: 'journal-article' }));
  const truthMap = new Map();
  for (let i = 0; i < 30_000; i++) {
    const wi = Math.floor(rand() * works.length);
    const w = works[wi];
    if (!truthMap.has(wi)) truthMap.set(wi, [`w${wi}`]);
    truthMap.get(wi).push(`c${i}`);
    const t = rand() < 0.5 ? w.title.toUpperCase() : `${w.title}.`;
    recs.push({ id: `c${i}`, title: t, authors: [{ family: w.family, given: 'A.B.' }], year: w.year, volume: w.volume, pages: `${w.page}-${String(Number(w.page) + 9).slice(-1)}`, doi: rand() < 0.5 ? w.doi : '', journal: 'J', issue: '', type: 'journal-article' });
  }
  const full = recs.map((r) => ({ format: 'csv', database: '', abstract: '', journal_abbrev: '', pmid: '', pmcid: '', accession: [], issn: [], isbn: [], language: '', keywords: [], mesh: [], publication_types: [], urls: [], raw: {}, line: 0, ...r, pages: r.pages }));
  const m0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const res = deduplicate(full);
  const sec = (performance.now() - t0) / 1000;
  const sc = score(full.map((r) => r.id), res.clusterOf, [...truthMap.values()]);
  console.log(`\n100,000 generated records (70,000 works + 30,000 varied copies): ${sec.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (start ${(m0 / 1048576).toFixed(0)} MB); sensitivity ${f(sc.sensitivity)}, specificity ${f(sc.specificity)}, FP ${sc.fp}`);
  // a search update after a long review: every earlier verdict applied first — 5,000 "keep apart" and
  // 5,000 "merge" decisions between records of the set
  const decisions = Array.from({ length: 10_000 }, (_, k) => ({ a: `w${(k * 7) % 70_000}`, b: k % 2 ? `w${(k * 13 + 1) % 70_000}` : `c${k % 30_000}`, verdict: k % 2 ? 'keep-apart' : 'merge' }));
  const t1 = performance.now();
  deduplicate(full, { decisions });
  console.log(`the same with 10,000 earlier human decisions (5,000 keep apart, 5,000 merge) applied first: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
}
