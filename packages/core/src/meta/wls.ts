/**
 * Weighted least squares kernel shared by every estimator and model.
 *
 * For weights W = diag(w) and design X (k×p) the projection P = W − WX(XᵀWX)⁻¹XᵀW appears in all of
 * metafor's estimating equations. metafor forms P as a k×k matrix; we never do: every quantity needed
 * (yᵀPy, yᵀPPy, tr P, tr PP) reduces to sums over studies and p×p products, so a fit costs O(k·p²).
 */
import { invertSpd, traceOfProduct, matMul, type Matrix } from '../stats/linalg.js';

/** Design matrix stored by columns: `columns[j][i]` is x_ij. */
export interface Design {
  readonly columns: readonly (readonly number[] | Float64Array)[];
  readonly names: readonly string[];
}

/** Result of a weighted least squares fit. */
export interface WlsFit {
  readonly b: number[];
  /** (XᵀWX)⁻¹ */
  readonly xtwxInv: Matrix;
  /** Residuals y − Xb. */
  readonly r: Float64Array;
  /** yᵀPy = Σ wᵢ rᵢ² */
  readonly yPy: number;
  readonly sumW: number;
}

/** Intercept-only design for k studies. */
export function interceptDesign(k: number): Design {
  return { columns: [new Float64Array(k).fill(1)], names: ['intrcpt'] };
}

function crossWeighted(x: Design, w: ArrayLike<number>, power: number): Matrix {
  const p = x.columns.length;
  const k = w.length;
  const out: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let a = 0; a < p; a++) {
    const ca = x.columns[a]!;
    for (let c = 0; c <= a; c++) {
      const cc = x.columns[c]!;
      let s = 0;
      for (let i = 0; i < k; i++) s += ca[i]! * cc[i]! * w[i]! ** power;
      out[a]![c] = s;
      out[c]![a] = s;
    }
  }
  return out;
}

/**
 * Weighted least squares of y on X with weights w.
 * Returns undefined when XᵀWX is singular (collinear or constant moderators).
 */
export function wls(y: ArrayLike<number>, x: Design, w: ArrayLike<number>): WlsFit | undefined {
  const k = y.length;
  const p = x.columns.length;
  const xtwxInv = invertSpd(crossWeighted(x, w, 1));
  if (xtwxInv === undefined) return undefined;
  const xtwy = new Array<number>(p).fill(0);
  for (let a = 0; a < p; a++) {
    const ca = x.columns[a]!;
    let s = 0;
    for (let i = 0; i < k; i++) s += ca[i]! * w[i]! * y[i]!;
    xtwy[a] = s;
  }
  const b = xtwxInv.map((row) => row.reduce((s, v, j) => s + v * xtwy[j]!, 0));
  const r = new Float64Array(k);
  let yPy = 0;
  let sumW = 0;
  for (let i = 0; i < k; i++) {
    let fit = 0;
    for (let a = 0; a < p; a++) fit += x.columns[a]![i]! * b[a]!;
    const ri = y[i]! - fit;
    r[i] = ri;
    yPy += w[i]! * ri * ri;
    sumW += w[i]!;
  }
  return { b, xtwxInv, r, yPy, sumW };
}

/** tr(P) for weights w: Σw − tr((XᵀWX)⁻¹ XᵀW²X). */
export function traceP(x: Design, w: ArrayLike<number>, fit: WlsFit): number {
  return fit.sumW - traceOfProduct(fit.xtwxInv, crossWeighted(x, w, 2));
}

/** tr(PP) = Σw² − 2·tr(A⁻¹XᵀW³X) + tr((A⁻¹XᵀW²X)²), with A = XᵀWX. */
export function tracePP(x: Design, w: ArrayLike<number>, fit: WlsFit): number {
  let sumW2 = 0;
  for (let i = 0; i < w.length; i++) sumW2 += w[i]! * w[i]!;
  const m2 = matMul(fit.xtwxInv, crossWeighted(x, w, 2));
  return sumW2 - 2 * traceOfProduct(fit.xtwxInv, crossWeighted(x, w, 3)) + traceOfProduct(m2, m2);
}

/** yᵀPPy = Σ wᵢ² rᵢ² (since Py = W r). */
export function yPPy(w: ArrayLike<number>, fit: WlsFit): number {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += (w[i]! * fit.r[i]!) ** 2;
  return s;
}

/** Hat-matrix diagonal of the weighted fit: hᵢ = wᵢ xᵢᵀ(XᵀWX)⁻¹xᵢ. */
export function hatDiagonal(x: Design, w: ArrayLike<number>, fit: WlsFit): Float64Array {
  const k = w.length;
  const p = x.columns.length;
  const h = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let a = 0; a < p; a++)
      for (let c = 0; c < p; c++) s += x.columns[a]![i]! * fit.xtwxInv[a]![c]! * x.columns[c]![i]!;
    h[i] = w[i]! * s;
  }
  return h;
}

/** Weights 1/(vᵢ + τ²). */
export function inverseVarianceWeights(vi: ArrayLike<number>, tau2: number): Float64Array {
  const w = new Float64Array(vi.length);
  for (let i = 0; i < vi.length; i++) w[i] = 1 / (vi[i]! + tau2);
  return w;
}
