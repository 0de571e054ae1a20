/**
 * Empirical Bayes (Morris 1983; Berkey et al. 1995) estimator; metafor method = "EB".
 * Solves yᵀPy · k/(k − p) = k. This estimating equation is the Paule–Mandel one scaled by k/(k − p),
 * so the two estimators coincide (as metafor's documentation notes); it is kept as its own method code.
 */
import { MetasiftError } from '../../errors.js';
import type { Tau2Control } from '../control.js';
import { fitAt, residualDf, solveGeneralisedQ } from './common.js';
import { heRaw } from './he.js';
import type { Tau2Estimator, Tau2Input } from './types.js';

export const eb: Tau2Estimator = (input, control) => {
  if (!control.exact) return ebAsMetafor(input, control);
  const k = input.yi.length;
  const target = (k * residualDf(input)) / k; // yᵀPy = k · (k − p)/k
  const { tau2, iterations } = solveGeneralisedQ(input, target, control.maxIter);
  return { tau2, iterations, truncated: tau2 === 0 };
};

/**
 * Where metafor stops: its fixed-point iteration τ² ← τ² + (yᵀPy · k/(k − p) − k)/Σwᵢ from the HE
 * estimate, halving a step that would cross 0, until τ² moves by no more than the threshold (metafor
 * refits this way inside trimfill(), whose numbers we reproduce).
 */
function ebAsMetafor(input: Tau2Input, control: Tau2Control) {
  const k = input.yi.length;
  const scale = k / residualDf(input);
  let tau2 = Math.max(0, control.tau2Init ?? heRaw(input));
  for (let iterations = 1; ; iterations++) {
    const fit = fitAt(input, tau2);
    let adj = ((fit.yPy * scale - k) / fit.sumW) * control.stepAdj;
    if (Number.isNaN(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    const old = tau2;
    tau2 += adj;
    if (Math.abs(tau2 - old) <= control.threshold) return { tau2, iterations, truncated: false };
    if (iterations >= control.maxIter) throw new MetasiftError('NONCONVERGENCE', `Empirical Bayes iteration for tau^2 did not converge after ${iterations} iterations.`);
  }
}
