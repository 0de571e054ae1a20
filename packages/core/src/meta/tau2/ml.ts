/** Maximum likelihood (Hardy & Thompson 1996); metafor method = "ML". */
import { fisherScoring } from './likelihood.js';
import type { Tau2Estimator } from './types.js';

export const ml: Tau2Estimator = (input, control) => fisherScoring(input, control, false);
