/**
 * Q-profile confidence intervals for τ², I² and H² (Viechtbauer 2007), as metafor's confint() for
 * rma.uni models: the τ² values at which the generalised Q-statistic equals the χ²(k − p) quantiles.
 */
import { qchisq } from '../stats/distributions.js';
import { MetasiftError } from '../errors.js';
import { fitAt, solveGeneralisedQ } from './tau2/common.js';
import { DEFAULT_TAU2_CONTROL } from './control.js';
import { designWithIntercept } from './rma.js';
import type { Moderators, RmaResult } from './types.js';

export interface HeterogeneityCi {
  readonly tau2_ci: [number, number];
  readonly I2_ci: [number, number];
  readonly H2_ci: [number, number];
  /** "<" or ">" where a limit lies beyond the searched range [0, tau2_max] (as metafor prints it). */
  readonly tau2_ci_sign: [string, string];
}

/**
 * metafor searches τ² in [0, max(100, 10·τ̂²)] and reports the range's end when the root lies beyond it.
 */
export function qProfileMax(tau2: number): number {
  return Math.max(100, 10 * tau2);
}

/** Q-profile intervals for a fitted model (uses the model's level and typical variance vt). */
export function confintTau2(model: RmaResult, mods?: Moderators): HeterogeneityCi {
  const df = model.k - model.p;
  if (model.method === 'EE') throw new MetasiftError('NO_RANDOM_EFFECT', 'the equal-effects model has no tau^2 to bound');
  if (df < 1) throw new MetasiftError('TOO_FEW_STUDIES', 'Q-profile intervals need k > p');
  const alpha = 1 - model.level / 100;
  const input = { yi: model.yi, vi: model.vi, X: designWithIntercept(model.k, mods) };
  const maxIter = DEFAULT_TAU2_CONTROL.maxIter;
  // lower limit: Q(τ²) = χ²_{1−α/2}; upper limit: Q(τ²) = χ²_{α/2} (both 0 when Q(0) is below them)
  const max = qProfileMax(model.tau2);
  const qAtMax = fitAt(input, max).yPy;
  const limit = (crit: number): { value: number; sign: string } =>
    qAtMax > crit ? { value: max, sign: '>' } : { value: solveGeneralisedQ(input, crit, maxIter).tau2, sign: '' };
  const lo = limit(qchisq(1 - alpha / 2, df));
  const hi = limit(qchisq(alpha / 2, df));
  const lower = lo.value;
  const upper = hi.value;
  const vt = model.vt;
  const i2 = (t: number): number => (100 * t) / (vt + t);
  const h2 = (t: number): number => (vt + t) / vt;
  return { tau2_ci: [lower, upper], I2_ci: [i2(lower), i2(upper)], H2_ci: [h2(lower), h2(upper)], tau2_ci_sign: [lo.sign, hi.sign] };
}
