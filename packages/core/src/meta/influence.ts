/**
 * Leave-one-out analysis (metafor leave1out()) and the outlier and influence diagnostics built on it
 * (metafor influence() for models without moderators; Viechtbauer & Cheung 2010): the model refitted
 * without each study in turn.
 */
import { qchisq } from '../stats/distributions.js';
import { rma } from './rma.js';
import type { RmaResult } from './types.js';

export interface LeaveOneOut {
  readonly estimate: number[];
  readonly se: number[];
  readonly ci_lower: number[];
  readonly ci_upper: number[];
  readonly pval: number[];
  readonly tau2: number[];
  readonly I2: number[];
  readonly Q: number[];
}

/** The model refitted without study i, for each i in turn (lean fits, read at once and not kept). */
function* refits(model: RmaResult): Generator<RmaResult> {
  const k = model.k;
  // one pair of buffers reused for every refit; built by slicing so that V8 keeps them packed —
  // `new Array(n)` would be holey and every access slower
  const yi = model.yi.slice(1);
  const vi = model.vi.slice(1);
  for (let omit = 0; omit < k; omit++) {
    for (let i = 0, j = 0; i < k; i++) {
      if (i === omit) continue;
      yi[j] = model.yi[i]!;
      vi[j++] = model.vi[i]!;
    }
    // warm start ML/REML from the full model's τ² (same optimum, a few Newton steps instead of ten)
    yield rma({ yi, vi, method: model.method, test: model.test, level: model.level, control: { tau2Init: model.tau2 }, lean: true });
  }
}

export function leave1out(model: RmaResult): LeaveOneOut {
  const out: LeaveOneOut = { estimate: [], se: [], ci_lower: [], ci_upper: [], pval: [], tau2: [], I2: [], Q: [] };
  for (const fit of refits(model)) {
    out.estimate.push(fit.estimate);
    out.se.push(fit.se);
    out.ci_lower.push(fit.ci_lower);
    out.ci_upper.push(fit.ci_upper);
    out.pval.push(fit.pval);
    out.tau2.push(fit.tau2);
    out.I2.push(fit.I2);
    out.Q.push(fit.Q);
  }
  return out;
}

/** Per study, in input order, with metafor's names where JSON allows (cook.d → cook_d). */
export interface Influence {
  /** Externally standardised (studentised deleted) residual. */
  readonly rstudent: number[];
  readonly dffits: number[];
  readonly cook_d: number[];
  /** Covariance ratio: the variance of the estimate without the study over that with it. */
  readonly cov_r: number[];
  readonly tau2_del: number[];
  readonly QE_del: number[];
  readonly hat: number[];
  /** Weight in percent. */
  readonly weight: number[];
  readonly dfbetas: number[];
  /** Influential by at least one of metafor's cut-offs (see influence()). */
  readonly inf: boolean[];
}

/**
 * metafor's influence() for a model without moderators. With μ̂ and v(μ̂) the full model's estimate and
 * variance, μ̂₋ᵢ, v₋ᵢ and τ²₋ᵢ those of the refit without study i, s²₋ᵢ that refit's Knapp–Hartung factor
 * (1 for a z test) and hᵢ the study's share of the weight: the residual yᵢ − μ̂₋ᵢ over
 * √(s²₋ᵢ(vᵢ + τ²₋ᵢ) + v₋ᵢ); DFFITS (μ̂ − μ̂₋ᵢ)/√(s²₋ᵢ hᵢ (τ²₋ᵢ + vᵢ)); Cook's distance (μ̂ − μ̂₋ᵢ)²/v(μ̂);
 * the covariance ratio v₋ᵢ/v(μ̂); DFBETAS (μ̂ − μ̂₋ᵢ) over √(s²₋ᵢ/Σⱼ 1/(vⱼ + τ²₋ᵢ)), the sum over every
 * study (the full data weighted with the refit's τ², as metafor does). A study is influential when
 * |DFFITS| > 3√(p/(k − p)), Cook's distance cuts off more than half of a χ²(p), hᵢ > 3p/k or
 * |DFBETAS| > 1 (here p = 1).
 */
export function influence(model: RmaResult): Influence {
  const out: Influence = { rstudent: [], dffits: [], cook_d: [], cov_r: [], tau2_del: [], QE_del: [], hat: [], weight: [], dfbetas: [], inf: [] };
  const k = model.k;
  const vb = model.se * model.se;
  const cookCut = qchisq(0.5, 1);
  let i = 0;
  for (const fit of refits(model)) {
    const yi = model.yi[i]!;
    const vi = model.vi[i]!;
    const hat = model.weights[i]! / 100;
    const tau2 = fit.tau2;
    const shift = model.estimate - fit.estimate;
    const vdel = fit.se * fit.se;
    let sumAll = 0;
    for (const v of model.vi) sumAll += 1 / (v + tau2);
    // the refit's Knapp–Hartung factor, from its variance: v₋ᵢ = s²₋ᵢ / Σⱼ≠ᵢ wⱼ
    const s2w = model.test === 'knha' ? vdel * (sumAll - 1 / (vi + tau2)) : 1;
    const dffits = shift / Math.sqrt(s2w * hat * (tau2 + vi));
    const cook = (shift * shift) / vb;
    const dfbetas = shift / Math.sqrt(s2w / sumAll);
    out.rstudent.push((yi - fit.estimate) / Math.sqrt(s2w * (vi + tau2) + vdel));
    out.dffits.push(dffits);
    out.cook_d.push(cook);
    out.cov_r.push(vdel / vb);
    out.tau2_del.push(tau2);
    out.QE_del.push(fit.Q);
    out.hat.push(hat);
    out.weight.push(model.weights[i]!);
    out.dfbetas.push(dfbetas);
    out.inf.push(Math.abs(dffits) > 3 * Math.sqrt(1 / (k - 1)) || cook > cookCut || hat > 3 / k || Math.abs(dfbetas) > 1);
    i++;
  }
  return out;
}
