import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/error-of.js';
import { formatMetaReport } from './format.js';
import { metaAnalysis } from './meta-analysis.js';
import { metaRScript } from './r-script.js';
import type { RobustSummary } from './robust-summary.js';
import type { SensitivityFit } from './sensitivity.js';
import type { DataTable } from './table.js';
import { metaText } from '../report/meta-text.js';

// The first 24 rows of metadat's dat.konstantopoulos2011 (schools within districts); R numbers from
// metafor 3.8.1: rma.mv(yi, vi, random = ~ 1 | district/school), robust(res, cluster = district).
const district = ['11', '11', '11', '11', '12', '12', '12', '12', '18', '18', '18', '27', '27', '27', '27', '56', '56', '56', '56', '58', '58', '58', '58', '58'];
const yi = [-0.18, -0.22, 0.23, -0.3, 0.13, -0.26, 0.19, 0.32, 0.45, 0.38, 0.29, 0.16, 0.65, 0.36, 0.6, 0.08, 0.04, 0.19, -0.06, -0.18, 0, 0, -0.28, -0.04];
const vi = [0.118, 0.118, 0.144, 0.144, 0.014, 0.014, 0.015, 0.024, 0.023, 0.043, 0.012, 0.02, 0.004, 0.004, 0.007, 0.019, 0.007, 0.005, 0.004, 0.02, 0.018, 0.019, 0.022, 0.02];
const table: DataTable = {
  columns: ['study', 'yi', 'vi', 'study_id', 'risk_of_bias'],
  rows: yi.map((y, i) => [`School ${i + 1}`, String(y), String(vi[i]), district[i]!, i < 4 ? 'High' : 'Low']),
};

