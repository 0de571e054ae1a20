/**
 * `metasift meta --r-script`: the script it writes runs in R with metafor and every check in it agrees.
 * Needs Rscript with metafor (Debian: r-cran-metafor; .ci/run installs it, and under CI a missing R is a
 * failure, not a skip). bench/meta/r-scripts.mjs runs the same over every reference case.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../bin/metasift.js');
const REF = join(import.meta.dirname, '../../../../shared/reference/metafor');
const EXTRA = join(import.meta.dirname, 'fixtures/metafor-extra');
const dir = mkdtempSync(join(tmpdir(), 'metasift-r-script-'));
const haveR = spawnSync('Rscript', ['-e', 'library(metafor)'], { encoding: 'utf8' }).status === 0;
if (!haveR && process.env['CI']) throw new Error('CI must have Rscript with metafor for these tests (apt-get install r-cran-metafor)');

const meta = (...args: string[]) => spawnSync(process.execPath, [BIN, 'meta', ...args], { encoding: 'utf8' });
const rscript = (file: string) => spawnSync('Rscript', [file], { encoding: 'utf8' });

// a subgroup whose two effects are equal: under Knapp–Hartung its standard error is 0, and metafor cannot fit
// the test for subgroup differences (it divides by 0) — the script says so and compares the rest
const equalPair = join(dir, 'equal-pair.csv');
writeFileSync(equalPair, 'study,m1i,sd1i,n1i,m2i,sd2i,n2i,grp\nS1,24.47,8.36,12,23.15,11.96,53,a\nS2,34.53,3.35,43,32.99,6.01,49,b\nS3,47.15,7.87,69,45.79,3.27,20,c\nS4,16.66,3.09,22,15.3,2.54,72,c\n');

// selection models on their bounds: one non-significant study among very significant ones runs δ to metafor's 100
const deltaBound = join(dir, 'delta-bound.csv');
writeFileSync(deltaBound, 'study,yi,vi\nA,1,0.01\nB,1.1,0.01\nC,0.9,0.01\nD,0.15,0.01\nE,0.95,0.012\n');

// one analysis of each kind: every extra (Q-profile, Egger, trim-and-fill with studies filled, leave-one-out),
// Knapp-Hartung with subgroups, meta-regression with a log measure, Mantel-Haenszel, Peto, equal effects,
// Paule-Mandel, zero cells, k = 2 and a 90% level, the three-level model
const CASES: [string, string, string[]][] = [
  ['SMD REML z', join(REF, 'normand1999.csv'), ['--measure', 'SMD', '--method', 'REML']],
  ['RR DL knha, subgroups', join(REF, 'bcg.csv'), ['--measure', 'RR', '--method', 'DL', '--test', 'knha', '--subgroup', 'alloc']],
  ['OR REML, meta-regression on a number and a text column', join(REF, 'bcg.csv'), ['--measure', 'OR', '--method', 'REML', '--mods', 'ablat,alloc']],
  ['OR Mantel-Haenszel', join(REF, 'bcg.csv'), ['--measure', 'OR', '--method', 'MH']],
  ['Peto', join(REF, 'li2007.csv'), ['--measure', 'PETO', '--method', 'PETO']],
  ['ZCOR PM knha', join(REF, 'molloy2014.csv'), ['--measure', 'ZCOR', '--method', 'PM', '--test', 'knha']],
  ['GEN EE', join(REF, 'hackshaw1998.csv'), ['--method', 'EE']],
  ['zero cells, RD ML', join(EXTRA, 'zeros.csv'), ['--measure', 'RD', '--method', 'ML']],
  ['k = 2', join(EXTRA, 'two.csv'), ['--method', 'REML', '--test', 'knha']],
  ['SMD REML knha at 90%', join(EXTRA, 'smallsmd.csv'), ['--measure', 'SMD', '--method', 'REML', '--test', 'knha', '--level', '90']],
  ['RR REML, sensitivity by subset beside subgroups', join(REF, 'bcg.csv'), ['--measure', 'RR', '--subgroup', 'alloc', '--sensitivity', 'alloc!=random', '--sensitivity', 'alloc=systematic,alternate']],
  ['RR Mantel-Haenszel, sensitivity by subset', join(REF, 'bcg.csv'), ['--measure', 'RR', '--method', 'MH', '--sensitivity', 'alloc!=random']],
  ['RR DL knha, cumulative by latitude (ties) and by a text column', join(REF, 'bcg.csv'), ['--measure', 'RR', '--method', 'DL', '--test', 'knha', '--cumulative', 'ablat']],
  ['OR Peto, cumulative by allocation', join(REF, 'bcg.csv'), ['--measure', 'PETO', '--method', 'PETO', '--cumulative', 'alloc']],
  ['RR REML knha, cluster-robust by allocation, meta-regression', join(REF, 'bcg.csv'), ['--measure', 'RR', '--test', 'knha', '--mods', 'ablat', '--cluster', 'alloc']],
  ['SMD REML, a multi-arm table clustered by study_id, subgroups', join(EXTRA, 'multiarm.csv'), ['--measure', 'SMD', '--cluster', 'study_id', '--subgroup', 'mode']],
  ['SMD REML, a multi-arm table in the three-level model by study_id', join(EXTRA, 'multiarm.csv'), ['--measure', 'SMD', '--multilevel', 'study_id']],
  ['three-level ML, t, a moderator, cluster-robust, sensitivity (one subset with one cluster)', join(EXTRA, 'konstantopoulos2011.csv'), ['--method', 'ML', '--test', 't', '--multilevel', 'district', '--cluster', 'district', '--mods', 'year']],
  ['HE knha, subgroups: one pooled, its standard error 0', equalPair, ['--measure', 'MD', '--method', 'HE', '--test', 'knha', '--subgroup', 'grp']],
  ['REML, test t, meta-regression (F test of moderators)', join(REF, 'hackshaw1998.csv'), ['--test', 't', '--mods', 'design']],
  ['REML, ad hoc Knapp-Hartung (s^2 < 1, so the t interval), subgroups, cumulative, cluster-robust', join(REF, 'hackshaw1998.csv'), ['--test', 'adhoc', '--subgroup', 'design', '--cumulative', 'study', '--cluster', 'design']],
  ['REML: the selection model with its tau^2 at 0 (held there in the R fit too)', join(REF, 'raudenbush1985.csv'), []],
  ['ML: the selection model with its delta at the bound of 100', deltaBound, ['--method', 'ML']],
  ['three-level REML, sensitivity (one subset left with one cluster)', join(EXTRA, 'konstantopoulos2011.csv'), ['--multilevel', 'district', '--sensitivity', 'district!=11,12', '--sensitivity', 'district=11']],
];

describe.skipIf(!haveR)('metasift meta --r-script, run in R', () => {
  it.each(CASES)('%s: every number agrees with metafor', (name, data, args) => {
    const file = join(dir, `${name.replace(/\W+/g, '_')}.R`);
    const r = meta(data, ...args, '--r-script', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = rscript(file);
    const summary = /(\d+) of (\d+) checks agree with metasift/.exec(out.stdout);
    expect(out.stdout).not.toContain('DIFFERS');
    expect(summary).not.toBeNull();
    expect(summary![1]).toBe(summary![2]);
    expect(Number(summary![2])).toBeGreaterThan(10);
    if (data === deltaBound || args.length === 0) expect(out.stdout).toMatch(/selmodel: delta_se +agrees/);
    if (data === equalPair) expect(out.stdout).toContain('Not compared where metafor could not fit (NA): Q_between (1 of 1), Q_between_df (1 of 1), Q_between_pval (1 of 1)');
    expect(out.status).toBe(0);
  });
  it('fails, naming the number, when a value in it is not metafor’s', () => {
    const file = join(dir, 'tampered.R');
    const r = meta(join(REF, 'normand1999.csv'), '--measure', 'SMD', '--r-script', file);
    expect(r.status).toBe(0);
    const estimate = (JSON.parse(meta(join(REF, 'normand1999.csv'), '--measure', 'SMD', '--json').stdout) as { estimate: number }).estimate;
    const script = readFileSync(file, 'utf8');
    const line = `check("estimate", as.numeric(res$beta)[1], ${estimate})`;
    expect(script).toContain(line);
    writeFileSync(file, script.replace(line, `check("estimate", as.numeric(res$beta)[1], ${estimate * (1 + 1e-5)})`));
    const out = rscript(file);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/^estimate +DIFFERS: metafor -0\.53710825\d*, metasift -0\.53711362/m);
    expect(out.stdout).toContain('Differ: estimate');
  });
});

describe('metasift meta --r-script: bad input', () => {
  it('refuses a file name that is not R source, writing nothing', () => {
    const file = join(dir, 'script.txt');
    const r = meta(join(REF, 'bcg.csv'), '--measure', 'RR', '--r-script', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[UNKNOWN_FORMAT\]: --r-script writes R source: use a file name ending in \.R/);
    expect(existsSync(file)).toBe(false);
  });
  it('names a folder it cannot write to', () => {
    const r = meta(join(REF, 'bcg.csv'), '--measure', 'RR', '--r-script', join(dir, 'no/such/folder/a.R'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[WRITE_FAILED\]: cannot write .*a\.R: ENOENT/);
  });
  it('writes every output or none: a script that cannot be written leaves no forest plot behind', () => {
    const forest = join(dir, 'all-or-none-forest.svg');
    const r = meta(join(REF, 'bcg.csv'), '--measure', 'RR', '--forest', forest, '--r-script', join(dir, 'no/such/folder/a.R'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[WRITE_FAILED\]: cannot write .*a\.R: ENOENT/);
    expect(existsSync(forest)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
    const ok = meta(join(REF, 'bcg.csv'), '--measure', 'RR', '--forest', forest, '--r-script', join(dir, 'both.R'));
    expect(ok.status).toBe(0);
    expect(existsSync(forest) && existsSync(join(dir, 'both.R'))).toBe(true);
  });
  it('refuses one file named for two outputs', () => {
    const same = join(dir, 'same.svg');
    const r = meta(join(REF, 'bcg.csv'), '--measure', 'RR', '--forest', same, '--funnel', same);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[DUPLICATE_OUTPUT\]: .*same\.svg is named for two outputs/);
    expect(existsSync(same)).toBe(false);
  });
  it('writes no script when the analysis fails', () => {
    const data = join(dir, 'bad.csv');
    writeFileSync(data, 'study,yi,vi\nA,0.1,0.04\nB,x,0.02\n');
    const file = join(dir, 'never.R');
    const r = meta(data, '--r-script', file);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[NON_NUMERIC]');
    expect(existsSync(file)).toBe(false);
  });
});
