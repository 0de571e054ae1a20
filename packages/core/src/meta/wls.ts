/**
 * Weighted least squares kernel shared by every estimator and model.
 *
 * For weights W = diag(w) and design X (k×p) the projection P = W − WX(XᵀWX)⁻¹XᵀW appears in all of
 * metafor's estimating equations. metafor forms P as a k×k matrix; we never do: every quantity needed
 * (yᵀPy, yᵀPPy, tr P, tr PP) reduces to sums over studies and p×p products, so a fit costs O(k·p²)
 * time and O(p²) memory. Intercept-only models (p = 1, the common case) take a scalar path with no
 * allocation, which is what makes Fisher scoring and leave-one-out fast.
 */
import { invertSpd, logDetSpd, traceOfProduct, matMul, type Matrix } from '../stats/linalg.js';

/** Design matrix stored by columns: `columns[j][i]` is x_ij. */
export interface Design {
  readonly columns: readonly (readonly number[] | Float64Array)[];
  readonly names: readonly string[];
}

/** Result of a weighted least squares fit, with the traces the estimating equations need. */
export interface WlsFit {
  readonly b: number[];
  /** XᵀWX and its inverse. */
  readonly xtwx: Matrix;
  readonly xtwxInv: Matrix;
  readonly sumW: number;
  readonly sumW2: number;
  /** yᵀPy = Σ wᵢ rᵢ² (r = y − Xb): the (generalised) Q-statistic. */
  readonly yPy: number;
  /** yᵀPPy = Σ wᵢ² rᵢ² (since Py = W r). */
  readonly yPPy: number;
  /** yᵀPPPy = uᵀPu with u = Py = Wr: Σwᵢ³rᵢ² − (XᵀW²r)ᵀ(XᵀWX)⁻¹(XᵀW²r) (for Newton steps). */
  readonly yPPPy: number;
  /** tr(P) = Σw − tr((XᵀWX)⁻¹XᵀW²X). */
  readonly trP: number;
  /** tr(PP) = Σw² − 2·tr(A⁻¹XᵀW³X) + tr((A⁻¹XᵀW²X)²), A = XᵀWX. */
  readonly trPP: number;
}

/** Intercept-only design for k studies. */
export function interceptDesign(k: number): Design {
  return { columns: [new Float64Array(k).fill(1)], names: ['intrcpt'] };
}

/** Designs built by designWithIntercept/interceptDesign name their intercept column "intrcpt". */
function isInterceptOnly(x: Design): boolean {
  return x.columns.length === 1 && x.names[0] === 'intrcpt';
}

/**
 * Intercept-only fit with weights wᵢ = 1/(vᵢ + τ²), in one pass with no allocation. The weighted sums
 * of (yᵢ − c)^m are accumulated about c = y₀ and the residual sums recovered algebraically; centring on
 * a data value keeps the cancellation error at the level of (y₀ − ŷ)²/spread² × 1e-16.
 */
function interceptFit(y: ArrayLike<number>, v: ArrayLike<number>, tau2: number): WlsFit {
  const k = y.length;
  const c = k > 0 ? y[0]! : 0;
  let sw = 0;
  let sw2 = 0;
  let sw3 = 0;
  let swd = 0;
  let swd2 = 0;
  let sw2d = 0;
  let sw2d2 = 0;
  let sw3d = 0;
  let sw3d2 = 0;
  for (let i = 0; i < k; i++) {
    const w = 1 / (v[i]! + tau2);
    const w2 = w * w;
    const w3 = w2 * w;
    const d = y[i]! - c;
    const d2 = d * d;
    sw += w;
    sw2 += w2;
    sw3 += w3;
    swd += w * d;
    swd2 += w * d2;
    sw2d += w2 * d;
    sw2d2 += w2 * d2;
    sw3d += w3 * d;
    sw3d2 += w3 * d2;
  }
  const m = swd / sw; // b − c
  // Σw^j (d − m)² = Σw^j d² − 2mΣw^j d + m²Σw^j, with r = d − m
  const yPy = Math.max(0, swd2 - m * swd);
  const yPPy = Math.max(0, sw2d2 - 2 * m * sw2d + m * m * sw2);
  const w3r2 = sw3d2 - 2 * m * sw3d + m * m * sw3;
  const w2r = sw2d - m * sw2;
  const ratio = sw2 / sw;
  return {
    b: [c + m],
    xtwx: [[sw]],
    xtwxInv: [[1 / sw]],
    sumW: sw,
    sumW2: sw2,
    yPy,
    yPPy,
    yPPPy: w3r2 - (w2r * w2r) / sw,
    trP: sw - ratio,
    trPP: sw2 - (2 * sw3) / sw + ratio * ratio,
  };
}