function near(got: unknown, expected: number): void {
  expect(typeof got).toBe('number');
  expect(Math.abs((got as number) - expected), `${String(got)} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-9);
}

describe('metaAnalysis with multilevel (the three-level model)', () => {
  it('reports σ² per level, the clusters and the pooled effect as rma.mv, and says so in the summary and the text', () => {
    const r = metaAnalysis(table, { measure: 'GEN', multilevel: 'study_id' });
    near(r['estimate'], 0.138351691354);
    expect(r['sigma2']).toHaveLength(2);
    near((r['sigma2'] as number[])[0], 0.0470497867371);
    expect(r['nlevels']).toEqual([6, 24]);
    expect(r['multilevel']).toEqual({ column: 'study_id', clusters: 6 });
    expect(r['tau2']).toBeUndefined();
    expect(r['studies']).toBe(6);
    expect(formatMetaReport(r)).toMatch(/Multilevel random-effects model \(k = 24; method: REML[^\n]*\n\nVariance Components:[\s\S]*sigma\^2\.1\s+0\.0470\s+0\.2169\s+0\.0094\s+0\.2663\s+6\s+\d+\.\d\d%\s+8\.3909\s+0\.0038\s+study_id\n[\s\S]*study_id\/es_id/);
    expect(r['sigma2_ci']).toHaveLength(2);
    near((r['level_tests'] as { LRT: number }[])[1]!.LRT, 12.5851144108);
    const text = metaText(r).map((p) => p.text).join('\n');
    expect(text).toMatch(/three-level random-effects model \(rows nested in study id; Cheung 2014\), estimating the variance between studies and between comparisons within a study by restricted maximum likelihood/);
    expect(text).toMatch(/Across 24 comparisons from 6 studies, the pooled effect was 0\.14/);
    expect(text).toMatch(/σ² between studies = 0\.047 \(95% CI 0\.0094 to 0\.27; I² = \d+%; LRT 8\.39, p = 0\.004\), within = 0\.017 \(95% CI 0\.0041 to 0\.052; I² = \d+%; LRT 12\.59, p < 0\.001\)/);
    expect(text).toContain('with its profile-likelihood confidence interval and its share of the total variance (I²), a likelihood-ratio test of each level');
    // the refits of sensitivity analyses skip them, and so may a caller
    expect(metaAnalysis(table, { measure: 'GEN', multilevel: 'study_id', diagnostics: false })['sigma2_ci']).toBeUndefined();
  });

  it('cluster-robust tests on the three-level fit as metafor robust(res, cluster), and the R script checks them', () => {
    const r = metaAnalysis(table, { measure: 'GEN', multilevel: 'study_id', cluster: 'study_id' });
    const rob = r['robust'] as RobustSummary;
    near(rob.se, 0.0985122729499);
    near(rob.statistic, 1.4044107116);
    near(rob.pval, 0.219165656952);
    near(rob.ci_lower, -0.114882168078);
    expect(rob.df).toBe(5);
    const script = metaRScript(table, r);
    expect(script).toContain('random = ~ 1 | study_id/es_id');
    expect(script).toContain('rob <- robust(res, cluster = dat[["study_id"]])');
    expect(script).toMatch(/check\("sigma2", res\$sigma2, c\([^)]*\), atol = 1e-8\)/);
  });

  it('refits a sensitivity subset with the same model, and notes a subset it cannot fit instead of failing', () => {
    const r = metaAnalysis(table, { measure: 'GEN', multilevel: 'study_id', sensitivity: ['risk_of_bias!=High', 'study_id=11'] });
    const [without, one] = r['sensitivity'] as SensitivityFit[];
    near(without!['estimate'], 0.172916051184);
    near(without!['se'], 0.105691997819);
    near((without!['sigma2'] as number[])[1], 0.0176392325218);
    expect(one!.note).toMatch(/at least 2 clusters \(found 1\)/);
    expect(r['warnings']).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^sensitivity study_id=11: the three-level model needs at least 2 clusters/) }));
  });

  it('refuses what it cannot do, naming the option and the way out', () => {
    const ml = { measure: 'GEN', multilevel: 'study_id' };
    expect(errorOf(() => metaAnalysis(table, { ...ml, test: 'knha' }))).toEqual({ message: expect.stringMatching(/no Knapp-Hartung adjustment \(knha\); use --test t/), field: 'test' });
    expect(errorOf(() => metaAnalysis(table, { ...ml, test: 'adhoc' }))).toEqual({ message: expect.stringMatching(/no Knapp-Hartung adjustment \(adhoc\); use --test t/), field: 'test' });
    expect(errorOf(() => metaAnalysis(table, { ...ml, method: 'DL' }))).toEqual({ message: 'the three-level model is fitted by REML or ML (as rma.mv), not DL', field: 'method' });
    expect(errorOf(() => metaAnalysis(table, { ...ml, subgroup: 'risk_of_bias' })).message).toMatch(/^subgroup: with --multilevel, compare subgroups as a moderator \(--mods COL\)/);
    expect(errorOf(() => metaAnalysis(table, { ...ml, cumulative: 'study' })).field).toBe('cumulative');
    expect(errorOf(() => metaAnalysis(table, { ...ml, multilevel: 'trial' })).message).toMatch(/trial/);
    expect(errorOf(() => metaAnalysis(table, { measure: 'GEN', test: 'hksj' }))).toEqual({ message: 'unknown test "hksj"; use z, t, knha (Knapp-Hartung) or adhoc (Knapp-Hartung never narrower than t)', field: 'test' });
    const gap: DataTable = { ...table, rows: table.rows.map((row, i) => (i === 5 ? [...row.slice(0, 3), '', row[4]!] : row)) };
    expect(errorOf(() => metaAnalysis(gap, ml))).toEqual({ message: 'row 6 (School 6): study_id is empty; every analysed row needs its cluster', field: 'study_id' });
    const twoByTwo: DataTable = { columns: ['study', 'ai', 'n1i', 'ci', 'n2i', 'study_id'], rows: [['A', '3', '20', '5', '20', 'x'], ['B', '2', '20', '6', '20', 'x'], ['C', '4', '30', '9', '30', 'y']] };
    expect(errorOf(() => metaAnalysis(twoByTwo, { measure: 'OR', method: 'MH', multilevel: 'study_id' })).message).toMatch(/REML or ML \(as rma.mv\), not MH/);
  });
});
