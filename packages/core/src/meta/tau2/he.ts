/** Hedges (1983) / Hedges–Olkin moment estimator from unweighted residuals; metafor method = "HE". */
import { MetasiftError } from '../../errors.js';
import { hatDiagonal, wls } from '../wls.js';
import { residualDf, truncated } from './common.js';
import type { Tau2Estimator, Tau2Input } from './types.js';

/** Untruncated HE value: (RSS_OLS − tr(PV)) / (k − p); metafor also uses it to start ML/REML/EB. */
export function heRaw(input: Tau2Input): number {
  if (input.X.columns.length === 1 && input.X.names[0] === 'intrcpt') return heInterceptOnly(input);
  const ones = new Float64Array(input.yi.length).fill(1);
  const fit = wls(input.yi, input.X, ones);
  if (fit === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank. Cannot fit model.');
  const h = hatDiagonal(input.X, ones, fit);
  let trPV = 0;
  for (let i = 0; i < h.length; i++) trPV += input.vi[i]! * (1 - h[i]!);
  return (fit.yPy - trPV) / residualDf(input);
}

export const he: Tau2Estimator = (input) => truncated(heRaw(input));

/** Intercept-only HE: (Σ(yᵢ − ȳ)² − (Σvᵢ)(1 − 1/k)) / (k − 1), since the OLS hat values are all 1/k. */
function heInterceptOnly(input: Tau2Input): number {
  const k = input.yi.length;
  let sy = 0;
  let sv = 0;
  for (let i = 0; i < k; i++) {
    sy += input.yi[i]!;
    sv += input.vi[i]!;
  }
  const mean = sy / k;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (input.yi[i]! - mean) ** 2;
  return (rss - sv * (1 - 1 / k)) / (k - 1);
}
