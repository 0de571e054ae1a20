#!/usr/bin/env node
// Checks `metasift meta --r-script` end to end (a script, not a test: it takes minutes): for every
// reference case (../shared/reference/metafor and packages/cli/test/fixtures/metafor-extra) it writes the
// R script metasift would write, runs it with Rscript, and counts the scripts whose every check agrees
// with metafor. Prints each script that fails with what differed. Needs Rscript with metafor
// (Debian: r-cran-metafor).
// With --random N it checks N random analyses instead (seeded): random data of every measure, 2 to 12
// studies with zero cells and singleton subgroups, and random options (model, test, level, subgroups,
// a moderator, sensitivity subsets, a cumulative order, clusters, the three-level model) — the edge cases published data sets
// rarely have. An analysis metasift refuses is listed with its message, for a reader to judge.
//   node bench/meta/r-scripts.mjs [--jobs 2] [--random 200 [--seed 1]]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metaRScript, seededRandom, tableToCsv } from '../../packages/core/dist/index.js';
import { readTable } from '../../packages/cli/dist/read-table.js';
import { parseMetaArgs, runMeta } from '../../packages/cli/dist/commands/meta.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const jobs = arg('--jobs', 2);
const random = arg('--random', 0);
const out = mkdtempSync(join(tmpdir(), 'metasift-r-scripts-'));
const dirs = [join(here, '../../../shared/reference/metafor'), join(here, '../../packages/cli/test/fixtures/metafor-extra')];
const cases = random > 0 ? randomCases(random, arg('--seed', 1)) : dirs.flatMap((dir) => JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')).cases.map((c) => ({ ...c, dir })));

/** N random analyses, each a CSV written to `out` and its arguments. */
function randomCases(n, seed) {
  const rand = seededRandom(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const round = (x, d = 2) => Number(x.toFixed(d));
  const MEASURES = ['SMD', 'MD', 'ROM', 'OR', 'RR', 'RD', 'PETO', 'ZCOR', 'PLO', 'GEN'];
  return Array.from({ length: n }, (_, i) => {
    const measure = pick(MEASURES);
    const k = int(2, 12);
    const columns = {
      SMD: ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'], MD: ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'], ROM: ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'],
      OR: ['ai', 'n1i', 'ci', 'n2i'], RR: ['ai', 'n1i', 'ci', 'n2i'], RD: ['ai', 'n1i', 'ci', 'n2i'], PETO: ['ai', 'n1i', 'ci', 'n2i'],
      ZCOR: ['ri', 'ni'], PLO: ['xi', 'ni'], GEN: ['yi', 'vi'],
    }[measure];
    const effect = rand() * 1.5 - 0.5;
    // effects never all equal: then Egger's and the rank test are 0/0, and R and metasift round differently
    const spread = pick([0.03, 0.1, 0.5]);
    const row = () => {
      const shift = effect + spread * (rand() - 0.5) * 2;
      switch (columns[0]) {
        case 'm1i': {
          const [n1, n2] = [int(5, 80), int(5, 80)];
          const base = measure === 'ROM' ? 20 + rand() * 30 : rand() * 50;
          return [round(base * (measure === 'ROM' ? Math.exp(shift / 3) : 1) + (measure === 'ROM' ? 0 : shift * 10)), round(2 + rand() * 10), n1, round(base), round(2 + rand() * 10), n2];
        }
        case 'ai': {
          const [n1, n2] = [int(10, 120), int(10, 120)];
          const zero = rand() < 0.2;
          return [zero ? 0 : int(0, Math.floor(n1 / 3)), n1, int(zero && rand() < 0.3 ? 0 : 1, Math.floor(n2 / 2)), n2];
        }
        case 'ri':
          return [round(Math.tanh(shift) * 0.9, 3), int(10, 200)];
        case 'xi': {
          const ni = int(10, 150);
          return [int(1, ni - 1), ni];
        }
        default:
          return [round(shift, 3), round(0.01 + rand() * 0.3, 4)];
      }
    };
    const levels = pick([['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]);
    const rows = Array.from({ length: k }, (_, j) => [`S${j + 1}`, ...row(), pick(levels), String(1990 + int(0, 30)), String(round(rand() * 10, 1)), `c${Math.floor(j / 2)}`]);
    const table = { columns: ['study', ...columns, 'grp', 'year', 'x', 'trial'], rows: rows.map((r) => r.map(String)) };
    const data = `random-${i + 1}.csv`;
    writeFileSync(join(out, data), tableToCsv(table));
    const method = measure === 'PETO' ? 'PETO' : ['OR', 'RR', 'RD'].includes(measure) && rand() < 0.25 ? 'MH' : pick(['REML', 'DL', 'ML', 'PM', 'HE', 'SJ', 'EB', 'HS', 'EE']);
    const args = ['--measure', measure, '--method', method, '--level', String(pick([90, 95, 95, 99]))];
    const model = !['MH', 'PETO'].includes(method);
    if (model) args.push('--test', pick(['z', 'z', 'knha', 't', 'adhoc']));
    const roll = rand();
    if (model && roll < 0.2) args.push('--mods', 'x');
    else if (roll < 0.45) args.push('--subgroup', 'grp');
    if (!args.includes('--mods') && rand() < 0.2) args.push('--sensitivity', `grp!=${levels[0]}`);
    if (!args.includes('--mods') && rand() < 0.15) args.push('--cumulative', 'year');
    if (model && rand() < 0.25) args.push('--cluster', 'trial');
    // one in five model fits: the three-level model instead, the rows nested in trial (pairs of rows)
    if (model && rand() < 0.2) {
      const ml = ['--measure', measure, '--method', pick(['REML', 'ML']), '--level', args[5], '--test', pick(['z', 't']), '--multilevel', 'trial'];
      if (rand() < 0.3) ml.push('--mods', 'x');
      return { id: `random-${i + 1}`, data, args: ml, dir: out };
    }
    return { id: `random-${i + 1}`, data, args, dir: out };
  });
}

const run = (file) =>
  new Promise((resolve) => {
    const p = spawn('Rscript', [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    p.stdout.on('data', (d) => (text += d));
    p.stderr.on('data', (d) => (text += d));
    p.on('error', (e) => resolve({ status: -1, text: String(e) }));
    p.on('close', (status) => resolve({ status, text }));
  });

const t0 = performance.now();
let next = 0;
let passed = 0;
let checks = 0;
const failed = [];
const refused = [];
async function worker() {
  while (next < cases.length) {
    const c = cases[next++];
    const flags = parseMetaArgs(c.args);
    const table = readTable(join(c.dir, c.data));
    let report;
    try {
      report = runMeta(table, flags);
    } catch (e) {
      refused.push(`${c.id} (${c.args.join(' ')}): ${e.message}`);
      continue;
    }
    const script = metaRScript(table, report, {
      ...(flags.subgroup && { subgroup: flags.subgroup }),
      ...(flags.mods && { mods: flags.mods.split(',') }),
      command: `metasift meta ${c.data} ${c.args.join(' ')}`,
    });
    const file = join(out, `${c.id}.R`);
    writeFileSync(file, script);
    const { status, text } = await run(file);
    const m = /(\d+) of (\d+) checks agree/.exec(text);
    if (m) checks += Number(m[2]);
    if (status === 0 && m && m[1] === m[2]) passed++;
    else failed.push(`${c.id} (exit ${status}): ${text.split('\n').filter((l) => /DIFFERS|Error|error/.test(l)).join(' | ') || text.slice(-400)}`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
for (const f of failed) console.log(`FAIL ${f}`);
for (const f of refused) console.log(`refused ${f}`);
console.log(`${passed} of ${cases.length - refused.length} R scripts agree with metasift in every check (${checks} checks in all; ${refused.length} analyses refused); ` +
  `${((performance.now() - t0) / 1000).toFixed(0)} s with ${jobs} jobs; scripts in ${out}`);
process.exitCode = failed.length ? 1 : 0;
