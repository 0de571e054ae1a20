/**
 * The three-level model of metafor's rma.mv(yi, vi, random = ~ 1 | cluster/es_id): effect sizes
 * (e.g. a multi-arm trial's comparisons) nested in clusters (its study), with a variance σ²₁ between
 * clusters and σ²₂ between effects within a cluster. The marginal covariance M = diag(vᵢ) + σ²₂I +
 * σ²₁·(1 within a cluster) is block diagonal, so every quantity is summed over clusters: a cluster of n
 * rows costs O(n³), the whole fit O(Σn³ + k·p²), never a k×k matrix.
 *
 * σ² maximise the restricted (REML) or full (ML) likelihood, found by Fisher scoring with step halving
 * on the likelihood and a component held at 0 while its score points below 0 (the optimum on the
 * boundary). metafor's optimiser works on log σ², so where the optimum is 0 it stops at a tiny value.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { criticalValue, pchisqUpper } from '../stats/distributions.js';
import { cholesky, invertSpd, logDetSpd, matVec, traceOfProduct, matMul, zeros, type Matrix } from '../stats/linalg.js';
import { DEFAULT_LEVEL } from './control.js';
import { coefficient, designWithIntercept, moderatorTest } from './rma.js';
import { glsAt } from './wls.js';
import type { SandwichInput } from './robust.js';
import { interceptSummary, type FittedModel, type Moderators } from './types.js';

export interface MultilevelOptions {
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  /** The outer level of each row (e.g. its study); rows of one cluster share σ²₁. */
  readonly cluster: readonly string[];
  readonly mods?: Moderators;
  readonly method?: 'REML' | 'ML';
  /** z, or t with k − p degrees of freedom (rma.mv's test = "t"). */
  readonly test?: 'z' | 't';
  readonly level?: number;
}

export interface MultilevelResult extends FittedModel {
  readonly method: 'REML' | 'ML';
  readonly test: 'z' | 't';
  /** [between clusters, within clusters] (metafor's sigma2). */
  readonly sigma2: [number, number];
  /** Number of clusters and of rows (metafor's s.nlevels). */
  readonly nlevels: [number, number];
  /** The share of the total variance per level, in percent (I² is their sum; metafor's FAQ). */
  readonly I2_levels: [number, number];
  readonly logLik: number;
  /** What metafor's robust() needs of the fit (W = M⁻¹ at the estimated σ²): see meta/robust.ts sandwich(). */
  readonly sandwich: Omit<SandwichInput, 'cluster' | 'level'>;
}

interface Block {
  readonly rows: number[];
  /** x_ij by row of the block, then column. */
  readonly x: number[][];
  readonly y: number[];
  readonly v: number[];
}

/** Everything the likelihood, its score and information need at one σ². */
interface State {
  readonly ll: number;
  readonly beta: number[];
  readonly A: Matrix;
  readonly Ainv: Matrix;
  readonly score: number[];
  readonly info: Matrix;
  readonly blocksInv: Matrix[];
}

const LOG_2PI = Math.log(2 * Math.PI);

function blocksOf(options: MultilevelOptions, X: number[][]): Block[] {
  const byCluster = new Map<string, number[]>();
  options.cluster.forEach((c, i) => {
    const rows = byCluster.get(c);
    if (rows) rows.push(i);
    else byCluster.set(c, [i]);
  });
  return [...byCluster.values()].map((rows) => ({ rows, x: rows.map((i) => X[i]!), y: rows.map((i) => options.yi[i]!), v: rows.map((i) => options.vi[i]!) }));
}

/** Xᵀ·S·X for a block (S n×n). */
function xtSx(x: number[][], s: Matrix, p: number): Matrix {
  const n = x.length;
  const out = zeros(p);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const w = s[a]![b]!;
      if (w === 0) continue;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) out[i]![j]! += x[a]![i]! * w * x[b]![j]!;
    }
  return out;
}

