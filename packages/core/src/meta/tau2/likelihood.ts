/**
 * Log-likelihoods of the random-effects model (normal–normal), as metafor computes them, and the
 * Fisher-scoring loop shared by ML and REML.
 */
import { MetasiftError } from '../../errors.js';
import { logDetSpd } from '../../stats/linalg.js';
import { tracePP, traceP, yPPy, type Design } from '../wls.js';
import type { Tau2Control } from '../control.js';
import { fitAt } from './common.js';
import { heRaw } from './he.js';
import type { Tau2Fit, Tau2Input } from './types.js';

function crossWeighted(x: Design, w: ArrayLike<number>): number[][] {
  const p = x.columns.length;
  return Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, c) => {
      let s = 0;
      for (let i = 0; i < w.length; i++) s += x.columns[a]![i]! * x.columns[c]![i]! * w[i]!;
      return s;
    }),
  );
}

/** ML (reml = false) or REML (reml = true) log-likelihood at τ². */
export function logLik(input: Tau2Input, tau2: number, reml: boolean): number {
  const { w, fit } = fitAt(input, tau2);
  const k = input.yi.length;
  const p = input.X.columns.length;
  let sumLogV = 0;
  for (let i = 0; i < k; i++) sumLogV += Math.log(input.vi[i]! + tau2);
  if (!reml) return -0.5 * k * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * fit.yPy;
  const logDet = logDetSpd(crossWeighted(input.X, w));
  return -0.5 * (k - p) * Math.log(2 * Math.PI) - 0.5 * sumLogV - 0.5 * logDet - 0.5 * fit.yPy;
}

/**
 * Fisher scoring for ML or REML from the HE estimate, with step halving at the zero boundary and
 * metafor's check that the likelihood at τ² = 0 is not larger (ll0check).
 */
export function fisherScoring(input: Tau2Input, control: Tau2Control, reml: boolean): Tau2Fit {
  let tau2 = Math.max(0, heRaw(input));
  let iterations = 0;
  for (;;) {
    const { w, fit } = fitAt(input, tau2);
    let adj: number;
    if (reml) {
      adj = (yPPy(w, fit) - traceP(input.X, w, fit)) / tracePP(input.X, w, fit);
    } else {
      let sumW2 = 0;
      for (let i = 0; i < w.length; i++) sumW2 += w[i]! * w[i]!;
      adj = (yPPy(w, fit) - fit.sumW) / sumW2;
    }
    adj *= control.stepAdj;
    if (Number.isNaN(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    const old = tau2;
    tau2 += adj;
    iterations++;
    if (Math.abs(tau2 - old) <= control.threshold) break;
    if (iterations >= control.maxIter)
      throw new MetasiftError(
        'NONCONVERGENCE',
        `Fisher scoring algorithm did not converge after ${iterations} iterations; try method PM or DL, or check the data for extreme sampling variances.`,
      );
  }
  if (tau2 > 0 && logLik(input, 0, reml) > logLik(input, tau2, reml)) return { tau2: 0, iterations, truncated: true };
  return { tau2, iterations, truncated: false };
}
