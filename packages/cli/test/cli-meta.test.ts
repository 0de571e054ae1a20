/**
 * The built CLI as a user runs it: exit codes, stdout/stderr, and clear errors for bad input
 * (file, line, column; never a stack trace, never partial output).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../bin/metasift.js');
const REF = join(import.meta.dirname, '../../../../shared/reference/metafor');
const EXTRA = join(import.meta.dirname, 'fixtures/metafor-extra');
const dir = mkdtempSync(join(tmpdir(), 'metasift-cli-'));

function file(name: string, text: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMD_HEADER = 'study,m1i,sd1i,n1i,m2i,sd2i,n2i\n';

describe('metasift meta: results', () => {
  it('prints the JSON contract for a reference file', () => {
    const r = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--method', 'DL', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out['k']).toBe(13);
    expect(out['estimate']).toBeCloseTo(-0.7141, 4);
    expect(out['study']).toHaveLength(13);
    expect(r.stderr).toBe('');
  });
  it('adds the small-study and selection analyses to the JSON, the summary and the report (dat.bcg)', () => {
    const r = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--json');
    const out = JSON.parse(r.stdout) as Record<string, { [key: string]: unknown }>;
    // R: regtest(res); regtest(res, model = "lm", predictor = "vi"); fsn(yi, vi); selmodel(rma(…, method = "ML"), type = "stepfun", steps = 0.025, alternative = "less")
    expect(out['regtest']!['statistic']).toBeCloseTo(-0.803329, 5);
    expect((out['pet_peese']!['peese'] as { estimate: number }).estimate).toBeCloseTo(-0.379954, 5);
    expect((out['fsn']!['rosenthal'] as { fsnum: number }).fsnum).toBe(598);
    expect(out['selmodel']).toMatchObject({ alternative: 'less', counts: [8, 5], LRT_df: 1 });
    expect(out['selmodel']!['estimate']).toBeCloseTo(-0.620563, 5);
    // two steps, as selmodel(res, type = "stepfun", steps = c(0.025, 0.5), alternative = "less"): δ 0.6315, 0.9279, LRT(2) p 0.8408
    const two = JSON.parse(run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--sel-steps', '0.5, 0.025', '--json').stdout) as Record<string, { delta: number[]; steps: number[]; LRT_pval: number }>;
    expect(two['selmodel']!.steps).toEqual([0.025, 0.5, 1]);
    expect(two['selmodel']!.delta[2]).toBeCloseTo(0.927853, 5);
    expect(two['selmodel']!.LRT_pval).toBeCloseTo(0.840751, 5);
    // the other direction: no trial favours control significantly, so there is nothing to fit, and the warning says why
    const greater = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--sel-alternative', 'greater');
    expect(greater.code).toBe(0);
    expect(greater.stdout).toContain('the selection model not computed: no study has a one-sided p-value (greater) in 0 < p ≤ 0.025');
    const summary = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR').stdout;
    expect(summary).toContain('Selection model (step function at one-sided p = 0.025, alternative less): estimate -0.6206 [-1.1327, -0.1084]');
    const report = join(dir, 'bcg-bias.html');
    expect(run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--report', report).code).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('<h2>Small-study effects and selection</h2>');
    expect(html).toContain('<td>Selection model (step at one-sided p = 0.025; δ = 0.64)</td><td>0.54 (0.32 to 0.90)</td>');
  });
  it('infers GEN from yi/vi columns and prints a readable summary by default', () => {
    const r = run('meta', join(REF, 'hackshaw1998.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Random-effects model (tau^2 estimator: REML) (k = 37; measure GEN)');
    expect(r.stdout).toContain('Model Results');
    expect(r.stdout).toContain('Prediction interval');
  });
  it('reads a UTF-8 BOM, CRLF line ends and semicolons', () => {
    const p = file('bom.csv', Buffer.from('\ufeffstudy;yi;vi\r\nA;0.1;0.04\r\nB;0.3;0.02\r\nC;-0.1;0.05\r\n', 'utf8'));
    const r = run('meta', p, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { study: string[] }).study).toEqual(['A', 'B', 'C']);
  });
  it('says when the trim-and-fill interval is a 95% z interval although the model is not', () => {
    const data = join(import.meta.dirname, 'fixtures/metafor-extra/smallsmd.csv');
    const knha = run('meta', data, '--measure', 'SMD', '--test', 'knha', '--level', '90');
    expect(knha.code).toBe(0);
    expect(knha.stdout).toMatch(/^Trim-and-fill: 1 study imputed on the right; adjusted estimate 0\.5732 \[0\.3071, 0\.8394\] \(95% CI with a z test, as metafor refits the filled data\)$/m);
    const z = run('meta', data, '--measure', 'SMD');
    expect(z.stdout).toMatch(/^Trim-and-fill: 1 study imputed on the right; adjusted estimate 0\.5732 \[0\.3071, 0\.8394\]$/m);
  });
  it('--text writes the methods and results for the report, back-transformed for ratios', () => {
    // BCG vaccine trials, RR with REML: metafor gives 0.4894 [0.3441, 0.6962] (Viechtbauer 2010)
    const r = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--subgroup', 'alloc', '--text');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Synthesis methods \(PRISMA 2020 item 13d\)\nWe pooled risk ratios \(analysed on the log scale\) with a random-effects model/);
    expect(r.stdout).toContain('Across 13 studies, the pooled RR was 0.49 (95% CI 0.34 to 0.70; z = −3.97, p < 0.001).');
    expect(r.stdout).toContain('By alloc: alternate 0.58 (0.34 to 1.01; 2 studies, I² = ');
    expect(r.stdout).toMatch(/\nReporting biases \(PRISMA 2020 item 21\)\nEgger's regression test gave t\(11\) = /);
    expect(r.stdout).not.toContain('Model Results');
  });
  it('--text reports correlations and proportions back on their own scale, as metafor’s transf does', () => {
    // metafor: predict(res, transf = transf.ztor) gives r = 0.1499 [0.0881, 0.2105] for molloy2014
    const z = run('meta', join(REF, 'molloy2014.csv'), '--measure', 'ZCOR', '--text');
    expect(z.stdout).toContain('Across 16 studies, the pooled correlation was 0.15 (95% CI 0.088 to 0.21; z = 4.75, p < 0.001).');
    const p = run('meta', join(REF, 'pritz1997.csv'), '--measure', 'PLO', '--text');
    expect(p.stdout).toMatch(/the pooled proportion was 0\.76 \(95% CI 0\.66 to 0\.83; z = 4\.72, p < 0\.001\)/);
    const m = run('meta', join(REF, 'molloy2014.csv'), '--measure', 'ZCOR', '--mods', 'meanage', '--text');
    expect(m.stdout).toMatch(/the coefficient \(on the Fisher's z scale\) was meanage /);
  });
  it('--report writes one static HTML page: text, plots, studies and the R script, every text escaped', () => {
    const data = file('hostile.csv', 'study,yi,vi\n"<img src=x onerror=alert(1)>",0.2,0.04\nB & C,0.5,0.02\nD,0.1,0.05\nE,0.45,0.03\n');
    const out = join(dir, 'report.html');
    const r = run('meta', data, '--report', out, '--title', 'Telehealth <and> QoL');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Telehealth &lt;and&gt; QoL</title>');
    expect(html).toContain('Across 4 studies, the pooled effect was');
    expect(html.match(/<svg/g)).toHaveLength(2); // forest and funnel
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('<td>B &amp; C</td>');
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toMatch(/<details><summary>The R script[^<]*<\/summary>\n<pre>[^<]*library\(metafor\)/);
    // each study left out in turn, as metafor's leave1out() gives it
    const l1o = html.slice(html.indexOf('<h2>Leave-one-out</h2>'));
    expect(l1o).toMatch(/^<h2>Leave-one-out<\/h2>\n<table>\n<thead><tr><th scope="col">Study left out<\/th>/);
    expect(l1o.slice(0, l1o.indexOf('</table>')).match(/<tr><td>/g)).toHaveLength(4);
  });
  it('--report refuses a name that is not .html and writes nothing', () => {
    const out = join(dir, 'report.pdf');
    const r = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--report', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[UNKNOWN_FORMAT\]: --report writes an HTML page: use a file name ending in \.html/);
    expect(existsSync(out)).toBe(false);
  });
  it('says, rather than runs, the once-per-study refits above 2,000 studies; the rank test turns approximate above 300', () => {
    const rows = Array.from({ length: 2001 }, (_, i) => `S${i},${(Math.sin(i) / 2).toFixed(6)},${(0.02 + i / 100000).toFixed(6)}`);
    const r = run('meta', file('big.csv', `study,yi,vi\n${rows.join('\n')}\n`), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { k: number; warnings: { code: string; message: string }[]; leave1out?: unknown; influence?: unknown; ranktest: { exact: boolean } };
    expect(out.k).toBe(2001);
    expect(out.warnings).toContainEqual({ code: 'TOO_MANY_STUDIES', message: 'leave-one-out and influence diagnostics not computed: they refit the model once per study, done up to 2000 studies (k = 2001)' });
    expect([out.leave1out, out.influence]).toEqual([undefined, undefined]);
    expect(out.ranktest.exact).toBe(false);
  });
  it('drops a study with an undefined effect and says so in warnings', () => {
    const p = file('rom.csv', `${SMD_HEADER}A,10,2,20,12,3,20\nB,-1,2,20,12,3,20\nC,11,2,25,12,3,25\n`);
    const r = run('meta', p, '--measure', 'ROM', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { k: number; warnings: { code: string; row: number }[] };
    expect(out.k).toBe(2);
    expect(out.warnings).toContainEqual(expect.objectContaining({ code: 'UNDEFINED_EFFECT', row: 1 }));
  });
});

describe('metasift meta --cumulative', () => {
  it('writes the cumulative forest plot, one row per study added in order of the column, without weights', () => {
    const out = join(dir, 'cumulative.svg');
    const r = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--cumulative', 'ablat', '--cumulative-forest', out);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Cumulative meta-analysis (studies added in order of ablat):');
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('<title>Cumulative meta-analysis by ablat</title>');
    expect(svg).toContain('+ TPT Madras 1980');
    expect(svg).not.toContain('>Weight<');
  });
  it('puts the sensitivity and cumulative analyses in the HTML report, with the cumulative forest plot', () => {
    const out = join(dir, 'report.html');
    const r = run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--cumulative', 'ablat', '--sensitivity', 'alloc!=random', '--report', out);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const html = readFileSync(out, 'utf8');
    const section = (h: string): string => html.slice(html.indexOf(`<h2>${h}</h2>`), html.indexOf('<h2>', html.indexOf(`<h2>${h}</h2>`) + 4));
    expect(section('Sensitivity analyses')).toMatch(/<th scope="col">Studies<\/th>.*Those whose alloc is not random.*<td class="n">6<\/td>/s);
    expect(section('Cumulative meta-analysis')).toContain('<title>Cumulative meta-analysis by ablat</title>');
    expect(section('Cumulative meta-analysis').match(/<tr><td>/g)).toHaveLength(13);
  });
});

describe('metasift meta: bad input gives error[CODE] naming file, line and column, exit 2', () => {
  const cases: [string, () => string[], string, RegExp][] = [
    ['missing column for the measure', () => ['meta', file('nosd.csv', 'study,m1i,sd1i,n1i,m2i,n2i\nA,1,1,10,2,10\n'), '--measure', 'SMD'], 'MISSING_COLUMN', /sd2i/],
    ['negative SD', () => ['meta', file('negsd.csv', `${SMD_HEADER}A,1,1,10,2,1,10\nB,1,-3,10,2,1,10\n`), '--measure', 'SMD'], 'INVALID_VALUE', /negsd\.csv, line 3 \(data row 2\), column sd1i: sd1i must be zero or more, got -3/],
    ['negative n', () => ['meta', file('negn.csv', `${SMD_HEADER}A,1,1,-10,2,1,10\n`), '--measure', 'MD'], 'INVALID_VALUE', /line 2 \(data row 1\), column n1i/],
    ['non-numeric cell', () => ['meta', file('text.csv', `${SMD_HEADER}A,1,1,10,2,1,10\nB,1,1,10,2,1,10\nC,1,1,10,abc,1,10\n`), '--measure', 'SMD'], 'NON_NUMERIC', /line 4 \(data row 3\), column m2i: "abc" is not a number/],
    ['empty file', () => ['meta', file('empty.csv', '')], 'EMPTY_FILE', /empty\.csv is empty/],
    ['header without rows', () => ['meta', file('header.csv', SMD_HEADER), '--measure', 'SMD'], 'EMPTY_TABLE', /no study rows/],
    ['k = 0 after dropping incomplete studies', () => ['meta', file('k0.csv', 'study,yi,vi\nA,,0.1\nB,0.2,NA\n')], 'NO_STUDIES', /k = 0/],
    ['subgroup column that does not exist', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--subgroup', 'region'], 'MISSING_COLUMN', /^error\[MISSING_COLUMN\]: \S*bcg\.csv: subgroup column "region" does not exist/],
    ['a selection-model step outside (0, 1)', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--sel-steps', '0.025,1.5'], 'INVALID_OPTION', /--sel-steps takes one-sided p-values strictly between 0 and 1, comma-separated, got "0\.025,1\.5"/],
    ['a selection-model step that is no number', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--sel-steps', 'p<.05'], 'INVALID_OPTION', /--sel-steps .* got "p<\.05"/],
    ['a selection-model direction other than greater or less', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--sel-alternative', 'two.sided'], 'INVALID_OPTION', /--sel-alternative must be greater or less, got "two\.sided"/],
    ['sensitivity subset on a column that does not exist', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--sensitivity', 'colour=red'], 'MISSING_COLUMN', /bcg\.csv: sensitivity column "colour" does not exist; the columns are: study, ai/],
    ['sensitivity subset written wrong', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--sensitivity', 'alloc'], 'INVALID_VALUE', /sensitivity "alloc": expected COLUMN=VALUE/],
    ['cumulative by a column that does not exist', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--cumulative', 'year'], 'MISSING_COLUMN', /bcg\.csv: cumulative column "year" does not exist/],
    ['clusters by a column that does not exist', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--cluster', 'study_id'], 'MISSING_COLUMN', /bcg\.csv: cluster column "study_id" does not exist/],
    ['clusters no more than the coefficients', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--mods', 'ablat,alloc', '--cluster', 'alloc'], 'TOO_FEW_CLUSTERS', /cluster-robust tests need more clusters \(3\) than coefficients \(4\)/],
    ['clusters beside Mantel-Haenszel', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--method', 'MH', '--cluster', 'alloc'], 'INVALID_OPTION', /cluster-robust tests need a model fitted by rma, not MH/],
    ['three-level model nested in a column that does not exist', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--multilevel', 'study_id'], 'MISSING_COLUMN', /bcg\.csv: multilevel column "study_id" does not exist/],
    ['three-level model where every cluster has one row', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--multilevel', 'study'], 'TOO_FEW_CLUSTERS', /every cluster has one row: the variance between and within clusters cannot be told apart/],
    ['three-level model with one cluster', () => ['meta', file('onecluster.csv', 'study,yi,vi,trial\nA,0.1,0.01,t1\nB,0.3,0.02,t1\nC,0.2,0.02,t1\n'), '--multilevel', 'trial'], 'TOO_FEW_CLUSTERS', /needs at least 2 clusters \(found 1\)/],
    ['three-level model with a row without its cluster', () => ['meta', file('nocluster.csv', 'study,yi,vi,trial\nA,0.1,0.01,t1\nB,0.3,0.02,\nC,0.2,0.02,t2\n'), '--multilevel', 'trial'], 'MISSING_VALUE', /row 2 \(B\): trial is empty; every analysed row needs its cluster/],
    ['three-level model by DerSimonian-Laird', () => ['meta', join(EXTRA, 'konstantopoulos2011.csv'), '--method', 'DL', '--multilevel', 'district'], 'INVALID_METHOD', /fitted by REML or ML \(as rma\.mv\), not DL/],
    ['three-level model with Knapp-Hartung', () => ['meta', join(EXTRA, 'konstantopoulos2011.csv'), '--test', 'knha', '--multilevel', 'district'], 'UNKNOWN_TEST', /no Knapp-Hartung adjustment \(knha\); use --test t/],
    ['three-level model beside subgroups', () => ['meta', join(EXTRA, 'konstantopoulos2011.csv'), '--subgroup', 'year', '--multilevel', 'district'], 'INVALID_OPTION', /compare subgroups as a moderator \(--mods COL\)/],
    ['an unknown test', () => ['meta', join(EXTRA, 'konstantopoulos2011.csv'), '--test', 'hksj'], 'UNKNOWN_TEST', /unknown test "hksj"; use z, t, knha \(Knapp-Hartung\) or adhoc/],
    ['three-level model with the ad hoc Knapp-Hartung', () => ['meta', join(EXTRA, 'konstantopoulos2011.csv'), '--test', 'adhoc', '--multilevel', 'district'], 'UNKNOWN_TEST', /no Knapp-Hartung adjustment \(adhoc\); use --test t/],
    ['a cumulative forest plot without a cumulative analysis', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--cumulative-forest', join(dir, 'cf.svg')], 'NO_CUMULATIVE', /run it with --cumulative COL/],
    ['cumulative beside moderators', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--mods', 'ablat', '--cumulative', 'ablat'], 'INVALID_OPTION', /a cumulative meta-analysis refits a model without moderators/],
    ['moderator column that does not exist', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--mods', 'ablat,latitude'], 'MISSING_COLUMN', /moderator column "latitude" does not exist/],
    ['unknown measure', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'XYZ'], 'UNKNOWN_MEASURE', /XYZ/],
    ['unknown method', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--method', 'FOO'], 'UNKNOWN_METHOD', /FOO/],
    ['MH with a measure it cannot pool', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'PETO', '--method', 'MH'], 'INVALID_METHOD', /MH needs measure OR, RR or RD/],
    ['level out of range', () => ['meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--level', '150'], 'INVALID_LEVEL', /--level/],
    ['file that does not exist', () => ['meta', join(dir, 'nope.csv')], 'FILE_NOT_FOUND', /nope\.csv/],
    ['unterminated quote', () => ['meta', file('quote.csv', 'study,yi,vi\n"A,0.1,0.2\nB,0.2,0.1\n')], 'CSV_SYNTAX', /quote\.csv/],
    ['ambiguous columns without --measure', () => ['meta', join(REF, 'bcg.csv')], 'AMBIGUOUS_MEASURE', /choose one with --measure/],
    ['events above the group size', () => ['meta', file('ev.csv', 'study,ai,n1i,ci,n2i\nA,12,10,3,10\n'), '--measure', 'OR'], 'INVALID_VALUE', /column ai: ai \(12\) exceeds n1i \(10\)/],
  ];
  it.each(cases)('%s', (_name, args, code, message) => {
    const r = run(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^error\\[${code}\\]: `));
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
  it('usage errors (unknown option) also exit 2 without a stack trace', () => {
    const r = run('meta', join(REF, 'bcg.csv'), '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[USAGE\]: unknown option '--bogus'/);
  });
});

describe('metasift meta --multilevel', () => {
  it("prints the variance components as metafor's print.rma.mv, with the JSON's sigma2 and nlevels, and the forest plot says three levels", () => {
    const forest = join(dir, 'multilevel.svg');
    const r = run('meta', join(EXTRA, 'konstantopoulos2011.csv'), '--multilevel', 'district', '--forest', forest);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^Multilevel random-effects model \(k = 56; method: REML; measure GEN\)\n\nVariance Components:\n\n {12}estim {4}sqrt {3}ci\.lb {3}ci\.ub {2}nlvls {5}I\^2 {6}LRT {4}pval {10}factor\nsigma\^2\.1 {2}0\.0651 {2}0\.2551 {2}0\.0222 {2}0\.2072 {5}11/);
    expect(r.stdout).toMatch(/sigma\^2\.2 {2}0\.0327 {2}0\.1809 {2}0\.0163 {2}0\.0628 {5}56 {2}31\.86% {2}48\.5155 {2}<\.0001 {2}district\/es_id\n\n\(profile-likelihood 95% CIs; LRT: the model without that level, chi\^2\(1\)\)/);
    const json = JSON.parse(run('meta', join(EXTRA, 'konstantopoulos2011.csv'), '--multilevel', 'district', '--json').stdout) as Record<string, unknown>;
    expect(json['nlevels']).toEqual([11, 56]);
    expect(json['multilevel']).toEqual({ column: 'district', clusters: 11 });
    const svg = readFileSync(forest, 'utf8');
    expect(svg).toContain('IV, Random (3 levels), 95% CI');
    expect(svg).toMatch(/Heterogeneity: Sigma² = 0\.07, 0\.03; Chi² = 578\.86, df = 55/);
  });
});