/**
 * Fit with weights 1/(vᵢ + τ²), the form every model and estimator uses.
 * Returns undefined when XᵀWX is singular.
 */
export function glsAt(y: ArrayLike<number>, v: ArrayLike<number>, x: Design, tau2: number): WlsFit | undefined {
  if (isInterceptOnly(x)) return interceptFit(y, v, tau2);
  return wls(y, x, inverseVarianceWeights(v, tau2));
}

/** XᵀW^m X for m = 1, 2, 3 in one pass. */
function crossProducts(x: Design, w: ArrayLike<number>): [Matrix, Matrix, Matrix] {
  const p = x.columns.length;
  const k = w.length;
  const m1: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const m2: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const m3: Matrix = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let a = 0; a < p; a++) {
    const ca = x.columns[a]!;
    for (let c = 0; c <= a; c++) {
      const cc = x.columns[c]!;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < k; i++) {
        const wi = w[i]!;
        const xx = ca[i]! * cc[i]! * wi;
        s1 += xx;
        s2 += xx * wi;
        s3 += xx * wi * wi;
      }
      m1[a]![c] = m1[c]![a] = s1;
      m2[a]![c] = m2[c]![a] = s2;
      m3[a]![c] = m3[c]![a] = s3;
    }
  }
  return [m1, m2, m3];
}

/**
 * Weighted least squares of y on X with weights w.
 * Returns undefined when XᵀWX is singular (collinear or constant moderators).
 */
export function wls(y: ArrayLike<number>, x: Design, w: ArrayLike<number>): WlsFit | undefined {
  const k = y.length;
  const p = x.columns.length;
  const [xtwx, xtw2x, xtw3x] = crossProducts(x, w);
  const xtwxInv = invertSpd(xtwx);
  if (xtwxInv === undefined) return undefined;
  const xtwy = new Array<number>(p).fill(0);
  let sumW = 0;
  let sumW2 = 0;
  for (let i = 0; i < k; i++) {
    const wi = w[i]!;
    sumW += wi;
    sumW2 += wi * wi;
  }
  for (let a = 0; a < p; a++) {
    const ca = x.columns[a]!;
    let s = 0;
    for (let i = 0; i < k; i++) s += ca[i]! * w[i]! * y[i]!;
    xtwy[a] = s;
  }
  const b = xtwxInv.map((row) => row.reduce((s, v, j) => s + v * xtwy[j]!, 0));
  let yPy = 0;
  let yPPy = 0;
  let w3r2 = 0;
  const xtw2r = new Array<number>(p).fill(0);
  for (let i = 0; i < k; i++) {
    let fit = 0;
    for (let a = 0; a < p; a++) fit += x.columns[a]![i]! * b[a]!;
    const r = y[i]! - fit;
    const wr = w[i]! * r;
    yPy += wr * r;
    yPPy += wr * wr;
    w3r2 += wr * wr * w[i]!;
    for (let a = 0; a < p; a++) xtw2r[a]! += x.columns[a]![i]! * wr * w[i]!;
  }
  let quad = 0;
  for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) quad += xtw2r[a]! * xtwxInv[a]![c]! * xtw2r[c]!;
  const m2 = matMul(xtwxInv, xtw2x);
  return {
    b,
    xtwx,
    xtwxInv,
    sumW,
    sumW2,
    yPy,
    yPPy,
    yPPPy: w3r2 - quad,
    trP: sumW - traceOfProduct(xtwxInv, xtw2x),
    trPP: sumW2 - 2 * traceOfProduct(xtwxInv, xtw3x) + traceOfProduct(m2, m2),
  };
}

/** log det(XᵀWX) of a fit (for the REML likelihood). */
export function logDetXtWX(fit: WlsFit): number {
  return fit.xtwx.length === 1 ? Math.log(fit.xtwx[0]![0]!) : logDetSpd(fit.xtwx);
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
