import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaText } from '../report/meta-text.js';
import { formatMetaReport } from './format.js';
import { metaAnalysis } from './meta-analysis.js';
import { parseDataTable } from './parse-table.js';
import { metaRScript } from './r-script.js';

const bcg = parseDataTable(readFileSync(join(import.meta.dirname, '../../../../../shared/reference/metafor/bcg.csv'), 'utf8'), 'bcg.csv');
// eight clusters over the thirteen trials (as if some reported one trial's several comparisons)
const CLUSTERS = ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'e', 'e', 'f', 'g', 'g', 'h'];
const clustered = { columns: [...bcg.columns, 'trial'], rows: bcg.rows.map((r, i) => [...r, CLUSTERS[i]!]) };
const close = (got: unknown, want: number): void => expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);
type Robust = Record<string, number> & { coefficients?: { name: string; se: number; pval: number; ci_lower: number }[]; QM_df?: number[] };

describe("cluster-robust tests, as metafor's robust(res, cluster)", () => {
  it('gives the CR1 standard error, t test and interval of the pooled effect, for z and Knapp–Hartung fits and a common effect', () => {
    // R: robust(rma(yi, vi, data = dat), cluster = trial), REML with threshold 1e-13
    const z = metaAnalysis(clustered, { measure: 'RR', cluster: 'trial' })['robust'] as Robust;
    expect([z['clusters'], z['df']]).toEqual([8, 7]);
    close(z['estimate'], -0.7145323421581);
    close(z['se'], 0.2149241099488);
    close(z['statistic'], -3.3245797427214);
    close(z['pval'], 0.0126850416806);
    close(z['ci_lower'], -1.222747104795);
    close(z['ci_upper'], -0.2063175795213);
    // metafor's Knapp–Hartung variance carries its factor into the sandwich
    const knha = metaAnalysis(clustered, { measure: 'RR', test: 'knha', cluster: 'trial' })['robust'] as Robust;
    close(knha['se'], 0.2173462986429);
    close(knha['pval'], 0.0133478704551);
    close(knha['ci_lower'], -1.2284746709231);
    close((metaAnalysis(clustered, { measure: 'RR', method: 'EE', cluster: 'trial' })['robust'] as Robust)['se'], 0.233249352256);
  });

  it('gives each coefficient of a meta-regression its robust test, and the F test of the moderators', () => {
    const m = metaAnalysis(clustered, { measure: 'RR', mods: ['ablat'], cluster: 'trial' })['robust'] as Robust;
    // R: robust(rma(yi, vi, mods = ~ ablat, data = dat), cluster = trial)
    expect(m['df']).toBe(6);
    close(m.coefficients![0]!.se, 0.209694067544);
    close(m.coefficients![1]!.se, 0.0060087118819);
    close(m.coefficients![1]!.pval, 0.00287126618508);
    close(m.coefficients![1]!.ci_lower, -0.04380451332559);
    close(m['QM'], 23.45712084256842);
    expect(m.QM_df).toEqual([1, 6]);
    close(m['QM_pval'], 0.00287126618508);
  });

  it('says so in the methods, the results, the summary, and checks it in the R script', () => {
    const r = metaAnalysis(clustered, { measure: 'RR', cluster: 'trial' });
    const text = metaText(r).map((p) => p.text).join(' ');
    expect(text).toContain('cluster-robust (sandwich) standard errors clustered by trial (the CR1 small-sample adjustment, t with 7 degrees of freedom');
    expect(text).toMatch(/With cluster-robust standard errors \(8 clusters\), its 95% CI was 0\.29 to 0\.81 \(t\(7\) = −3\.32, p = 0\.01\d?\)\./);
    expect(formatMetaReport(r)).toContain('Cluster-robust tests (CR1; 8 clusters by trial; t with df = 7):');
    const script = metaRScript(clustered, r);
    expect(script).toContain('rob <- robust(res, cluster = dat[["trial"]])');
    expect(script).toContain('check("robust: se", rob$se[1],');
  });

  it('refuses what it cannot do, naming it', () => {
    expect(() => metaAnalysis(clustered, { measure: 'RR', method: 'MH', cluster: 'trial' })).toThrow('cluster: cluster-robust tests need a model fitted by rma, not MH; use --method EE for a common effect');
    expect(() => metaAnalysis(clustered, { measure: 'RR', cluster: 'study_id' })).toThrow('cluster column "study_id" does not exist');
    const one = { ...clustered, rows: clustered.rows.map((r) => [...r.slice(0, -1), 'x']) };
    expect(() => metaAnalysis(one, { measure: 'RR', cluster: 'trial' })).toThrow('cluster-robust tests need more clusters (1) than coefficients (1)');
    const gap = { ...clustered, rows: clustered.rows.map((r, i) => (i === 3 ? [...r.slice(0, -1), ''] : r)) };
    expect(() => metaAnalysis(gap, { measure: 'RR', cluster: 'trial' })).toThrow('row 4 (Hart & Sutherland 1977): trial is empty; every analysed row needs its cluster');
  });
});
