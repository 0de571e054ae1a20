/**
 * Paule–Mandel (1982) estimator; metafor method = "PM": the τ² at which the generalised Q-statistic
 * yᵀP(τ²)y equals its expectation k − p (0 when Q at τ² = 0 is already below k − p).
 */
import { MetasiftError } from '../../errors.js';
import { zeroin } from '../../stats/zeroin.js';
import { fitAt, residualDf, solveGeneralisedQ } from './common.js';
import type { Tau2Estimator, Tau2Input } from './types.js';

export const pm: Tau2Estimator = (input, control) => {
  if (!control.exact) return pmAsMetafor(input, control.rootTol ?? 2 ** -13, control.maxIter);
  const { tau2, iterations } = solveGeneralisedQ(input, residualDf(input), control.maxIter);
  return { tau2, iterations, truncated: tau2 === 0 };
};

/**
 * Where metafor stops by default: uniroot() on [0, max(100, 10·mad(y)²)] at tolerance `tol` (metafor
 * refits this way inside trimfill(), whose numbers we reproduce).
 */
function pmAsMetafor(input: Tau2Input, tol: number, maxIter: number) {
  const target = residualDf(input);
  const q = (t: number): number => fitAt(input, t).yPy - target;
  const at0 = q(0);
  if (at0 < 0) return { tau2: 0, iterations: 0, truncated: true };
  const upper = Math.max(100, 10 * mad(input.yi) ** 2);
  const atUpper = q(upper);
  if (atUpper > 0) throw new MetasiftError('NONCONVERGENCE', `Paule-Mandel: tau^2 is above ${upper}, the end of metafor's default search interval.`);
  const r = zeroin(q, 0, upper, at0, atUpper, tol, maxIter);
  if (!r.converged) throw new MetasiftError('NONCONVERGENCE', 'Paule-Mandel: the root search for tau^2 did not converge.');
  return { tau2: r.root, iterations: r.iterations, truncated: false };
}

/** R's mad(): the median absolute deviation from the median, × 1.4826. */
export function mad(x: ArrayLike<number>): number {
  const median = (v: number[]): number => {
    const s = [...v].sort((p, q) => p - q);
    const h = s.length >> 1;
    return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
  };
  const values = Array.from(x);
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}
