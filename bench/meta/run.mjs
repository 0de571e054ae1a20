#!/usr/bin/env node
// Benchmark of the meta-analysis engine (a script, not a test): REML + Knapp-Hartung at k = 10 … 10⁶,
// leave-one-out, influence diagnostics, the rank correlation test, Q-profile CIs, the cumulative
// meta-analysis (k refits, cumul()), cluster-robust tests (robust(), clusters of three) and the three-level
// model (rma.mv, random = ~ 1 | cluster/es_id, clusters of three) and the three-parameter selection model
// (selmodel, type = "stepfun", steps = 0.025, on the ML fit) at k = 100 and 1,000,
// and the whole `metasift meta` CLI process.
// When Rscript with metafor is installed (Debian: r-cran-metafor), the same fits run in R on the same
// data (up to k = 1,000) and the ratio R/metasift is printed.
//   node bench/meta/run.mjs [--quick] [--no-r]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { confintTau2, influence, leave1out, metaAnalysis, rankTest, rma, rmaMultilevel, robustFit, seededRandom, selmodel } from '../../packages/core/dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const quick = process.argv.includes('--quick');
const useR = !process.argv.includes('--no-r') && spawnSync('Rscript', ['-e', 'suppressMessages(library(metafor))']).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'metasift-bench-'));

/** Deterministic data: yi ~ N(0.3, τ² + vi) with τ² = 0.05, vi ~ U(0.01, 0.2) (mulberry32 + Box–Muller). */
function simulate(k, seed = 42) {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-300)) * Math.cos(2 * Math.PI * rand());
  const vi = Array.from({ length: k }, () => 0.01 + 0.19 * rand());
  const yi = vi.map((v) => 0.3 + Math.sqrt(0.05 + v) * normal());
  return { yi, vi };
}

/** Median time in ms of `f`, repeated until ~minMs of work (at least 3 runs). */
function time(f, minMs = quick ? 100 : 400) {
  const samples = [];
  const start = performance.now();
  let result;
  while (samples.length < 3 || (performance.now() - start < minMs && samples.length < 10000)) {
    const t0 = performance.now();
    result = f();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], runs: samples.length, result };
}

const fmtMs = (ms) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : ms < 1000 ? `${ms.toFixed(ms < 10 ? 3 : 1)} ms` : `${(ms / 1000).toFixed(2)} s`);
const rows = [];
const rJobs = [];

function writeCsv(name, { yi, vi }) {
  const p = join(tmp, name);
  writeFileSync(p, 'yi,vi\n' + yi.map((y, i) => `${y},${vi[i]}`).join('\n') + '\n');
  return p;
}

// 1. REML + knha across k
const sizes = quick ? [10, 100, 1000, 10000, 100000] : [10, 100, 1000, 10000, 100000, 1000000];
for (const k of sizes) {
  const d = simulate(k);
  const t = time(() => rma({ ...d, method: 'REML', test: 'knha' }), k >= 1e6 ? 1 : undefined);
  rows.push({ task: `REML+knha k=${k}`, ms: t.ms, perStudyNs: (t.ms * 1e6) / k, est: t.result.estimate, tau2: t.result.tau2 });
  if (k <= 1000) rJobs.push({ task: `REML+knha k=${k}`, file: writeCsv(`k${k}.csv`, d), kind: 'fit' });
}
// 2. leave-one-out and Q-profile CIs
for (const k of [100, 1000]) {
  const d = simulate(k, 7);
  const model = rma({ ...d, method: 'REML', test: 'z' });
  const l = time(() => leave1out(model), 200);
  rows.push({ task: `leave1out REML k=${k}`, ms: l.ms });
  const inf = time(() => influence(model), 200);
  rows.push({ task: `influence REML k=${k}`, ms: inf.ms });
  const rank = time(() => rankTest(model), 200);
  rows.push({ task: `ranktest k=${k}`, ms: rank.ms, est: rank.result.tau, tau2: rank.result.pval });
  const c = time(() => confintTau2(model), 200);
  rows.push({ task: `Q-profile CI k=${k}`, ms: c.ms, est: c.result.tau2_ci[0], tau2: c.result.tau2_ci[1] });
  // a cumulative meta-analysis by year (35 years, ties kept in input order): k REML refits of growing size
  const years = d.yi.map((_, i) => 1990 + ((i * 7919) % 35));
  const table = { columns: ['yi', 'vi', 'year'], rows: d.yi.map((y, i) => [String(y), String(d.vi[i]), String(years[i])]) };
  const cm = time(() => metaAnalysis(table, { cumulative: 'year', diagnostics: false })['cumulative'], 200);
  rows.push({ task: `cumulative REML k=${k}`, ms: cm.ms, est: cm.result.estimate.at(-1), tau2: cm.result.tau2.at(-1) });
  const yearFile = join(tmp, `y${k}.csv`);
  writeFileSync(yearFile, 'yi,vi,year\n' + d.yi.map((y, i) => `${y},${d.vi[i]},${years[i]}`).join('\n') + '\n');
  rJobs.push({ task: `cumulative REML k=${k}`, file: yearFile, kind: 'cumul' });
  // cluster-robust tests of the fitted model, the rows in clusters of three (as robust(m, cluster = cl))
  const cl = d.yi.map((_, i) => String(Math.floor(i / 3)));
  const rb = time(() => robustFit({ yi: d.yi, vi: d.vi, tau2: model.tau2, beta: [model.estimate], cluster: cl, level: 95, test: 'z' }), 200);
  rows.push({ task: `robust REML k=${k}`, ms: rb.ms, est: rb.result.coefficients[0].se, tau2: rb.result.coefficients[0].pval });
  const file = writeCsv(`l${k}.csv`, d);
  rJobs.push({ task: `robust REML k=${k}`, file, kind: 'robust' });
  // the three-level model, the same rows nested in the same clusters of three
  const ml = time(() => rmaMultilevel({ yi: d.yi, vi: d.vi, cluster: cl }), 200);
  rows.push({ task: `rma.mv REML k=${k}`, ms: ml.ms, est: ml.result.estimate, tau2: ml.result.sigma2[0] });
  rJobs.push({ task: `rma.mv REML k=${k}`, file, kind: 'mv' });
  // the three-parameter selection model on the ML fit
  const mlFit = rma({ ...d, method: 'ML' });
  const sm = time(() => selmodel(mlFit), 200);
  rows.push({ task: `selmodel 3PSM k=${k}`, ms: sm.ms, est: sm.result.estimate, tau2: sm.result.tau2 });
  rJobs.push({ task: `selmodel 3PSM k=${k}`, file, kind: 'sel' });
  // R's exact Kendall distribution at k = 1,000 takes over four minutes: compared at k = 100 only
  if (k === 100) rJobs.push({ task: `leave1out REML k=${k}`, file, kind: 'l1o' }, { task: `influence REML k=${k}`, file, kind: 'inf' }, { task: `ranktest k=${k}`, file, kind: 'rank' });
  rJobs.push({ task: `Q-profile CI k=${k}`, file, kind: 'confint' });
}
const peakRssMb = process.resourceUsage().maxRSS / 1024;

