import { describe, expect, it } from 'vitest';
import { metaAnalysis } from './meta-analysis.js';
import { fmt, fmtP, formatMetaReport } from './format.js';
import { smallStudyLines } from './small-study.js';
import { smallStudySummary, smallStudyTable } from '../report/small-study-table.js';
import type { DataTable } from './table.js';
import { BCG_TABLES } from '../testing/bcg.js';
import { errorOf } from '../testing/error-of.js';
import { metaText } from '../report/meta-text.js';

// dat.bcg's 2×2 tables, analysed as log risk ratios
const bcg: DataTable = {
  columns: ['study', 'ai', 'bi', 'ci', 'di'],
  rows: BCG_TABLES.ai.map((_, i) => [`trial ${i + 1}`, ...(['ai', 'bi', 'ci', 'di'] as const).map((c) => String(BCG_TABLES[c][i]))]),
};

describe('small-study and selection analyses in the meta-analysis report', () => {
  it("adds metafor's default regtest, PET-PEESE, fail-safe N and the selection model on the pooled estimate's side", () => {
    const r = metaAnalysis(bcg, { measure: 'RR' });
    const sel = r['selmodel'] as { alternative: string; counts: number[]; estimate: number; LRT_pval: number };
    // the pooled log risk ratio is negative: selection favours significant benefit, so the p-values are one-sided "less"
    expect(sel.alternative).toBe('less');
    expect(sel.counts).toEqual([8, 5]);
    // R: selmodel(rma(yi, vi, data = dat, method = "ML"), type = "stepfun", steps = 0.025, alternative = "less")
    expect(sel.estimate).toBeCloseTo(-0.6205627, 6);
    expect(sel.LRT_pval).toBeCloseTo(0.6224067, 6);
    expect((r['fsn'] as { rosenthal: { fsnum: number } }).rosenthal.fsnum).toBe(598);
    expect((r['regtest'] as { model: string; predictor: string }).predictor).toBe('sei');
    const lines = smallStudyLines(r, fmt, fmtP);
    expect(lines).toEqual([
      expect.stringMatching(/^Regression test \(mixed-effects, predictor sei\): z = -0\.8033, p-val 0\.4218; limit estimate -0\.5104 \[-1\.1182, 0\.0974\]$/),
      expect.stringMatching(/^PET: -0\.1909 \[-0\.6753, 0\.2935\], p-val 0\.4042; PEESE: -0\.3800 \[-0\.7261, -0\.0338\]; conditional estimate: PET$/),
      'Fail-safe N: Rosenthal 598 (p-val <.0001), Rosenberg 370 (p-val <.0001)',
      expect.stringMatching(/^Selection model \(step function at one-sided p = 0\.025, alternative less\): estimate -0\.6206 \[-1\.1327, -0\.1084\], tau\^2 0\.2912, delta 0\.6355 \(SE 0\.5866\); LRT\(df = 1\) = 0\.2425, p-val 0\.6224$/),
    ]);
    expect(formatMetaReport(r)).toContain('Fail-safe N: Rosenthal 598');
  });
  it('says why the selection model is not computed when an interval of p-values is empty', () => {
    // every effect positive and none significant: no study in 0 < p ≤ 0.025
    const table: DataTable = { columns: ['study', 'yi', 'vi'], rows: [['a', '0.1', '0.04'], ['b', '0.2', '0.09'], ['c', '0.05', '0.02'], ['d', '0.15', '0.05']] };
    const r = metaAnalysis(table, {});
    expect(r['selmodel']).toBeUndefined();
    expect(r.warnings.map((w) => w.message)).toContain(
      'the selection model not computed: no study has a one-sided p-value (greater) in 0 < p ≤ 0.025: every interval of the selection model needs one',
    );
    // the rest is still there
    expect(r['pet_peese']).toBeDefined();
  });
});

describe('the small-study table and GRADE sentence for people', () => {
  it('puts each method on the reader’s scale (risk ratios for dat.bcg)', () => {
    const r = metaAnalysis(bcg, { measure: 'RR' });
    const t = smallStudyTable(r)!;
    expect(t.columns).toEqual(['Method', 'RR (95% CI)', 'Test', 'p']);
    expect(t.rows.map((row) => row[0])).toEqual([
      "Egger's regression test (weighted least squares on the SE)",
      'Regression test (the model’s meta-regression on the SE; limit estimate)',
      'Rank correlation test (Begg and Mazumdar)',
      'Trim-and-fill (L0): 1 imputed on the right',
      'PET (limit estimate as the SE → 0), chosen',
      'PEESE (limit estimate as the variance → 0)',
      'Selection model (step at one-sided p = 0.025; δ = 0.64)',
      'Fail-safe N: Rosenthal 598, Rosenberg 370',
    ]);
    // exp of the selection model's −0.6206 [−1.1327, −0.1084]
    expect(t.rows[6]!.slice(1)).toEqual(['0.54 (0.32 to 0.90)', 'LRT χ²(1) = 0.24', 'p = 0.62']);
    expect(smallStudySummary(r)).toBe(
      "Egger's test p = 0.19; trim-and-fill RR 0.52 (0.37 to 0.74) with 1 imputed; PET-PEESE (PET) RR 0.83 (0.51 to 1.34); selection model RR 0.54 (0.32 to 0.90), test for selection p = 0.62.",
    );
  });
  it('is empty for a meta-regression', () => {
    const withX: DataTable = { columns: [...bcg.columns, 'x'], rows: bcg.rows.map((row, i) => [...row, String(i)]) };
    const r = metaAnalysis(withX, { measure: 'RR', mods: ['x'] });
    expect(smallStudyTable(r)).toBeNull();
    expect(smallStudySummary(r)).toBeNull();
  });
});

describe('the selection model’s steps and direction, chosen', () => {
  it('fits the steps asked for, in the direction asked for, and says so in the methods', () => {
    const r = metaAnalysis(bcg, { measure: 'RR', selection: { steps: [0.5, 0.025], alternative: 'less' } });
    const sel = r['selmodel'] as { steps: number[]; counts: number[]; LRT_df: number };
    expect(sel.steps).toEqual([0.025, 0.5, 1]);
    expect(sel.LRT_df).toBe(2);
    expect(sel.counts.reduce((a, b) => a + b, 0)).toBe(13);
    expect(paragraph(r, '13d')).toContain('a step-function selection model (Vevea & Hedges 1995: publication assumed to depend on the one-sided p-value of a test for an effect below zero, with steps at 0.025 and 0.5, fitted by maximum likelihood)');
  });
  it('refuses steps outside (0, 1) and another direction, naming the option, before fitting anything', () => {
    expect(errorOf(() => metaAnalysis(bcg, { measure: 'RR', selection: { steps: [0.025, 1] } }))).toEqual({ message: "the selection model's steps are one-sided p-values strictly between 0 and 1, got 0.025, 1", field: 'sel-steps' });
    expect(errorOf(() => metaAnalysis(bcg, { measure: 'RR', selection: { alternative: 'two.sided' as 'less' } }))).toEqual({ message: 'the selection model\'s alternative is greater or less, got "two.sided"', field: 'sel-alternative' });
  });
});

function paragraph(r: ReturnType<typeof metaAnalysis>, item: string): string {
  return metaText(r).find((p) => p.item === item)?.text ?? '';
}
