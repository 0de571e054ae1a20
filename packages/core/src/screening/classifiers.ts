/**
 * Classifiers behind one interface: fit on the labelled rows, score every row (higher = more likely
 * relevant). Multinomial naive Bayes (ASReview's default, alpha 3.822) is incremental; logistic regression
 * is fitted by gradient descent with L2 penalty. Both weight the rare relevant class (balancing).
 */
import type { SparseMatrix } from './tfidf.js';

export interface Classifier {
  readonly name: string;
  /** Fits on `rows` with `labels` (1 relevant, 0 not) and writes a score for every row of X into `out`. */
  fitScore(X: SparseMatrix, rows: readonly number[], labels: readonly number[], out: Float64Array): void;
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

export function naiveBayes(alpha = 3.822): Classifier {
  return {
    name: `nb(alpha=${alpha})`,
    fitScore(X, rows, labels, out) {
      const sum = [new Float64Array(X.cols), new Float64Array(X.cols)];
      const total = [0, 0];
      rows.forEach((r, k) => {
        const c = labels[k]!;
        for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) {
          const v = X.values[p]!;
          sum[c]![X.indices[p]!]! += v;
          total[c]! += v;
        }
      });
      // balancing: the classes are given the shares of the training set that ASReview's "double"
      // balancer samples in expectation (Ferdinands et al. 2023), so the rare relevant class weighs more
      if (total[1]! > 0 && total[0]! > 0) {
        const share = doubleBalanceShare(labels);
        const w = (share / (1 - share)) * (total[0]! / total[1]!);
        for (let j = 0; j < X.cols; j++) sum[1]![j]! *= w;
        total[1] = total[1]! * w;
      }
      const coef = new Float64Array(X.cols);
      const d0 = total[0]! + alpha * X.cols;
      const d1 = total[1]! + alpha * X.cols;
      for (let j = 0; j < X.cols; j++) coef[j] = Math.log((sum[1]![j]! + alpha) / d1) - Math.log((sum[0]![j]! + alpha) / d0);
      scoreRows(X, coef, 0, out);
    },
  };
}

/**
 * L2-regularised logistic regression by stochastic gradient descent. Coefficients are kept between calls
 * on the same matrix (warm start), so refitting after one more decision takes a few passes, not a fit
 * from scratch; the relevant class is weighted as in naive Bayes' balancing.
 */
export function logisticRegression(lambda = 1e-4, epochs = 3): Classifier {
  let coef = new Float64Array(0);
  let bias = 0;
  let matrix: SparseMatrix | undefined;
  return {
    name: `logistic(lambda=${lambda})`,
    fitScore(X, rows, labels, out) {
      if (matrix !== X) {
        matrix = X;
        coef = new Float64Array(X.cols);
        bias = 0;
      }
      const share = doubleBalanceShare(labels);
      const n1 = labels.reduce((s, l) => s + l, 0);
      const n0 = labels.length - n1;
      const w1 = n1 > 0 ? (share * labels.length) / n1 : 1;
      const w0 = n0 > 0 ? ((1 - share) * labels.length) / n0 : 1;
      const order = rows.map((_, k) => k);
      for (let e = 0; e < epochs; e++) {
        const lr = 0.5 / (1 + e);
        for (let t = order.length - 1; t >= 0; t--) {
          const k = order[t]!;
          const r = rows[k]!;
          let z = bias;
          for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) z += coef[X.indices[p]!]! * X.values[p]!;
          const y = labels[k]!;
          const g = (1 / (1 + Math.exp(-z)) - y) * (y === 1 ? w1 : w0) * lr;
          bias -= g;
          for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) {
            const j = X.indices[p]!;
            coef[j] = coef[j]! * (1 - lambda * lr) - g * X.values[p]!;
          }
        }
      }
      scoreRows(X, coef, bias, out);
    },
  };
}

function scoreRows(X: SparseMatrix, coef: Float64Array, bias: number, out: Float64Array): void {
  for (let i = 0; i < X.rows; i++) {
    let s = bias;
    for (let p = X.rowStart[i]!; p < X.rowStart[i + 1]!; p++) s += coef[X.indices[p]!]! * X.values[p]!;
    out[i] = s;
  }
}
