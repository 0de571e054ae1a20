/**
 * Empirical Bayes (Morris 1983; Berkey et al. 1995) estimator; metafor method = "EB".
 * Solves yᵀPy · k/(k − p) = k. This estimating equation is the Paule–Mandel one scaled by k/(k − p),
 * so the two estimators coincide (as metafor's documentation notes); it is kept as its own method code.
 */
import { residualDf, solveGeneralisedQ } from './common.js';
import type { Tau2Estimator } from './types.js';

export const eb: Tau2Estimator = (input, control) => {
  const k = input.yi.length;
  const target = (k * residualDf(input)) / k; // yᵀPy = k · (k − p)/k
  const { tau2, iterations } = solveGeneralisedQ(input, target, control.maxIter);
  return { tau2, iterations, truncated: tau2 === 0 };
};