function add(into: Matrix, m: Matrix): void {
  into.forEach((row, i) => row.forEach((_, j) => (row[j]! += m[i]![j]!)));
}

/**
 * The likelihood and its derivatives at σ² = (s1, s2). With P = M⁻¹ − M⁻¹X A⁻¹XᵀM⁻¹, A = XᵀM⁻¹X and
 * Z₁ = the cluster's ones, Z₂ = I: the REML score is −½tr(PZᵣ) + ½(Py)ᵀZᵣ(Py) and the information
 * ½tr(PZᵣPZₛ), each trace expanded into block sums and p×p products; ML drops the projection.
 */
function evaluate(blocks: readonly Block[], p: number, k: number, s1: number, s2: number, reml: boolean, logDetXtX: number): State | undefined {
  const A = zeros(p);
  const xtMy = new Array<number>(p).fill(0);
  let logDetM = 0;
  const blocksInv: Matrix[] = [];
  for (const b of blocks) {
    const n = b.rows.length;
    const M = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (__, c) => s1 + (a === c ? b.v[a]! + s2 : 0)));
    const L = cholesky(M);
    if (L === undefined) return undefined;
    logDetM += L.reduce((s, row, i) => s + 2 * Math.log(row[i]!), 0);
    const Mi = invertSpd(M)!;
    blocksInv.push(Mi);
    add(A, xtSx(b.x, Mi, p));
    const My = matVec(Mi, b.y);
    for (let a = 0; a < n; a++) for (let j = 0; j < p; j++) xtMy[j]! += b.x[a]![j]! * My[a]!;
  }
  const Ainv = invertSpd(A);
  if (Ainv === undefined) return undefined;
  const beta = matVec(Ainv, xtMy);

  let rMr = 0;
  const score = [0, 0];
  const info = [
    [0, 0],
    [0, 0],
  ];
  // p×p sums: B_r = XᵀQᵣM⁻¹X and G_rs = XᵀQᵣQₛM⁻¹X with Qᵣ = M⁻¹Zᵣ (Q₂ = M⁻¹)
  const B = [zeros(p), zeros(p)];
  const G = [
    [zeros(p), zeros(p)],
    [zeros(p), zeros(p)],
  ];
  blocks.forEach((b, bi) => {
    const n = b.rows.length;
    const Mi = blocksInv[bi]!;
    const rowSums = Mi.map((row) => row.reduce((s, x) => s + x, 0));
    const Q: Matrix[] = [Mi.map((_, a) => new Array<number>(n).fill(rowSums[a]!)), Mi];
    const r = b.y.map((y, a) => y - b.x[a]!.reduce((s, x, j) => s + x * beta[j]!, 0));
    const Mr = matVec(Mi, r);
    rMr += r.reduce((s, x, a) => s + x * Mr[a]!, 0);
    const sumMr = Mr.reduce((s, x) => s + x, 0);
    const quad = [sumMr * sumMr, Mr.reduce((s, x) => s + x * x, 0)];
    const trQ = [rowSums.reduce((s, x) => s + x, 0), Mi.reduce((s, row, a) => s + row[a]!, 0)];
    for (let r1 = 0; r1 < 2; r1++) {
      score[r1] = score[r1]! - 0.5 * trQ[r1]! + 0.5 * quad[r1]!;
      const QM = matMul(Q[r1]!, Mi);
      add(B[r1]!, xtSx(b.x, QM, p));
      for (let r2 = 0; r2 < 2; r2++) {
        info[r1]![r2] = info[r1]![r2]! + 0.5 * traceOfProduct(Q[r1]!, Q[r2]!);
        if (reml) add(G[r1]![r2]!, xtSx(b.x, matMul(Q[r1]!, matMul(Q[r2]!, Mi)), p));
      }
    }
  });
  if (reml) {
    for (let r1 = 0; r1 < 2; r1++) {
      // tr(PZᵣ) = tr(M⁻¹Zᵣ) − tr(A⁻¹Bᵣ); (Py)ᵀZᵣ(Py) is the block sum above, as Py = M⁻¹r
      score[r1] = score[r1]! + 0.5 * traceOfProduct(Ainv, B[r1]!);
      for (let r2 = 0; r2 < 2; r2++) {
        const AB1 = matMul(Ainv, B[r1]!);
        const AB2 = matMul(Ainv, B[r2]!);
        info[r1]![r2] = info[r1]![r2]! + 0.5 * (-traceOfProduct(Ainv, G[r1]![r2]!) - traceOfProduct(Ainv, G[r2]![r1]!) + traceOfProduct(AB1, AB2));
      }
    }
  }
  const logDetA = logDetSpd(A);
  const ll = reml ? -0.5 * (k - p) * LOG_2PI + 0.5 * logDetXtX - 0.5 * logDetM - 0.5 * logDetA - 0.5 * rMr : -0.5 * k * LOG_2PI - 0.5 * logDetM - 0.5 * rMr;
  return { ll, beta, A, Ainv, score, info, blocksInv };
}

