import { MetasiftError } from '../../errors.js';
import { glsAt, type WlsFit } from '../wls.js';
import type { Tau2Input } from './types.js';

/** Weighted fit at a given τ²; the design was checked for full rank before estimation. */
export function fitAt(input: Tau2Input, tau2: number): WlsFit {
  const fit = glsAt(input.yi, input.vi, input.X, tau2);
  if (fit === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank. Cannot fit model.');
  return fit;
}

/** Residual degrees of freedom k − p. */
export function residualDf(input: Tau2Input): number {
  return input.yi.length - input.X.columns.length;
}

/** Truncate at zero, noting whether it happened. */
export function truncated(tau2: number, iterations = 0): { tau2: number; iterations: number; truncated: boolean } {
  return tau2 < 0 ? { tau2: 0, iterations, truncated: true } : { tau2, iterations, truncated: false };
}

/**
 * Root of the generalised Q-statistic equation yᵀP(τ²)y = target for τ² ≥ 0 (Paule–Mandel and the
 * Q-profile confidence limits). yᵀPy decreases monotonically in τ² with derivative −yᵀPPy, so a Newton
 * step safeguarded by bisection inside a bracket converges to machine precision.
 * Returns 0 when yᵀP(0)y ≤ target.
 */
export function solveGeneralisedQ(input: Tau2Input, target: number, maxIter: number): { tau2: number; iterations: number } {
  const q = (t: number): { value: number; slope: number } => {
    const fit = fitAt(input, t);
    return { value: fit.yPy - target, slope: -fit.yPPy };
  };
  const at0 = q(0);
  if (at0.value <= 0) return { tau2: 0, iterations: 0 };
  let lo = 0;
  let hi = 1;
  let iterations = 0;
  while (q(hi).value > 0) {
    lo = hi;
    hi *= 10;
    if (++iterations > 400) throw new MetasiftError('NONCONVERGENCE', 'Could not bracket the root of the generalised Q-statistic.');
  }
  let t = (lo + hi) / 2;
  for (; iterations < maxIter; iterations++) {
    const { value, slope } = q(t);
    if (value === 0) return { tau2: t, iterations };
    if (value > 0) lo = t;
    else hi = t;
    let next = t - value / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, t) || hi - lo <= 1e-15 * Math.max(1, hi)) return { tau2: next, iterations };
    t = next;
  }
  throw new MetasiftError('NONCONVERGENCE', 'Root finding for tau^2 did not converge; try another method.');
}
