/**
 * Tiny dense linear algebra for p×p systems (p = number of model coefficients, usually 1–5).
 * Matrices are arrays of rows. Everything here is O(p³) and independent of the number of studies.
 */
export type Matrix = number[][];

/** p×p matrix of zeros. */
export function zeros(p: number): Matrix {
  return Array.from({ length: p }, () => new Array<number>(p).fill(0));
}

/**
 * Inverse of a symmetric positive-definite matrix through its Cholesky factor.
 * Returns undefined when the matrix is not positive definite (e.g. collinear moderators).
 */
export function invertSpd(a: Matrix): Matrix | undefined {
  const l = cholesky(a);
  if (l === undefined) return undefined;
  return inverseFromCholesky(l);
}

/** log det(A) of a symmetric positive-definite matrix (NaN when it is not positive definite). */
export function logDetSpd(a: Matrix): number {
  const l = cholesky(a);
  if (l === undefined) return NaN;
  return l.reduce((s, row, i) => s + 2 * Math.log(row[i]!), 0);
}

/** Lower-triangular Cholesky factor L with A = LLᵀ, or undefined when A is not positive definite. */
export function cholesky(a: Matrix): Matrix | undefined {
  const p = a.length;
  const l = zeros(p);
  for (let i = 0; i < p; i++) {
    const ai = a[i]!;
    const li = l[i]!;
    for (let j = 0; j <= i; j++) {
      const lj = l[j]!;
      let s = ai[j]!;
      for (let m = 0; m < j; m++) s -= li[m]! * lj[m]!;
      if (i === j) {
        // relative pivot check: a tiny pivot means the columns are (nearly) linearly dependent
        if (!(s > 1e-12 * Math.abs(ai[i]!))) return undefined;
        li[i] = Math.sqrt(s);
      } else {
        li[j] = s / lj[j]!;
      }
    }
  }
  return l;
}

function inverseFromCholesky(l: Matrix): Matrix {
  const p = l.length;
  // invert the lower-triangular factor, then A⁻¹ = L⁻ᵀ L⁻¹
  const linv = zeros(p);
  for (let i = 0; i < p; i++) {
    linv[i]![i] = 1 / l[i]![i]!;
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let m = j; m < i; m++) s -= l[i]![m]! * linv[m]![j]!;
      linv[i]![j] = s / l[i]![i]!;
    }
  }
  const inv = zeros(p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < p; m++) s += linv[m]![i]! * linv[m]![j]!;
      inv[i]![j] = s;
      inv[j]![i] = s;
    }
  }
  return inv;
}

/** Matrix–vector product. */
export function matVec(a: Matrix, v: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
}

/** Trace of the product of two p×p matrices, tr(AB). */
export function traceOfProduct(a: Matrix, b: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) s += a[i]![j]! * b[j]![i]!;
  return s;
}

/** Matrix product of two p×p matrices. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const p = a.length;
  const out = zeros(p);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let m = 0; m < p; m++) s += a[i]![m]! * b[m]![j]!;
      out[i]![j] = s;
    }
  return out;
}

/** Sub-matrix of the rows and columns listed in `idx`. */
export function subMatrix(a: Matrix, idx: readonly number[]): Matrix {
  return idx.map((i) => idx.map((j) => a[i]![j]!));
}
