/**
 * Linear support vector machine with L2 penalty and squared hinge loss (as scikit-learn's LinearSVC and
 * liblinear's default), solved by dual coordinate descent (Hsieh et al. 2008, ICML: "A dual coordinate
 * descent method for large-scale linear SVM"). The intercept is an extra feature of value 1, penalised
 * like the others (liblinear's convention).
 *
 * Balancing: a relevant record's cost is C · n_irrelevant / n_relevant, so both classes weigh the same in
 * total (scikit-learn's class_weight="balanced" up to a common factor).
 *
 * Warm start: a classifier keeps each training row's dual variable between fits on the same matrix, so a
 * refit after one more decision starts next to its optimum and takes a pass or two instead of dozens.
 * The problem is strictly convex, so a warm and a cold fit reach the same optimum to the stopping
 * tolerance: a recorded ranking is reproduced from the decisions that produced it, whatever the history.
 * The dual variables can also be carried to a rebuilt matrix of the same records (`startFrom`).
 */
import type { SparseMatrix } from '../tfidf.js';
import { addRow, rowDot, scoreRows, squaredNorm, type Classifier } from './classifier.js';

export interface SvmOptions {
  /** Cost of a misclassified irrelevant record (inverse regularisation strength). */
  readonly C?: number;
  /** Stop when the projected gradient's range is below this (liblinear's eps). */
  readonly tolerance?: number;
  /** At most this many passes over the training rows. */
  readonly maxPasses?: number;
}

interface WarmState {
  matrix: SparseMatrix;
  alpha: Map<number, number>;
}

export function linearSvm(options: SvmOptions = {}): Classifier {
  const C = options.C ?? 0.11;
  const tolerance = options.tolerance ?? 0.01;
  const maxPasses = options.maxPasses ?? 200;
  let warm: WarmState | undefined;
  return {
    name: `svm(C=${C})`,
    warmState: () => warm?.alpha ?? new Map<number, number>(),
    startFrom(X, state) {
      warm = { matrix: X, alpha: new Map(state) };
    },
    fitScore(X, rows, labels, out) {
      const n = rows.length;
      const nRelevant = labels.reduce((s, l) => s + l, 0);
      const relevantCost = nRelevant > 0 && nRelevant < n ? (C * (n - nRelevant)) / nRelevant : C;
      if (warm?.matrix !== X) warm = { matrix: X, alpha: new Map() };
      const w = new Float64Array(X.cols);
      let bias = 0;
      const alpha = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const a = warm.alpha.get(rows[k]!);
        if (!a) continue;
        const r = rows[k]!;
        // a row whose label changed since the last fit starts again from zero
        if ((a > 0) !== (labels[k] === 1)) continue;
        alpha[k] = Math.abs(a);
        addRow(X, r, a, w);
        bias += a;
      }
      // D_ii = 1 / (2 C_i) for the squared hinge; Q_ii = x_i·x_i + 1 (intercept) + D_ii
      const diag = new Float64Array(n);
      const q = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        diag[k] = 1 / (2 * (labels[k] === 1 ? relevantCost : C));
        q[k] = squaredNorm(X, rows[k]!) + 1 + diag[k]!;
      }
      const visit = Int32Array.from({ length: n }, (_, k) => k);
      let state = 0x9e3779b9;
      const nextInt = (bound: number): number => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state % bound;
      };
      for (let pass = 0; pass < maxPasses; pass++) {
        for (let k = n - 1; k > 0; k--) {
          const j = nextInt(k + 1);
          const t = visit[k]!;
          visit[k] = visit[j]!;
          visit[j] = t;
        }
        let maxPg = -Infinity;
        let minPg = Infinity;
        for (const k of visit) {
          const r = rows[k]!;
          const y = labels[k] === 1 ? 1 : -1;
          const a = alpha[k]!;
          const z = bias + rowDot(X, r, w);
          const g = y * z - 1 + diag[k]! * a;
          const pg = a === 0 ? Math.min(g, 0) : g;
          if (pg > maxPg) maxPg = pg;
          if (pg < minPg) minPg = pg;
          if (pg !== 0) {
            const next = Math.max(a - g / q[k]!, 0);
            const step = (next - a) * y;
            alpha[k] = next;
            addRow(X, r, step, w);
            bias += step;
          }
        }
        if (maxPg - minPg < tolerance) break;
      }
      // kept signed (alpha · y) so that a changed label is recognised next time
      warm.alpha = new Map(rows.map((r, k) => [r, labels[k] === 1 ? alpha[k]! : -alpha[k]!]));
      scoreRows(X, w, bias, out);
    },
  };
}