const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-12;

/**
 * Fits the three-level model.
 * @throws MetasiftError TOO_FEW_CLUSTERS (fewer than 2 clusters, or no cluster with 2 rows: the two
 *   levels cannot be told apart), TOO_FEW_STUDIES, SINGULAR_DESIGN, NONCONVERGENCE, INVALID_VALUE
 */
export function rmaMultilevel(options: MultilevelOptions): MultilevelResult {
  const { yi, vi, mods } = options;
  const method = options.method ?? 'REML';
  const test = options.test ?? 'z';
  const level = options.level ?? DEFAULT_LEVEL;
  const k = yi.length;
  yi.forEach((y, i) => {
    if (!Number.isFinite(y) || !Number.isFinite(vi[i]!) || !(vi[i]! > 0))
      throw new MetasiftError('INVALID_VALUE', `row ${i + 1}: the three-level model needs a finite effect and a sampling variance above 0`, { row: i });
  });
  const design = designWithIntercept(k, mods);
  const p = design.columns.length;
  const X = yi.map((_, i) => design.columns.map((c) => c[i]!));
  const blocks = blocksOf(options, X);
  if (blocks.length < 2) throw new MetasiftError('TOO_FEW_CLUSTERS', `the three-level model needs at least 2 clusters (found ${blocks.length}): with one, the variance between clusters cannot be estimated`, { field: 'multilevel' });
  if (blocks.every((b) => b.rows.length === 1))
    throw new MetasiftError('TOO_FEW_CLUSTERS', `every cluster has one row: the variance between and within clusters cannot be told apart; fit the usual random-effects model instead`, { field: 'multilevel' });
  if (k <= p) throw new MetasiftError('TOO_FEW_STUDIES', `k = ${k} rows cannot estimate the variances beside ${p} coefficients`, { field: 'multilevel' });
  const fit0 = glsAt(yi, vi, design, 0);
  if (fit0 === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank: a moderator is constant or collinear with others', { field: 'mods' });
  const reml = method === 'REML';
  const logDetXtX = logDetSpd(X[0]!.map((_, i) => X[0]!.map((__, j) => X.reduce((s, row) => s + row[i]! * row[j]!, 0))));

  // start from the DerSimonian–Laird τ², shared between the levels
  const Qdf = k - p;
  const tauDL = Math.max(0, (fit0.yPy - Qdf) / fit0.trP);
  const start = Math.max(tauDL, 0.01 * (vi.reduce((s, v) => s + v, 0) / k)) / 2;
  let s = [start, start];
  let state = evaluate(blocks, p, k, s[0]!, s[1]!, reml, logDetXtX);
  if (state === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank: a moderator is constant or collinear with others', { field: 'mods' });
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    // components at 0 whose score points below 0 stay there; the rest take a Fisher scoring step
    const free = [0, 1].filter((r) => s[r]! > 0 || state!.score[r]! > 0);
    const step = [0, 0];
    if (free.length === 2) {
      const inv = invertSpd(state.info);
      if (inv === undefined) break;
      const d = matVec(inv, state.score);
      step[0] = d[0]!;
      step[1] = d[1]!;
    } else if (free.length === 1) {
      const r = free[0]!;
      step[r] = state.score[r]! / state.info[r]![r]!;
    }
    let t = 1;
    let next: number[] = s;
    let nextState: State | undefined;
    for (let halving = 0; halving < 60; halving++, t /= 2) {
      next = s.map((x, r) => Math.max(0, x + t * step[r]!));
      nextState = evaluate(blocks, p, k, next[0]!, next[1]!, reml, logDetXtX);
      if (nextState !== undefined && nextState.ll >= state.ll - 1e-14 * Math.abs(state.ll)) break;
      nextState = undefined;
    }
    if (nextState === undefined) break;
    const moved = Math.max(...next.map((x, r) => Math.abs(x - s[r]!) / Math.max(1, x)));
    s = next;
    state = nextState;
    if (moved <= TOLERANCE) break;
  }
  if (iterations >= MAX_ITERATIONS) throw new MetasiftError('NONCONVERGENCE', `the three-level model did not converge in ${MAX_ITERATIONS} iterations`, { field: 'multilevel' });
  const sigma2: [number, number] = [s[0]!, s[1]!];
  const warnings: Diagnostic[] = [];
  if (sigma2[0] === 0) warnings.push({ code: 'SIGMA2_ZERO', message: 'the variance between clusters is estimated at 0' });
  if (sigma2[1] === 0) warnings.push({ code: 'SIGMA2_ZERO', message: 'the variance within clusters is estimated at 0' });

  const df = test === 't' ? k - p : null;
  const crit = criticalValue(level, df ?? undefined);
  const vb = state.Ainv;
  const coefficients = design.names.map((name, j) => coefficient(name, state!.beta[j]!, Math.sqrt(vb[j]![j]!), crit, df));
  const first = coefficients[0]!;
  const sePred = Math.sqrt(first.se ** 2 + sigma2[0] + sigma2[1]);
  // I² as metafor's FAQ gives it for multilevel models: σ² over σ² plus the typical sampling variance
  const vt = Qdf / fit0.trP;
  const total = sigma2[0] + sigma2[1] + vt;
  const diag: number[] = new Array<number>(k);
  blocks.forEach((b, bi) => b.rows.forEach((row, a) => (diag[row] = state!.blocksInv[bi]![a]![a]!)));
  const sumDiag = diag.reduce((x, y) => x + y, 0);
  const Q = Math.max(0, fit0.yPy);
  // the residuals and WX = M⁻¹X, block by block
  const e = yi.map((y, i) => y - X[i]!.reduce((acc, x, j) => acc + x * state!.beta[j]!, 0));
  const wx: number[][] = new Array<number[]>(k);
  blocks.forEach((b, bi) => {
    const Mi = state!.blocksInv[bi]!;
    b.rows.forEach((row, a) => (wx[row] = design.names.map((_, j) => b.x.reduce((acc, xr, c) => acc + Mi[a]![c]! * xr[j]!, 0))));
  });
  const model = { method, test, level, k, p, df, coefficients, ...interceptSummary(coefficients) };
  return {
    ...model,
    pi_lower: first.estimate - crit * sePred,
    pi_upper: first.estimate + crit * sePred,
    sigma2,
    nlevels: [blocks.length, k],
    I2: (100 * (sigma2[0] + sigma2[1])) / total,
    I2_levels: [(100 * sigma2[0]) / total, (100 * sigma2[1]) / total],
    Q,
    Q_df: Qdf,
    Q_pval: pchisqUpper(Q, Qdf),
    ...(p > 1 ? moderatorTest(state.beta, vb, df) : {}),
    logLik: state.ll,
    yi,
    vi,
    weights: diag.map((w) => (100 * w) / sumDiag),
    iterations,
    warnings,
    sandwich: { names: design.names, beta: state.beta, e, wx, bread: vb },
  };
}
