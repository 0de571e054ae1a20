/**
 * The three-level model of metafor's rma.mv(yi, vi, random = ~ 1 | cluster/es_id): effect sizes
 * (e.g. a multi-arm trial's comparisons) nested in clusters (its study), with a variance σ²₁ between
 * clusters and σ²₂ between effects within a cluster (the likelihood: multilevel-likelihood.ts).
 *
 * σ² maximise the restricted (REML) or full (ML) likelihood, found by Fisher scoring with step halving
 * on the likelihood and a component held at 0 while its score points below 0 (the optimum on the
 * boundary), from three starts (the DerSimonian–Laird τ² shared, or mostly at either level), the best kept. metafor's optimiser works on log σ², so where the optimum is 0 it stops at a tiny value.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { criticalValue, pchisqUpper } from '../stats/distributions.js';
import { matMul, matVec, type Matrix } from '../stats/linalg.js';
import { DEFAULT_LEVEL } from './control.js';
import { inverseTimesX, maximiseFrom, multilevelProblem, startsFor } from './multilevel-likelihood.js';
import { levelInference, type LevelInference } from './multilevel-profile.js';
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
  /** Also each level's profile-likelihood interval and likelihood-ratio test (several refits). */
  readonly levelInference?: boolean;
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
  /** With options.levelInference: [between, within]'s profile interval and likelihood-ratio test. */
  readonly levels?: readonly [LevelInference, LevelInference];
  /** What metafor's robust() needs of the fit (W = M⁻¹ at the estimated σ²): see meta/robust.ts sandwich(). */
  readonly sandwich: Omit<SandwichInput, 'cluster' | 'level'>;
}

/** Row vector times matrix. */
function vecMat(v: readonly number[], m: Matrix): number[] {
  return m[0]!.map((_, j) => v.reduce((acc, x, i) => acc + x * m[i]![j]!, 0));
}

function transpose(m: Matrix): Matrix {
  return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

/**
 * T with XT = X̃, the moderators (columns after the intercept) centred on their means and scaled by
 * their SDs, and T⁻¹: x = m + s·x̃, so T⁻¹ has the means in its first row and the SDs on its diagonal.
 */
function standardise(X: readonly number[][]): { T: Matrix; Tinv: Matrix } {
  const p = X[0]!.length;
  const T: Matrix = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (__, j): number => (i === j ? 1 : 0)));
  const Tinv = T.map((row) => [...row]);
  for (let j = 1; j < p; j++) {
    const m = X.reduce((acc, row) => acc + row[j]!, 0) / X.length;
    const sd = Math.sqrt(X.reduce((acc, row) => acc + (row[j]! - m) ** 2, 0) / X.length) || 1;
    T[0]![j] = -m / sd;
    T[j]![j] = 1 / sd;
    Tinv[0]![j] = m;
    Tinv[j]![j] = sd;
  }
  return { T, Tinv };
}

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
  // fitted on moderators centred and scaled (X̃ = XT): the likelihood is the same (REML's log|XᵀX| and
  // log|XᵀM⁻¹X| shift alike), but XᵀM⁻¹X no longer cancels digits when a moderator is a year
  const { T, Tinv } = standardise(X);
  const problem = multilevelProblem(yi, vi, options.cluster, X.map((row) => vecMat(row, T)), method === 'REML');
  const { blocks } = problem;
  if (blocks.length < 2) throw new MetasiftError('TOO_FEW_CLUSTERS', `the three-level model needs at least 2 clusters (found ${blocks.length}): with one, the variance between clusters cannot be estimated`, { field: 'multilevel' });
  if (blocks.every((b) => b.rows.length === 1))
    throw new MetasiftError('TOO_FEW_CLUSTERS', `every cluster has one row: the variance between and within clusters cannot be told apart; fit the usual random-effects model instead`, { field: 'multilevel' });
  // one residual degree of freedom informs one combination of the two variances, not each
  if (k - p < 2)
    throw new MetasiftError('TOO_FEW_STUDIES', `k = ${k} rows beside ${p} coefficient${p > 1 ? 's' : ''} leave ${Math.max(0, k - p)} degree${k - p === 1 ? '' : 's'} of freedom: too few to tell the two variances apart; use fewer moderators or the usual random-effects model`, { field: 'multilevel' });
  const fit0 = glsAt(yi, vi, design, 0);
  if (fit0 === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank: a moderator is constant or collinear with others', { field: 'mods' });

  // starts around the DerSimonian–Laird τ² (shared between the levels, or mostly at either)
  const Qdf = k - p;
  const tauDL = Math.max(0, (fit0.yPy - Qdf) / fit0.trP);
  const scale = Math.max(tauDL, 0.01 * (vi.reduce((s, v) => s + v, 0) / k));
  const { sigma2: s, state, iterations } = maximiseFrom(problem, startsFor(scale));
  const sigma2: [number, number] = [s[0], s[1]];
  const warnings: Diagnostic[] = [];
  if (sigma2[0] === 0) warnings.push({ code: 'SIGMA2_ZERO', message: 'the variance between clusters is estimated at 0' });
  if (sigma2[1] === 0) warnings.push({ code: 'SIGMA2_ZERO', message: 'the variance within clusters is estimated at 0' });
  const [[i00, i01], [i10, i11]] = state.info as [[number, number], [number, number]];
  if (i00 * i11 - i01 * i10 <= 1e-10 * Math.abs(i00 * i11))
    warnings.push({ code: 'NOT_IDENTIFIED', message: 'the data inform only one combination of the two variances: how it splits between the levels is not identified' });

  const df = test === 't' ? k - p : null;
  const crit = criticalValue(level, df ?? undefined);
  // back to the moderators' own scale: b = T b̃, Var(b) = T Var(b̃) Tᵀ
  const beta = matVec(T, state.beta);
  const vb = matMul(matMul(T, state.Ainv), transpose(T));
  const coefficients = design.names.map((name, j) => coefficient(name, beta[j]!, Math.sqrt(vb[j]![j]!), crit, df));
  const first = coefficients[0]!;
  const sePred = Math.sqrt(first.se ** 2 + sigma2[0] + sigma2[1]);
  // I² as metafor's FAQ gives it for multilevel models: σ² over σ² plus the typical sampling variance
  const vt = Qdf / fit0.trP;
  const total = sigma2[0] + sigma2[1] + vt;
  const diag: number[] = new Array<number>(k);
  blocks.forEach((b, bi) => b.rows.forEach((row, a) => (diag[row] = state.inverses[bi]!.d[a]! * (1 - state.inverses[bi]!.c * state.inverses[bi]!.d[a]!))));
  const sumDiag = diag.reduce((x, y) => x + y, 0);
  const Q = Math.max(0, fit0.yPy);
  // the residuals and WX = M⁻¹X, block by block
  const e = yi.map((y, i) => y - X[i]!.reduce((acc, x, j) => acc + x * beta[j]!, 0));
  const wx: number[][] = new Array<number[]>(k);
  blocks.forEach((b, bi) => {
    const w = inverseTimesX(b, state.inverses[bi]!);
    b.rows.forEach((row, a) => (wx[row] = vecMat(w[a]!, Tinv)));
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
    ...(p > 1 ? moderatorTest(beta, vb, df) : {}),
    logLik: state.ll,
    yi,
    vi,
    weights: diag.map((w) => (100 * w) / sumDiag),
    iterations,
    warnings,
    sandwich: { names: design.names, beta, e, wx, bread: vb },
    ...(options.levelInference && { levels: levelInference(problem, sigma2, state.ll, level, scale) }),
  };
}
