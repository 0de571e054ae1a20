import { describe, expect, it } from 'vitest';
import { metaAnalysis } from '../analysis/meta-analysis.js';
import type { DataTable } from '../analysis/table.js';
import { metaText, proseNumber, proseP } from './meta-text.js';

const table: DataTable = {
  columns: ['study', 'yi', 'vi', 'mode'],
  rows: [
    ['Ahn 2019', '0.95', '0.09', 'video'],
    ['Boyd 2020', '0.20', '0.05', 'video'],
    ['Chen 2018', '1.40', '0.12', 'telephone'],
    ['Diaz 2021', '0.55', '0.04', 'telephone'],
    ['Evans 2022', '1.10', '0.20', 'telephone'],
    ['Fox 2017', '-0.10', '0.07', 'video'],
  ],
};
const paragraph = (ps: ReturnType<typeof metaText>, item: string): string => ps.find((p) => p.item === item)?.text ?? '';

describe('metaText', () => {
  it('writes the methods and the results with the report’s own numbers', () => {
    const r = metaAnalysis(table, { method: 'REML', test: 'knha' });
    const ps = metaText(r, { software: 'metasift 9.9' });
    expect(ps.map((p) => p.item)).toEqual(['13d', '20b', '20d', '21']);
    expect(paragraph(ps, '13d')).toContain('estimating the between-study variance τ² by restricted maximum likelihood, with the Knapp–Hartung adjustment');
    expect(paragraph(ps, '13d')).toContain('Analyses were run in metasift 9.9,');
    const est = r['estimate'] as number;
    const [lo, hi] = [r['ci_lower'] as number, r['ci_upper'] as number];
    expect(paragraph(ps, '20b')).toContain(`Across 6 studies, the pooled effect was ${proseNumber(est)} (95% CI ${proseNumber(lo)} to ${proseNumber(hi)}; t(5) = `);
    expect(paragraph(ps, '20b')).toMatch(/Heterogeneity: τ² = \S+ \(\S+ to \S+\), I² = \d+% \(\d+% to \d+%\), Q = \S+ \(df = 5, p = \S+\); 95% prediction interval \S+ to \S+\.$/);
    expect(paragraph(ps, '20d')).toMatch(/^Leaving out one study at a time, the pooled effect ranged from \S+ \(without \w+ \d{4}\) to \S+ \(without \w+ \d{4}\)\. No study was influential \(DFFITS, /);
    expect(paragraph(ps, '21')).toMatch(/^Egger's regression test gave t\(4\) = \S+, p = \S+\. The rank correlation test gave Kendall's τ = \S+, p = \S+\. Trim-and-fill /);
    expect(paragraph(ps, '13d')).toContain(
      "Small-study effects were assessed with Egger's regression test, Begg and Mazumdar's rank correlation test, trim-and-fill (L0 estimator), PET-PEESE (Stanley & Doucouliagos 2014) and a three-parameter selection model (Vevea & Hedges 1995: publication assumed to depend on the one-sided p-value of a test for an effect above zero, with a step at 0.025, fitted by maximum likelihood).",
    );
    // the limit estimate PET-PEESE chooses, and the selection model's adjusted estimate, δ and likelihood-ratio test
    const pp = r['pet_peese'] as { chosen: 'PET' | 'PEESE'; pet: { estimate: number; pval: number }; peese: { estimate: number } };
    const chosen = pp.chosen === 'PET' ? pp.pet : pp.peese;
    expect(pp.chosen).toBe(pp.pet.pval < 0.05 ? 'PEESE' : 'PET');
    expect(paragraph(ps, '21')).toContain(`PET-PEESE (${pp.chosen}, as PET's limit estimate `);
    expect(paragraph(ps, '21')).toContain(`from zero at the 5% level) gave an adjusted effect of ${proseNumber(chosen.estimate)} (95% CI `);
    const sel = r['selmodel'] as { estimate: number; delta: number[]; LRT_pval: number; counts: number[]; alternative: string };
    expect(sel.alternative).toBe('greater');
    expect(sel.counts).toEqual([4, 2]);
    expect(paragraph(ps, '21')).toContain(
      `The selection model gave an adjusted effect of ${proseNumber(sel.estimate)} (95% CI `,
    );
    expect(paragraph(ps, '21')).toContain(`with non-significant results ${proseNumber(sel.delta[1]!)} times as likely to be published as significant ones (likelihood-ratio test for selection χ²(1) = `);
    expect(paragraph(ps, '21')).toMatch(/, p = \S+\)\.$/);
    // the checklist links 13f and 14 to this paragraph: it names the sensitivity and small-study analyses
    expect(ps.find((p) => p.item === '13d')!.covers).toEqual(['13f', '14']);
  });
  it('names the test: t, Knapp–Hartung or its ad hoc correction', () => {
    const words = (test: string): string => paragraph(metaText(metaAnalysis(table, { test })), '13d');
    expect(words('t')).toContain('with t-based tests and confidence intervals (k − p degrees of freedom) without rescaling the variance at the 95% level');
    expect(words('adhoc')).toContain('with the Knapp–Hartung adjustment with its ad hoc correction (t-based tests and confidence intervals, never narrower than without the adjustment)');
    expect(paragraph(metaText(metaAnalysis(table, { test: 'adhoc' })), '20b')).toMatch(/; t\(5\) = /);
  });
  it('gives a meta-regression’s influence diagnostics as its sensitivity analysis', () => {
    const r = metaAnalysis(table, { mods: ['mode'] });
    expect(Object.keys((r['influence'] as { dfbetas: Record<string, number[]> }).dfbetas)).toEqual(['intrcpt', 'modevideo']);
    const ps = metaText(r, { mods: ['mode'] });
    expect(paragraph(ps, '13d')).toContain('Outlier and influence diagnostics were examined');
    expect(paragraph(ps, '20d')).toMatch(/^(No study was|.+ (was|were)) influential \(DFFITS, /);
  });
  it('names the studies the influence diagnostics flag', () => {
    // R: influence(rma(yi, vi, method = "EE"))$is.infl is FALSE TRUE TRUE FALSE FALSE TRUE
    const r = metaAnalysis(table, { method: 'EE' });
    expect(paragraph(metaText(r), '20d')).toContain('. Boyd 2020, Chen 2018 and Fox 2017 were influential (DFFITS, Cook’s distance, hat value or DFBETAS beyond metafor’s cut-offs).');
  });
  it('names the subgroups with their pooled effects and the test for differences', () => {
    const r = metaAnalysis(table, { subgroup: 'mode' });
    const ps = metaText(r, { subgroup: 'mode' });
    expect(paragraph(ps, '13d')).toContain('Subgroups by mode were analysed separately');
    expect(paragraph(ps, '20b')).toMatch(/By mode: telephone \S+ \(\S+ to \S+; 3 studies, I² = \d+%\); video \S+ \(\S+ to \S+; 3 studies, I² = \d+%\); test for subgroup differences Q = \S+ \(df = 1, p = \S+\)\.$/);
  });
  it('says there is no test for subgroup differences when one subgroup alone has two studies, as metafor gives Q 0, p 1', () => {
    const modes = ['video', 'text', 'telephone', 'telephone', 'telephone', 'web'];
    const r = metaAnalysis({ ...table, rows: table.rows.map((row, i) => [...row.slice(0, 3), modes[i]!]) }, { subgroup: 'mode' });
    // R: the REML fit of the telephone studies (threshold 1e-13, as the reference cases), then rma(est, sei = se, method = "FE") over the one subgroup
    const sub = r['subgroups'] as { groups: { level: string; estimate: number; ci_lower: number }[]; Q_between: number; Q_between_df: number; Q_between_pval: number };
    expect(sub.groups.map((g) => g.level)).toEqual(['telephone']);
    expect(sub.groups[0]!.estimate).toBeCloseTo(0.9471269174, 9);
    expect(sub.groups[0]!.ci_lower).toBeCloseTo(0.3848352273, 9);
    expect([sub.Q_between, sub.Q_between_df, sub.Q_between_pval]).toEqual([0, 0, 1]);
    expect(paragraph(metaText(r, { subgroup: 'mode' }), '20b')).toMatch(/By mode: telephone 0\.95 \(\S+ to \S+; 3 studies, I² = \d+%\) \(text, video, web: fewer than two studies, not pooled\); with one subgroup pooled, there was no test for subgroup differences\.$/);
  });

  it('describes a common-effect model without τ² or a prediction interval', () => {
    const ps = metaText(metaAnalysis(table, { method: 'EE' }));
    expect(paragraph(ps, '13d')).toMatch(/^We pooled effect sizes as reported with their variances with a common-effect \(equal-effects\) model/);
    expect(paragraph(ps, '20b')).not.toMatch(/τ²|prediction interval/);
  });
  it('writes numbers and p-values as prose does', () => {
    expect([proseNumber(0.8123), proseNumber(-1.4449), proseNumber(0.0271), proseNumber(-0.00049), proseNumber(123.71), proseNumber(-0.0001)]).toEqual(['0.81', '−1.44', '0.027', '−0.00049', '123.7', '−0.0001']);
    expect([proseP(0.0004), proseP(0.0042), proseP(0.031), proseP(0.5)]).toEqual(['p < 0.001', 'p = 0.004', 'p = 0.03', 'p = 0.50']);
  });
});
