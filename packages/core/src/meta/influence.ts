/**
 * Leave-one-out analysis (metafor leave1out()) and the outlier and influence diagnostics built on it
 * (metafor influence(), with or without moderators; Viechtbauer & Cheung 2010): the model refitted
 * without each study in turn.
 */
import { MetasiftError } from '../errors.js';
import { qchisq } from '../stats/distributions.js';
import { invertSpd, logDetSpd, type Matrix } from '../stats/linalg.js';
import { designWithIntercept, rma } from './rma.js';
import { testScale, type Moderators, type RmaResult } from './types.js';
import { glsAt } from './wls.js';

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
function* refits(model: RmaResult, mods?: Moderators): Generator<{ fit: RmaResult; yi: number[]; vi: number[]; mods?: Moderators }> {
  const k = model.k;
  // one pair of buffers reused for every refit; built by slicing so that V8 keeps them packed —
  // `new Array(n)` would be holey and every access slower
  const yi = model.yi.slice(1);
  const vi = model.vi.slice(1);
  const cols = mods?.columns.map((c) => c.slice(1));
  for (let omit = 0; omit < k; omit++) {
    for (let i = 0, j = 0; i < k; i++) {
      if (i === omit) continue;
      yi[j] = model.yi[i]!;
      vi[j] = model.vi[i]!;
      cols?.forEach((c, m) => (c[j] = mods!.columns[m]![i]!));
      j++;
    }
    const sub = mods && cols ? { names: mods.names, columns: cols } : undefined;
    // warm start ML/REML from the full model's τ² (same optimum, a few Newton steps instead of ten)
    const fit = rma({ yi, vi, ...(sub && { mods: sub }), method: model.method, test: model.test, level: model.level, control: { tau2Init: model.tau2 }, lean: true });
    yield { fit, yi, vi, ...(sub && { mods: sub }) };
  }
}

export function leave1out(model: RmaResult): LeaveOneOut {
  const out: LeaveOneOut = { estimate: [], se: [], ci_lower: [], ci_upper: [], pval: [], tau2: [], I2: [], Q: [] };
  for (const { fit } of refits(model)) {
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
  /** Covariance ratio: det of the coefficients' covariance without the study over that with it. */
  readonly cov_r: number[];
  readonly tau2_del: number[];
  readonly QE_del: number[];
  readonly hat: number[];
  /** Weight in percent. */
  readonly weight: number[];
  /** Per coefficient (intrcpt and any moderators), per study. */
  readonly dfbetas: Record<string, number[]>;
  /** Influential by at least one of metafor's cut-offs (see influence()). */
  readonly inf: boolean[];
}

const quad = (m: Matrix, x: readonly number[]): number => x.reduce((s, xa, a) => s + xa * x.reduce((t, xb, b) => t + m[a]![b]! * xb, 0), 0);
const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const scaled = (m: Matrix, f: number): Matrix => m.map((row) => row.map((v) => v * f));

/**
 * metafor's influence() for a model with or without moderators (p coefficients). With b and V the full
 * model's coefficients and their covariance, b₋ᵢ, V₋ᵢ and τ²₋ᵢ those of the refit without study i, s²₋ᵢ
 * that refit's Knapp–Hartung factor (1 for a z test), xᵢ the study's row of the design and
 * hᵢ = wᵢ xᵢᵀ(XᵀWX)⁻¹xᵢ its hat value: the residual yᵢ − xᵢᵀb₋ᵢ over √(s²₋ᵢ(vᵢ + τ²₋ᵢ) + xᵢᵀV₋ᵢxᵢ);
 * DFFITS xᵢᵀ(b − b₋ᵢ)/√(s²₋ᵢ hᵢ (τ²₋ᵢ + vᵢ)); Cook's distance (b − b₋ᵢ)ᵀV⁻¹(b − b₋ᵢ); the covariance
 * ratio det V₋ᵢ / det V; DFBETAS (b − b₋ᵢ) over √(s²₋ᵢ diag((XᵀW₋X)⁻¹)), W₋ weighting every study with
 * τ²₋ᵢ (as metafor does). A study is influential when |DFFITS| > 3√(p/(k − p)), Cook's distance cuts
 * off more than half of a χ²(p), hᵢ > 3p/k or any |DFBETAS| > 1.
 */
export function influence(model: RmaResult, mods?: Moderators): Influence {
  const k = model.k;
  const X = designWithIntercept(k, mods);
  const p = X.columns.length;
  const knha = (fit: { yPy: number }, df: number): number => testScale(model.test, fit.yPy, df);
  const full = glsAt(model.yi, model.vi, X, model.tau2);
  if (!full) throw new MetasiftError('SINGULAR_DESIGN', 'influence diagnostics: the model matrix is not of full rank');
  const vb = scaled(full.xtwxInv, knha(full, k - p));
  const vbInv = invertSpd(vb);
  if (!vbInv) throw new MetasiftError('SINGULAR_DESIGN', 'influence diagnostics: the coefficients’ covariance is singular');
  const logDetVb = logDetSpd(vb);
  const cookCut = qchisq(0.5, p);
  const out: Influence = { rstudent: [], dffits: [], cook_d: [], cov_r: [], tau2_del: [], QE_del: [], hat: [], weight: [], dfbetas: Object.fromEntries(X.names.map((n) => [n, []])), inf: [] };
  let i = 0;
  for (const r of refits(model, mods)) {
    const yi = model.yi[i]!;
    const vi = model.vi[i]!;
    const tau2 = r.fit.tau2;
    const xi = X.columns.map((c) => c[i]!);
    const hat = quad(full.xtwxInv, xi) / (vi + model.tau2);
    const del = glsAt(r.yi, r.vi, designWithIntercept(k - 1, r.mods), tau2);
    const every = glsAt(model.yi, model.vi, X, tau2);
    if (!del || !every) throw new MetasiftError('SINGULAR_DESIGN', `influence diagnostics: the model without study ${i + 1} cannot be fitted`);
    const s2w = knha(del, k - 1 - p);
    const vbDel = scaled(del.xtwxInv, s2w);
    const dfb = full.b.map((b, j) => b - del.b[j]!);
    const shift = dot(xi, dfb);
    const dffits = shift / Math.sqrt(s2w * hat * (tau2 + vi));
    const cook = quad(vbInv, dfb);
    const dfbetas = dfb.map((d, j) => d / Math.sqrt(s2w * every.xtwxInv[j]![j]!));
    out.rstudent.push((yi - dot(xi, del.b)) / Math.sqrt(s2w * (vi + tau2) + quad(vbDel, xi)));
    out.dffits.push(dffits);
    out.cook_d.push(cook);
    out.cov_r.push(Math.exp(logDetSpd(vbDel) - logDetVb));
    out.tau2_del.push(tau2);
    out.QE_del.push(r.fit.Q);
    out.hat.push(hat);
    out.weight.push(model.weights[i]!);
    X.names.forEach((n, j) => out.dfbetas[n]!.push(dfbetas[j]!));
    out.inf.push(Math.abs(dffits) > 3 * Math.sqrt(p / (k - p)) || cook > cookCut || hat > (3 * p) / k || dfbetas.some((d) => Math.abs(d) > 1));
    i++;
  }
  return out;
}
