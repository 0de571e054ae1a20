/** Restricted maximum likelihood (Viechtbauer 2005); metafor method = "REML" (its default). */
import { fisherScoring } from './likelihood.js';
import type { Tau2Estimator } from './types.js';

export const reml: Tau2Estimator = (input, control) => fisherScoring(input, control, true);
