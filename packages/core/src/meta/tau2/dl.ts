/** DerSimonian–Laird (1986) moment estimator; metafor method = "DL". */
import { fitAt, residualDf, truncated } from './common.js';
import type { Tau2Estimator } from './types.js';

export const dl: Tau2Estimator = (input) => {
  const fit = fitAt(input, 0);
  return truncated((fit.yPy - residualDf(input)) / fit.trP);
};
