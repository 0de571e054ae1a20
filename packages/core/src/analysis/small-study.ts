/**
 * The further small-study and selection analyses of an intercept-only model, beside Egger's test, the
 * rank test and trim-and-fill: metafor's default regtest() (the model's own meta-regression on the
 * standard error), PET and PEESE, fail-safe N (Rosenthal, Rosenberg) and the three-parameter selection
 * model (one step at one-sided p = 0.025, in the direction of the pooled estimate).
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { fsnRosenberg, fsnRosenthal } from '../meta/fsn.js';
import { petPeese, regtest, type LimitEstimate } from '../meta/regtest.js';
import { selmodel } from '../meta/selmodel.js';
import type { RmaResult } from '../meta/types.js';
import { attempt } from './attempt.js';

/** The most studies for which the selection model is fitted (a maximum-likelihood fit of its own). */
export const SELMODEL_LIMIT = 20000;

/** The step of the three-parameter selection model: one-sided p = 0.025, two-sided 0.05 in the expected direction. */
export const SELMODEL_STEPS = [0.025];

/** Where the selection model's steps are and which way its one-sided p-values look. */
export interface SelectionOptions {
  readonly steps?: readonly number[];
  readonly alternative?: 'greater' | 'less';
}

/** @throws MetasiftError INVALID_OPTION naming the field: a step outside (0, 1), or an alternative other than greater or less */
export function checkSelection(s: SelectionOptions): void {
  if (s.steps !== undefined && (s.steps.length === 0 || s.steps.some((x) => !(x > 0 && x < 1))))
    throw new MetasiftError('INVALID_OPTION', `the selection model's steps are one-sided p-values strictly between 0 and 1, got ${s.steps.join(', ') || 'none'}`, { field: 'sel-steps' });
  if (s.alternative !== undefined && s.alternative !== 'greater' && s.alternative !== 'less')
    throw new MetasiftError('INVALID_OPTION', `the selection model's alternative is greater or less, got "${String(s.alternative)}"`, { field: 'sel-alternative' });
}

export function smallStudyExtras(model: RmaResult, warnings: Diagnostic[], selection: SelectionOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out['regtest'] = attempt(warnings, 'the regression test (metafor’s default)', () => {
    const r = regtest(model);
    return { model: r.model, predictor: r.predictor, statistic: r.statistic, pval: r.pval, df: r.df, limit: r.limit };
  });
  out['pet_peese'] = attempt(warnings, 'PET-PEESE', () => petPeese(model));
  out['fsn'] = { rosenthal: fsnRosenthal(model.yi, model.vi), rosenberg: fsnRosenberg(model.yi, model.vi) };
  if (model.k > SELMODEL_LIMIT) {
    warnings.push({ code: 'TOO_MANY_STUDIES', message: `the selection model not computed: it is fitted up to ${SELMODEL_LIMIT} studies (k = ${model.k})` });
    return out;
  }
  out['selmodel'] = attempt(warnings, 'the selection model', () => {
    const { warnings: notes, ...fit } = selmodel(model, { steps: selection.steps ?? SELMODEL_STEPS, alternative: selection.alternative ?? (model.estimate < 0 ? 'less' : 'greater') });
    warnings.push(...notes);
    return fit;
  });
  return out;
}

type Limit = Omit<LimitEstimate, 'se'>;

/** The summary's lines for these analyses, in metafor's print style; fmt and fmtP format numbers and p-values. */
export function smallStudyLines(r: Record<string, unknown>, fmt: (x: unknown) => string, fmtP: (p: unknown) => string): string[] {
  const out: string[] = [];
  const ci = (l: Limit): string => `${fmt(l.estimate)} [${fmt(l.ci_lower)}, ${fmt(l.ci_upper)}]`;
  const reg = r['regtest'] as { statistic: number; pval: number; df: number | null; limit: Limit } | undefined;
  if (reg)
    out.push(`Regression test (${r['method'] === 'EE' ? 'fixed' : 'mixed'}-effects, predictor sei): ${reg.df === null ? 'z' : `t(${reg.df})`} = ${fmt(reg.statistic)}, p-val ${fmtP(reg.pval)}; limit estimate ${ci(reg.limit)}`);
  const pp = r['pet_peese'] as { pet: Limit; peese: Limit; chosen: string } | undefined;
  if (pp) out.push(`PET: ${ci(pp.pet)}, p-val ${fmtP(pp.pet.pval)}; PEESE: ${ci(pp.peese)}; conditional estimate: ${pp.chosen}`);
  const fsn = r['fsn'] as { rosenthal: { fsnum: number; pval: number }; rosenberg: { fsnum: number; pval: number } } | undefined;
  if (fsn) out.push(`Fail-safe N: Rosenthal ${fsn.rosenthal.fsnum} (p-val ${fmtP(fsn.rosenthal.pval)}), Rosenberg ${fsn.rosenberg.fsnum} (p-val ${fmtP(fsn.rosenberg.pval)})`);
  const sel = r['selmodel'] as (Limit & { steps: number[]; alternative: string; tau2: number; delta: number[]; delta_se: number[]; LRT: number; LRT_df: number; LRT_pval: number }) | undefined;
  if (sel) {
    const deltas = sel.delta.slice(1).map((d, j) => `${fmt(d)} (SE ${fmt(sel.delta_se[j + 1])})`).join(', ');
    out.push(
      `Selection model (step function at one-sided p = ${sel.steps.slice(0, -1).join(', ')}, alternative ${sel.alternative}): estimate ${ci(sel)}, tau^2 ${fmt(sel.tau2)}, delta ${deltas}; LRT(df = ${sel.LRT_df}) = ${fmt(sel.LRT)}, p-val ${fmtP(sel.LRT_pval)}`,
    );
  }
  return out;
}
