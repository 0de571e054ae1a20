/**
 * Log-likelihoods of the random-effects model (normal–normal), as metafor computes them, and the
 * Fisher-scoring loop shared by ML and REML.
 */
import { MetasiftError } from '../../errors.js';
import { logDetXtWX } from '../wls.js';
import type { Tau2Control } from '../control.js';
import { fitAt } from './common.js';
import { heRaw } from './he.js';
import type { Tau2Fit, Tau2Input } from './types.js';

/** ML (reml = false) or REML (reml = true) log-likelihood at τ². */
export function logLik(input: Tau2Input, tau2: number, reml: boolean): number {
  const fit = fitAt(input, tau2);
  const k = input.yi.length;
  const p = input.X.columns.length;
  let sumLogV = 0;
  for (let i = 0; i < k; i++) sumLogV += Math.log(input.vi[i]! + tau2);
  if (!reml) return -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * fit.yPy;
  return -0.5 * (k - p) * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * logDetXtWX(fit) - 0.5 * fit.yPy;
}

/** True when the ML/REML score at τ² = 0 is not positive (the likelihood decreases away from 0). */
function atBoundary(input: Tau2Input, reml: boolean): boolean {
  const f = fitAt(input, 0);
  return (reml ? f.yPPy - f.trP : f.yPPy - f.sumW) <= 0;
}

/**
 * Fisher scoring for ML or REML, with step halving at the zero boundary and metafor's check that the
 * likelihood at τ² = 0 is not larger (ll0check). Starts from the HE estimate as metafor does, or from
 * control.tau2Init (a warm start, e.g. the full model's τ² in leave-one-out).
 */
export function fisherScoring(input: Tau2Input, control: Tau2Control, reml: boolean): Tau2Fit {
  let tau2 = Math.max(0, control.tau2Init ?? heRaw(input));
  let iterations = 0;
  let lastNewtonStep = Infinity;
  for (;;) {
    const fit = fitAt(input, tau2);
    // Fisher scoring — REML: (yᵀPPy − tr P)/tr PP; ML: (yᵀPPy − Σw)/Σw²
    const score = reml ? fit.yPPy - fit.trP : fit.yPPy - fit.sumW;
    const expected = reml ? fit.trPP : fit.sumW2;
    let adj = (score / expected) * control.stepAdj;
    if (control.exact && Math.abs(adj) < 1e-3 * Math.max(1, tau2)) {
      // near the optimum: Newton step with the observed information 2·yᵀPPPy − tr PP (or − Σw²)
      const observed = 2 * fit.yPPPy - expected;
      if (observed > 0) {
        adj = score / observed;
        // Newton steps shrink quadratically; one that does not shrink, at the last digits of τ², is
        // rounding noise in the score (a large τ² can cycle between neighbouring values a few ulps
        // apart, each step above an absolute threshold of 1e-13): τ² has converged
        if (Math.abs(adj) >= lastNewtonStep && Math.abs(adj) <= 1e-10 * Math.max(1, tau2)) {
          iterations++;
          break;
        }
        lastNewtonStep = Math.abs(adj);
      }
    }
    if (Number.isNaN(adj)) adj = 0;
    if (tau2 + adj < 0 && control.exact && atBoundary(input, reml)) {
      // the score is ≤ 0 at τ² = 0, so the maximum is on the boundary. metafor gets there by halving
      // steps, creeping towards 0 until a step is below its threshold, and reports where it stopped (a
      // τ² of the order of the threshold; with small sampling variances, as for risk differences, that
      // still shows in I²): retrace its own iterations from its own start, the HE estimate
      const { tau2Init: _warmStart, ...fromHe } = control;
      return fisherScoring(input, { ...fromHe, exact: false }, reml);
    }
    while (tau2 + adj < 0) adj /= 2;
    const old = tau2;
    tau2 += adj;
    iterations++;
    if (Math.abs(tau2 - old) <= control.threshold) break;
    if (iterations >= control.maxIter)
      throw new MetasiftError(
        'NONCONVERGENCE',
        `Fisher scoring algorithm did not converge after ${iterations} iterations; try method PM or DL, or check the data for extreme sampling variances.`,
      );
  }
  // metafor's ll0check: τ̂² above the threshold is set to 0 when ll(0) − ll(τ̂²) exceeds its tol
  const margin = control.ll0Tol ?? 0;
  if (tau2 > control.threshold && zeroIsBetter(input, tau2, reml, margin)) return { tau2: 0, iterations, truncated: true };
  return { tau2, iterations, truncated: false };
}

/**
 * metafor's ll0check: is the (restricted) log-likelihood at τ² = 0 larger than at τ̂², by more than
 * `margin`?
 * ll(0) − ll(τ̂²) = ½ Σ log(1 + xᵢ) + c with xᵢ = τ̂²/vᵢ, where c holds the Q-statistic (and REML
 * log-determinant) terms. The sum is bracketed without logarithms by 2x/(2 + x) ≤ log(1 + x) ≤
 * x(6 + x)/(6 + 4x); only when the bracket straddles −2c are the k logarithms computed.
 */
function zeroIsBetter(input: Tau2Input, tau2: number, reml: boolean, margin: number): boolean {
  const at0 = fitAt(input, 0);
  const atT = fitAt(input, tau2);
  const c = (reml ? -0.5 * (logDetXtWX(at0) - logDetXtWX(atT)) : 0) - 0.5 * (at0.yPy - atT.yPy);
  let lower = 0;
  let upper = 0;
  for (let i = 0; i < input.vi.length; i++) {
    const x = tau2 / input.vi[i]!;
    lower += (2 * x) / (2 + x);
    upper += (x * (6 + x)) / (6 + 4 * x);
  }
  if (0.5 * upper + c <= margin) return false;
  if (0.5 * lower + c > margin) return true;
  return logLik(input, 0, reml) - logLik(input, tau2, reml) > margin;
}
