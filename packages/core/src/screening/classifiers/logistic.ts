import { doubleBalanceShare, rowDot, scoreRows, type Classifier } from './classifier.js';
import type { SparseMatrix } from '../tfidf.js';

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
          const z = bias + rowDot(X, r, coef);
          const y = labels[k]!;
          const g = (1 / (1 + Math.exp(-z)) - y) * (y === 1 ? w1 : w0) * lr;
          bias -= g;
          for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) {
            const j = X.indices[p]!;
            coef[j] = coef[j]! * (1 - lambda * lr) - g * X.values[p]!;
          }
          const D = X.dense;
          if (D) {
            const at = X.cols - D.dims;
            for (let c = 0, o = r * D.dims; c < D.dims; c++) coef[at + c] = coef[at + c]! * (1 - lambda * lr) - g * D.values[o + c]!;
          }
        }
      }
      scoreRows(X, coef, bias, out);
    },
  };
}
