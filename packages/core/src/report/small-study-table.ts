/**
 * The small-study and selection analyses of one meta-analysis as a table for people (the web page and the
 * HTML report): each method's adjusted estimate on the reader's scale with its interval, its test and p.
 */
import type { MetaAnalysisReport } from '../analysis/meta-analysis.js';
import type { LimitEstimate } from '../meta/regtest.js';
import { proseNumber, proseP, readerScale } from './meta-text.js';

type Limit = Omit<LimitEstimate, 'se' | 'pval'> & { pval?: number };

export function smallStudyTable(report: MetaAnalysisReport): { columns: string[]; rows: string[][] } | null {
  const { label, back } = readerScale(report);
  const level = String(report['level']);
  const ci = (l: Limit): string => `${proseNumber(back(l.estimate))} (${proseNumber(back(l.ci_lower))} to ${proseNumber(back(l.ci_upper))})`;
  const stat = (df: number | null | undefined, x: number): string => `${typeof df === 'number' ? `t(${df})` : 'z'} = ${proseNumber(x)}`;
  const rows: string[][] = [];
  const egger = report['egger'] as { statistic: number; pval: number; df: number } | undefined;
  if (egger) rows.push(["Egger's regression test (weighted least squares on the SE)", '—', stat(egger.df, egger.statistic), proseP(egger.pval)]);
  const reg = report['regtest'] as { statistic: number; pval: number; df: number | null; limit: Limit } | undefined;
  if (reg) rows.push(['Regression test (the model’s meta-regression on the SE; limit estimate)', ci(reg.limit), stat(reg.df, reg.statistic), proseP(reg.pval)]);
  const rank = report['ranktest'] as { tau: number; pval: number } | undefined;
  if (rank) rows.push(['Rank correlation test (Begg and Mazumdar)', '—', `Kendall's τ = ${proseNumber(rank.tau)}`, proseP(rank.pval)]);
  const tf = report['trimfill'] as (Limit & { k0: number; side: string }) | undefined;
  if (tf) rows.push([`Trim-and-fill (L0): ${tf.k0} imputed on the ${tf.side}`, ci(tf), '—', '—']);
  const pp = report['pet_peese'] as { pet: Limit; peese: Limit; chosen: string } | undefined;
  if (pp) {
    rows.push([`PET (limit estimate as the SE → 0)${pp.chosen === 'PET' ? ', chosen' : ''}`, ci(pp.pet), `t(${Number(report['k']) - 2}) test of the limit = 0`, proseP(pp.pet.pval!)]);
    rows.push([`PEESE (limit estimate as the variance → 0)${pp.chosen === 'PEESE' ? ', chosen' : ''}`, ci(pp.peese), '—', '—']);
  }
  const sel = report['selmodel'] as (Limit & { steps: number[]; delta: number[]; LRT: number; LRT_df: number; LRT_pval: number }) | undefined;
  if (sel)
    rows.push([
      `Selection model (step at one-sided p = ${sel.steps.slice(0, -1).join(', ')}; δ = ${sel.delta.slice(1).map(proseNumber).join(', ')})`,
      ci(sel),
      `LRT χ²(${sel.LRT_df}) = ${proseNumber(sel.LRT)}`,
      proseP(sel.LRT_pval),
    ]);
  const fsn = report['fsn'] as { rosenthal: { fsnum: number }; rosenberg: { fsnum: number } } | undefined;
  if (fsn) rows.push([`Fail-safe N: Rosenthal ${fsn.rosenthal.fsnum}, Rosenberg ${fsn.rosenberg.fsnum}`, '—', '—', '—']);
  return rows.length ? { columns: ['Method', `${label} (${level}% CI)`, 'Test', 'p'], rows } : null;
}

/** One sentence of the same results for GRADE's publication-bias domain, on the reader's scale. */
export function smallStudySummary(report: MetaAnalysisReport): string | null {
  const { label, back } = readerScale(report);
  const ci = (l: Limit): string => `${proseNumber(back(l.estimate))} (${proseNumber(back(l.ci_lower))} to ${proseNumber(back(l.ci_upper))})`;
  const parts: string[] = [];
  const egger = report['egger'] as { pval: number } | undefined;
  if (egger) parts.push(`Egger's test ${proseP(egger.pval)}`);
  const tf = report['trimfill'] as (Limit & { k0: number }) | undefined;
  if (tf) parts.push(tf.k0 === 0 ? 'trim-and-fill imputed no study' : `trim-and-fill ${label} ${ci(tf)} with ${tf.k0} imputed`);
  const pp = report['pet_peese'] as { pet: Limit; peese: Limit; chosen: 'PET' | 'PEESE' } | undefined;
  if (pp) parts.push(`PET-PEESE (${pp.chosen}) ${label} ${ci(pp.chosen === 'PET' ? pp.pet : pp.peese)}`);
  const sel = report['selmodel'] as (Limit & { LRT_pval: number }) | undefined;
  if (sel) parts.push(`selection model ${label} ${ci(sel)}, test for selection ${proseP(sel.LRT_pval)}`);
  return parts.length ? `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()) : null;
}
