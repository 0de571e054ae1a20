/**
 * The one contract every screening classifier meets, and what they share: class balancing and scoring.
 * A classifier fits on the labelled rows of a feature matrix (TF-IDF, perhaps with a dense block) and writes a score for every row (higher =
 * more likely relevant); the query strategy then picks from the unlabelled ones.
 */
import type { SparseMatrix } from '../tfidf.js';

export interface Classifier {
  readonly name: string;
  /** Fits on `rows` with `labels` (1 relevant, 0 not) and writes a score for every row of X into `out`. */
  fitScore(X: SparseMatrix, rows: readonly number[], labels: readonly number[], out: Float64Array): void;
  /** What the last fit leaves for the next one, by row of its matrix (the SVM's signed dual variables). */
  warmState?(): ReadonlyMap<number, number>;
  /**
   * Makes the next fit on X start from a state taken from another matrix of (mostly) the same records,
   * its rows renumbered to X's: when the records change the matrix is rebuilt, and the fit need not
   * start from nothing. The optimum is the same; only the number of passes changes.
   */
  startFrom?(X: SparseMatrix, state: ReadonlyMap<number, number>): void;
  /**
   * Does ahead, in steps, work the next fit on X with these labels would do at once (each step one
   * pass over the matrix at most), so that a caller serving others can pause between steps. The fit
   * gives the same result whether or not this ran, or ran to the end.
   */
  prepare?(X: SparseMatrix, rows: readonly number[], labels: readonly number[]): Iterable<void>;
}

/** Weight of each relevant record relative to an irrelevant one: √(n_irrelevant / n_relevant), at least 1. */
export function relevantWeight(labels: readonly number[]): number {
  const pos = labels.reduce((s, l) => s + l, 0);
  const neg = labels.length - pos;
  return pos > 0 ? Math.max(1, Math.sqrt(neg / pos)) : 1;
}

/**
 * The expected share of relevant records in a training set drawn by ASReview's double balance strategy
 * with its defaults (a = 2.155, alpha = 0.94, b = 0.789, beta = 1): relevant weight a·(n₁/n)^(−alpha),
 * irrelevant weight 1 − (1 − b)·(1 + ln n)^(−beta).
 */
export function doubleBalanceShare(labels: readonly number[]): number {
  const n = labels.length;
  const n1 = labels.reduce((s, l) => s + l, 0);
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return n1 === 0 ? 0 : 1;
  const w1 = 2.155 * (n1 / n) ** -0.94;
  const w0 = 1 - (1 - 0.789) * (1 + Math.log(n)) ** -1;
  return (w1 * n1) / (w1 * n1 + w0 * n0);
}

/** coef · X[r]. */
export function rowDot(X: SparseMatrix, r: number, coef: Float64Array): number {
  let s = 0;
  for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) s += coef[X.indices[p]!]! * X.values[p]!;
  const D = X.dense;
  if (D) {
    const at = X.cols - D.dims;
    const o = r * D.dims;
    for (let c = 0; c < D.dims; c++) s += coef[at + c]! * D.values[o + c]!;
  }
  return s;
}

/** w += step · X[r]. */
export function addRow(X: SparseMatrix, r: number, step: number, w: Float64Array): void {
  for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) w[X.indices[p]!]! += step * X.values[p]!;
  const D = X.dense;
  if (D) {
    const at = X.cols - D.dims;
    const o = r * D.dims;
    for (let c = 0; c < D.dims; c++) w[at + c]! += step * D.values[o + c]!;
  }
}

/** ‖X[r]‖². */
export function squaredNorm(X: SparseMatrix, r: number): number {
  let s = 0;
  for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) s += X.values[p]! ** 2;
  const D = X.dense;
  if (D) for (let c = r * D.dims; c < (r + 1) * D.dims; c++) s += D.values[c]! ** 2;
  return s;
}

/** out[i] = bias + coef · X[i] for every row. */
export function scoreRows(X: SparseMatrix, coef: Float64Array, bias: number, out: Float64Array): void {
  for (let i = 0; i < X.rows; i++) out[i] = bias + rowDot(X, i, coef);
}