// 3. the whole CLI process on a reference file
const bin = join(root, 'packages/cli/bin/metasift.js');
const ref = join(root, '../shared/reference/metafor/bcg.csv');
let cli;
if (existsSync(ref)) {
  const runs = [];
  let maxRss = 0;
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, bin, 'meta', ref, '--measure', 'OR', '--method', 'REML', '--json'], { encoding: 'utf8' });
    const [sec, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    runs.push(sec * 1000);
    maxRss = Math.max(maxRss, kb / 1024);
  }
  runs.sort((a, b) => a - b);
  cli = { ms: runs[Math.floor(runs.length / 2)], rssMb: maxRss };
  rows.push({ task: 'CLI process: meta bcg.csv --measure OR (REML, all extras)', ms: cli.ms });
}

// 4. R metafor on the same data
const rTimes = new Map();
if (useR) {
  const script = join(tmp, 'bench.R');
  writeFileSync(
    script,
    `suppressMessages(library(metafor))
args <- commandArgs(TRUE); kind <- args[1]; d <- read.csv(args[2])
tm <- function(f, min = 0.4) { n <- 0; t0 <- proc.time()[[3]]; repeat { r <- f(); n <- n + 1; el <- proc.time()[[3]] - t0; if (el >= min || n >= 10000) break }; list(ms = 1000 * el / n, r = r) }
if (kind == "fit") { x <- tm(function() rma(yi, vi, data = d, method = "REML", test = "knha")); cat(x$ms, x$r$beta[1], x$r$tau2, "\\n") }
if (kind == "l1o") { m <- rma(yi, vi, data = d, method = "REML"); x <- tm(function() leave1out(m), 0); cat(x$ms, NA, NA, "\\n") }
if (kind == "inf") { m <- rma(yi, vi, data = d, method = "REML"); x <- tm(function() influence(m), 0); cat(x$ms, NA, NA, "\\n") }
if (kind == "rank") { m <- rma(yi, vi, data = d, method = "REML"); x <- tm(function() ranktest(m)); cat(x$ms, sprintf("%.17g", x$r$tau), sprintf("%.17g", x$r$pval), "\\n") }
if (kind == "cumul") { m <- rma(yi, vi, data = d, method = "REML"); x <- tm(function() cumul(m, order = d$year), 0); cat(x$ms, x$r$estimate[m$k], x$r$tau2[m$k], "\\n") }
if (kind == "robust") { m <- rma(yi, vi, data = d, method = "REML"); cl <- floor((seq_len(nrow(d)) - 1) / 3); x <- tm(function() robust(m, cluster = cl)); cat(x$ms, sprintf("%.17g", x$r$se), sprintf("%.17g", x$r$pval), "\n") }
if (kind == "mv") { d$cl <- floor((seq_len(nrow(d)) - 1) / 3); d$es <- seq_len(nrow(d)); x <- tm(function() rma.mv(yi, vi, random = ~ 1 | cl/es, data = d)); cat(x$ms, sprintf("%.17g", x$r$beta[1]), sprintf("%.17g", x$r$sigma2[1]), "\n") }
if (kind == "sel") { m <- rma(yi, vi, data = d, method = "ML"); x <- tm(function() selmodel(m, type = "stepfun", steps = 0.025)); cat(x$ms, sprintf("%.17g", x$r$beta[1]), sprintf("%.17g", x$r$tau2), "\n") }
if (kind == "confint") { m <- rma(yi, vi, data = d, method = "REML"); x <- tm(function() confint(m), 0); cat(x$ms, x$r$random[1, 2], x$r$random[1, 3], "\\n") }
`,
  );
  for (const job of rJobs) {
    const r = spawnSync('Rscript', [script, job.kind, job.file], { encoding: 'utf8', timeout: 15 * 60 * 1000 });
    const [ms, est, tau2] = (r.stdout || '').trim().split(/\s+/).map(Number);
    if (Number.isFinite(ms)) rTimes.set(job.task, { ms, est, tau2 });
  }
  if (existsSync(ref)) {
    const small = join(tmp, 'small.R');
    writeFileSync(small, `suppressMessages(library(metafor)); d <- read.csv("${ref}"); e <- escalc("OR", ai=ai, bi=bi, ci=ci, di=di, data=d); m <- rma(yi, vi, data=e); print(m)\n`);
    const runs = [];
    let maxRss = 0;
    for (let i = 0; i < 3; i++) {
      const r = spawnSync('/usr/bin/time', ['-f', '%e %M', 'Rscript', small], { encoding: 'utf8' });
      const [sec, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
      runs.push(sec * 1000);
      maxRss = Math.max(maxRss, kb / 1024);
    }
    runs.sort((a, b) => a - b);
    rTimes.set('CLI process: meta bcg.csv --measure OR (REML, all extras)', { ms: runs[1], rssMb: maxRss });
  }
}

// report
const pad = (s, n) => String(s).padEnd(n);
console.log(`metasift meta benchmark — node ${process.version}, ${quick ? 'quick' : 'full'} run${useR ? ', R metafor side by side' : ' (R metafor not found: install r-cran-metafor for ratios)'}\n`);
console.log(`${pad('task', 58)}${pad('metasift', 12)}${pad('per study', 12)}${pad('R metafor', 12)}${pad('R/metasift', 11)}agree`);
for (const r of rows) {
  const rr = rTimes.get(r.task);
  const agree = rr && Number.isFinite(rr.est) && r.est !== undefined ? (Math.abs(rr.est - r.est) < 1e-4 && Math.abs(rr.tau2 - r.tau2) < 1e-4 ? 'yes' : `no (${rr.est} vs ${r.est})`) : '';
  console.log(
    `${pad(r.task, 58)}${pad(fmtMs(r.ms), 12)}${pad(r.perStudyNs ? `${r.perStudyNs.toFixed(0)} ns` : '', 12)}${pad(rr ? fmtMs(rr.ms) : '', 12)}${pad(rr ? `${(rr.ms / r.ms).toFixed(rr.ms / r.ms < 10 ? 1 : 0)}×` : '', 11)}${agree}`,
  );
}
console.log(`\npeak RSS of this benchmark process: ${peakRssMb.toFixed(0)} MB`);
if (cli) console.log(`CLI process peak RSS: ${cli.rssMb.toFixed(0)} MB${rTimes.get('CLI process: meta bcg.csv --measure OR (REML, all extras)')?.rssMb ? `; Rscript for the same small analysis: ${rTimes.get('CLI process: meta bcg.csv --measure OR (REML, all extras)').rssMb.toFixed(0)} MB` : ''}`);
const target = (ok, what) => console.log(`${ok ? 'met ' : 'MISS'}  ${what}`);
console.log('\ntargets:');
const byTask = (t) => rows.find((r) => r.task === t)?.ms;
target(byTask('REML+knha k=10') < 0.05, `REML at k = 10 under 0.05 ms (${fmtMs(byTask('REML+knha k=10'))})`);
target(byTask('REML+knha k=10000') < 10, `REML at k = 10,000 under 10 ms (${fmtMs(byTask('REML+knha k=10000'))})`);
target(byTask('leave1out REML k=1000') < 50, `leave-one-out at k = 1,000 under 50 ms (${fmtMs(byTask('leave1out REML k=1000'))})`);
if (cli) target(cli.ms < 300, `one CLI run under 0.3 s (${fmtMs(cli.ms)})`);
const per = rows.filter((r) => r.perStudyNs && r.task.startsWith('REML') && !r.task.endsWith('k=10')).map((r) => r.perStudyNs);
console.log(`cost per study from k = 100 up: ${per.map((x) => x.toFixed(0)).join(', ')} ns (flat = linear in k)`);

