/**
 * Small-study effects: Egger's regression test (metafor regtest(model = "lm")), Begg and Mazumdar's rank
 * correlation test (metafor ranktest()) and Duval & Tweedie's trim-and-fill (metafor trimfill(), estimator L0).
 */
import { MetasiftError } from '../errors.js';
import { kendallTest } from '../stats/kendall.js';
import { rma } from './rma.js';
import { regtest } from './regtest.js';
import { METAFOR_DEFAULT_TAU2_CONTROL } from './control.js';
import type { RmaResult } from './types.js';

export interface EggerTest {
  readonly statistic: number;
  readonly pval: number;
  readonly df: number;
  /** Slope on the standard error (the asymmetry coefficient). */
  readonly slope: number;
  /** Intercept: the effect extrapolated to a study of infinite precision (limit estimate). */
  readonly intercept: number;
}

/**
 * Classic Egger test: weighted least squares of yᵢ on √vᵢ with weights 1/vᵢ and a free residual
 * variance; the t-test of the √vᵢ coefficient on k − 2 df (equivalent to Egger et al. 1997's intercept).
 */
export function eggerTest(model: Pick<RmaResult, 'yi' | 'vi'>): EggerTest {
  if (model.yi.length < 3) throw new MetasiftError('TOO_FEW_STUDIES', "Egger's test needs at least 3 studies");
  const r = regtest({ yi: model.yi, vi: model.vi, method: 'EE', test: 'z', level: 95 }, { model: 'lm', predictor: 'sei' });
  return { statistic: r.statistic, pval: r.pval, df: r.df!, slope: r.slope, intercept: r.limit.estimate };
}

export interface RankTest {
  /** Kendall's τ between the standardised effects and their variances. */
  readonly tau: number;
  readonly pval: number;
  /** Whether the p-value is exact (no ties) or from the normal approximation (ties, or more than 300 studies). */
  readonly exact: boolean;
}

/**
 * Begg and Mazumdar's (1994) test: Kendall's τ between the effects standardised about the equal-effects
 * estimate, (yᵢ − θ̂)/√(vᵢ − v(θ̂)), and their variances vᵢ; the exact p-value unless there are ties.
 */
export function rankTest(model: Pick<RmaResult, 'yi' | 'vi'>): RankTest {
  const k = model.yi.length;
  if (k < 3) throw new MetasiftError('TOO_FEW_STUDIES', 'the rank correlation test needs at least 3 studies');
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += 1 / model.vi[i]!;
    swy += model.yi[i]! / model.vi[i]!;
  }
  const theta = swy / sw;
  const standardised = model.yi.map((y, i) => (y - theta) / Math.sqrt(model.vi[i]! - 1 / sw));
  const t = kendallTest(standardised, model.vi);
  if (!Number.isFinite(t.tau)) throw new MetasiftError('SINGULAR_DESIGN', 'the rank correlation test needs studies of different precision');
  return { tau: t.tau, pval: t.pval, exact: t.exact };
}

export interface TrimFill {
  readonly k0: number;
  readonly side: 'left' | 'right';
  readonly estimate: number;
  readonly se: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  /** The imputed studies, on the original scale. */
  readonly filled: { readonly yi: number[]; readonly vi: number[] };
}

/**
 * Trim-and-fill with the L0 estimator. The side is chosen as metafor does: from the sign of the
 * √vᵢ slope in a meta-regression fitted with the model's method (negative → missing on the right).
 * As in metafor, the filled data are refitted with the model's τ² method only: a z test at the 95%
 * level whatever the model's test and level (a Knapp-Hartung model's trim-and-fill interval is a
 * z interval); with no study imputed, the model itself is returned.
 */
export function trimfill(model: RmaResult, maxIter = 100): TrimFill {
  const method = model.method;
  const k = model.k;
  const slope = rma({ yi: model.yi, vi: model.vi, method, mods: { names: ['sei'], columns: [model.vi.map(Math.sqrt)] }, lean: true })
    .coefficients[1]!.estimate;
  const side: 'left' | 'right' = slope < 0 ? 'right' : 'left';
  const sign = side === 'right' ? -1 : 1;
  // sort by (sign-flipped) effect, ascending, so the k0 largest are trimmed
  const order = model.yi.map((_, i) => i).sort((a, b) => sign * model.yi[a]! - sign * model.yi[b]!);
  const y = order.map((i) => sign * model.yi[i]!);
  const v = order.map((i) => model.vi[i]!);
  let k0 = 0;
  let previous = -1;
  let beta = 0;
  for (let iter = 0; k0 !== previous && iter < maxIter; iter++) {
    previous = k0;
    beta = rma({ yi: y.slice(0, k - k0), vi: v.slice(0, k - k0), method, control: METAFOR_DEFAULT_TAU2_CONTROL }).estimate;
    const centred = y.map((yy) => yy - beta);
    const ranks = rankAbs(centred);
    let sr = 0;
    centred.forEach((c, i) => {
      if (c > 0) sr += ranks[i]!;
    });
    k0 = Math.max(0, Math.round((4 * sr - k * (k + 1)) / (2 * k - 1)));
  }
  // as metafor: a k0 that still changes after maxIter rounds (it swings between values) is no estimate
  if (k0 !== previous) throw new MetasiftError('NONCONVERGENCE', `the trim-and-fill algorithm did not converge in ${maxIter} iterations (k0 swings between ${previous} and ${k0})`);
  const fillY: number[] = [];
  const fillV: number[] = [];
  for (let i = k - k0; i < k; i++) {
    fillY.push(sign * (2 * beta - y[i]!));
    fillV.push(v[i]!);
  }
  // metafor's trimfill() fits the trimmed and the filled data with its default convergence control,
  // test and level (it passes on the method alone)
  const filledModel = k0 > 0 ? rma({ yi: [...model.yi, ...fillY], vi: [...model.vi, ...fillV], method, control: METAFOR_DEFAULT_TAU2_CONTROL }) : model;
  return {
    k0,
    side,
    estimate: filledModel.estimate,
    se: filledModel.se,
    ci_lower: filledModel.ci_lower,
    ci_upper: filledModel.ci_upper,
    filled: { yi: fillY, vi: fillV },
  };
}

/** Ranks of |x|, ties broken by position (R's rank(ties.method = "first")). */
function rankAbs(x: readonly number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => Math.abs(x[a]!) - Math.abs(x[b]!) || a - b);
  const r = new Array<number>(x.length);
  idx.forEach((i, pos) => {
    r[i] = pos + 1;
  });
  return r;
}
