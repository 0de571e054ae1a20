/**
 * Paule–Mandel (1982) estimator; metafor method = "PM": the τ² at which the generalised Q-statistic
 * yᵀP(τ²)y equals its expectation k − p (0 when Q at τ² = 0 is already below k − p).
 */
import { residualDf, solveGeneralisedQ } from './common.js';
import type { Tau2Estimator } from './types.js';

export const pm: Tau2Estimator = (input, control) => {
  const { tau2, iterations } = solveGeneralisedQ(input, residualDf(input), control.maxIter);
  return { tau2, iterations, truncated: tau2 === 0 };
};
