/**
 * Multinomial naive Bayes (ASReview's former default, alpha 3.822) on TF-IDF weights. The relevant class
 * is balanced to the share ASReview's "double" balancer gives it in expectation.
 */
import { MetasiftError } from '../../errors.js';
import { doubleBalanceShare, scoreRows, type Classifier } from './classifier.js';

export function naiveBayes(alpha = 3.822): Classifier {
  return {
    name: `nb(alpha=${alpha})`,
    fitScore(X, rows, labels, out) {
      if (X.dense) throw new MetasiftError('BAD_SCREENING_CONFIG', 'naive Bayes counts words: it cannot use dense features such as word embeddings');
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
