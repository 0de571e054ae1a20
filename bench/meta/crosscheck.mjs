#!/usr/bin/env node
// Cross-check (a script, not a test): R metafor computes several hundred analyses on published data sets
// that the shared reference cases do not use (bench/meta/crosscheck.R, R package metadat), and
// `metasift meta` must give the same numbers within the contract's tolerance
// (|got − expected| ≤ 1e-6·|expected| + 1e-9). Prints every disagreement and the count that agree.
// Needs Rscript with metafor, metadat and jsonlite (Debian: r-cran-metafor).
//   node bench/meta/crosscheck.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTable } from '../../packages/cli/dist/read-table.js';
import { parseMetaArgs, runMeta } from '../../packages/cli/dist/commands/meta.js';
import { toJson } from '../../packages/cli/dist/json.js';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'metasift-crosscheck-'));
const t0 = performance.now();
const r = spawnSync('Rscript', [join(here, 'crosscheck.R'), dir], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(`Rscript failed (is R with metafor, metadat and jsonlite installed?)\n${r.stderr ?? r.error}`);
  process.exit(2);
}
const rSeconds = (performance.now() - t0) / 1000;

/** Where `got` disagrees with `expected`, recursively (keys only in `got` are welcome). */
function mismatches(expected, got, path = '') {
  if (typeof expected === 'number') return typeof got === 'number' && Math.abs(got - expected) <= 1e-6 * Math.abs(expected) + 1e-9 ? [] : [`${path}: R ${expected}, metasift ${JSON.stringify(got)}`];
  if (expected === null || typeof expected !== 'object') return expected === got ? [] : [`${path}: R ${JSON.stringify(expected)}, metasift ${JSON.stringify(got)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) return [`${path}: R has ${expected.length} values, metasift ${Array.isArray(got) ? got.length : typeof got}`];
    return expected.flatMap((e, i) => mismatches(e, got[i], `${path}[${i}]`));
  }
  if (got === null || typeof got !== 'object') return [`${path}: metasift has no object here`];
  return Object.entries(expected).flatMap(([k, v]) => (k in got ? mismatches(v, got[k], `${path}.${k}`) : [`${path}.${k}: missing`]));
}

const { generator, cases } = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const t1 = performance.now();
let disagree = 0;
for (const c of cases) {
  let diff;
  try {
    diff = mismatches(c.expected, JSON.parse(toJson(runMeta(readTable(join(dir, c.data)), parseMetaArgs(c.args)))));
  } catch (err) {
    diff = [`error: ${err.message}`];
  }
  if (diff.length === 0) continue;
  disagree++;
  console.log(`${c.id} (${c.args.join(' ')}): ${diff.slice(0, 3).join('; ')}${diff.length > 3 ? `; … ${diff.length - 3} more` : ''}`);
}
const datasets = new Set(cases.map((c) => c.data)).size;
console.log(`${cases.length - disagree} of ${cases.length} analyses on ${datasets} data sets agree with ${generator} (R ${rSeconds.toFixed(0)} s, metasift ${((performance.now() - t1) / 1000).toFixed(1)} s)`);
process.exit(disagree === 0 ? 0 : 1);
