/** Hunter–Schmidt (2004) estimator; metafor method = "HS": (yᵀPy − k) / Σwᵢ with wᵢ = 1/vᵢ. */
import { fitAt, truncated } from './common.js';
import type { Tau2Estimator } from './types.js';

export const hs: Tau2Estimator = (input) => {
  const fit = fitAt(input, 0);
  return truncated((fit.yPy - input.yi.length) / fit.sumW);
};
