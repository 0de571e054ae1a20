/** DerSimonian–Laird (1986) moment estimator; metafor method = "DL". */
import { traceP } from '../wls.js';
import { fitAt, residualDf, truncated } from './common.js';
import type { Tau2Estimator } from './types.js';

export const dl: Tau2Estimator = (input) => {
  const { w, fit } = fitAt(input, 0);
  return truncated((fit.yPy - residualDf(input)) / traceP(input.X, w, fit));
};
