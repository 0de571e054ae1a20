/**
 * Nearest-relevant evidence beside a linear model. A linear classifier scores a record by the words it
 * shares with the relevant records on average; a relevant record unlike most others (another design,
 * another vocabulary) lifts few weights and its close neighbours stay far down the order. This wrapper
 * adds, for every record, its similarity to the most similar record judged relevant so far (the dot
 * product of unit-length rows: cosine similarity of the TF-IDF-and-embedding features), standardised
 * and weighted:
 *
 *   score = inner + weight · sd(inner) · (maxSim − mean(maxSim)) / sd(maxSim),
 *
 * which orders records as z(inner) + weight · z(maxSim) does while keeping the inner model's units.
 * Records with no terms at all (an empty title and abstract) have no similarity to anything that means
 * something, so they get none of this term: their order is the inner model's alone, as without it.
 *
 * The similarities are kept between fits on the same matrix and extended for each newly relevant record
 * only; they are recomputed when a record stops being relevant or the matrix changes. A record's
 * similarities to all others are computed through a column-major copy of the sparse part (built once
 * per matrix), so that they cost the lengths of its own terms' columns rather than the whole matrix.
 * On a new matrix with many relevant records, `prepare` lets a server spread that work out: the copy in
 * chunks of rows, then one relevant record a step. The inner model's warm state passes through.
 */
import type { SparseMatrix } from '../tfidf.js';
import type { Classifier } from './classifier.js';

interface Similarities {
  matrix: SparseMatrix;
  maxSim: Float64Array;
  /** The relevant rows maxSim covers. */
  counted: Set<number>;
  /** One similarity per row, reused by each pass. */
  scratch: Float64Array;
}

/** The column-major copy of a matrix, built in steps (see `byColumn`) or finished. */
interface ColumnsBuild {
  matrix: SparseMatrix;
  steps: Generator<void, Columns>;
  done?: Columns;
}

export function nearestRelevant(inner: Classifier, weight: number): Classifier {
  let sims: Similarities | undefined;
  let build: ColumnsBuild | undefined;
  /** X's columns: a step at a time, and the columns at the end (shared by whoever asks first). */
  function* columnsOf(X: SparseMatrix): Generator<void, Columns> {
    if (build?.matrix !== X) build = { matrix: X, steps: byColumn(X) };
    const b = build;
    while (!b.done) {
      const step = b.steps.next();
      if (step.done) b.done = step.value;
      else yield;
    }
    return b.done;
  }
  /** The similarities for X and these relevant rows: kept, or started over when X changed or a counted row is no longer relevant. */
  const current = (X: SparseMatrix, relevant: ReadonlySet<number>): Similarities => {
    if (sims?.matrix !== X || [...sims.counted].some((r) => !relevant.has(r))) {
      sims = { matrix: X, maxSim: new Float64Array(X.rows), counted: new Set(), scratch: new Float64Array(X.rows) };
    }
    return sims;
  };
  const relevantOf = (rows: readonly number[], labels: readonly number[]) => new Set(rows.filter((_, k) => labels[k] === 1));
  const extend = (s: Similarities, r: number) => {
    addSimilarities(s.matrix, finish(columnsOf(s.matrix)), r, s.maxSim, s.scratch);
    s.counted.add(r);
  };
  const wrapper: Classifier = {
    name: `${inner.name}+nearest(${weight})`,
    fitScore(X, rows, labels, out) {
      inner.fitScore(X, rows, labels, out);
      const relevant = relevantOf(rows, labels);
      const s = current(X, relevant);
      for (const r of relevant) if (!s.counted.has(r)) extend(s, r);
      combine(X, out, s.maxSim, weight);
    },
    *prepare(X, rows, labels) {
      const relevant = relevantOf(rows, labels);
      if (relevant.size === 0) return;
      yield* columnsOf(X);
      for (const r of relevant) {
        // a fit in between may have covered r already, or started over for other labels
        const s = current(X, relevant);
        if (s.counted.has(r)) continue;
        extend(s, r);
        yield;
      }
    },
  };
  if (inner.warmState) wrapper.warmState = () => inner.warmState!();
  if (inner.startFrom) wrapper.startFrom = (X, state) => inner.startFrom!(X, state);
  return wrapper;
}

function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const hasTerms = (X: SparseMatrix, i: number): boolean => X.rowStart[i + 1]! > X.rowStart[i]!;

/** The sparse part of X column by column (CSC), so that one row's products with all rows cost the sizes of its columns only. */
interface Columns {
  readonly start: Int32Array;
  readonly rows: Int32Array;
  readonly values: Float64Array;
}

/** Builds the columns, pausing (yield) after every `chunk` rows of each of its two passes. */
function* byColumn(X: SparseMatrix, chunk = 2000): Generator<void, Columns> {
  const start = new Int32Array(X.cols + 1);
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.rowStart[i]!; p < X.rowStart[i + 1]!; p++) start[X.indices[p]! + 1]!++;
    if ((i + 1) % chunk === 0) yield;
  }
  for (let c = 0; c < X.cols; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, X.cols);
  const nnz = X.rowStart[X.rows]!;
  const rows = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  for (let i = 0; i < X.rows; i++) {
    for (let p = X.rowStart[i]!; p < X.rowStart[i + 1]!; p++) {
      const q = next[X.indices[p]!]!++;
      rows[q] = i;
      values[q] = X.values[p]!;
    }
    if ((i + 1) % chunk === 0) yield;
  }
  return { start, rows, values };
}

/** maxSim[i] = max(maxSim[i], X[i] · X[r]) for every row; `sim` is scratch space of one value per row. */
function addSimilarities(X: SparseMatrix, columns: Columns, r: number, maxSim: Float64Array, sim: Float64Array): void {
  sim.fill(0);
  for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) {
    const v = X.values[p]!;
    const c = X.indices[p]!;
    for (let q = columns.start[c]!; q < columns.start[c + 1]!; q++) sim[columns.rows[q]!]! += v * columns.values[q]!;
  }
  const D = X.dense;
  if (D) {
    const k = D.dims;
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let c = 0; c < k; c++) s += D.values[i * k + c]! * D.values[r * k + c]!;
      sim[i]! += s;
    }
  }
  for (let i = 0; i < X.rows; i++) if (sim[i]! > maxSim[i]!) maxSim[i] = sim[i]!;
}

function combine(X: SparseMatrix, out: Float64Array, maxSim: Float64Array, weight: number): void {
  const spread = (values: (i: number) => number | undefined) => {
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < X.rows; i++) {
      const v = values(i);
      if (v === undefined) continue;
      n++;
      sum += v;
      sq += v * v;
    }
    const mean = n ? sum / n : 0;
    return { mean, sd: n ? Math.sqrt(Math.max(0, sq / n - mean * mean)) : 0 };
  };
  const a = spread((i) => out[i]);
  const s = spread((i) => (hasTerms(X, i) ? maxSim[i] : undefined));
  if (!(a.sd > 0) || !(s.sd > 0)) return;
  const k = (weight * a.sd) / s.sd;
  for (let i = 0; i < X.rows; i++) if (hasTerms(X, i)) out[i] = out[i]! + k * (maxSim[i]! - s.mean);
}
