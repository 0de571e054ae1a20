/**
 * Sidik–Jonkman (2005) estimator, one step from τ₀² = Σ(yᵢ − ȳ)²/k; metafor method = "SJ".
 * τ² = τ₀² · yᵀP(τ₀²)y / (k − p). Positive by construction.
 */
import { fitAt, residualDf } from './common.js';
import type { Tau2Estimator } from './types.js';

export const sj: Tau2Estimator = (input) => {
  const k = input.yi.length;
  let mean = 0;
  for (let i = 0; i < k; i++) mean += input.yi[i]!;
  mean /= k;
  let tau0 = 0;
  for (let i = 0; i < k; i++) tau0 += (input.yi[i]! - mean) ** 2;
  tau0 /= k; // metafor: var(yi) * (k − 1) / k
  const fit = fitAt(input, tau0);
  return { tau2: (tau0 * fit.yPy) / residualDf(input), iterations: 1, truncated: false };
};
