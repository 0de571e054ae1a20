/**
 * Cluster-robust inference for a fitted model, as metafor's robust(x, cluster) computes it by default
 * (adjust = TRUE: the CR1 sandwich; no clubSandwich): the coefficients kept, their variance
 * (XᵀWX)⁻¹ [Σ_c (Σ_{i∈c} wᵢxᵢeᵢ)(Σ_{i∈c} wᵢxᵢeᵢ)ᵀ] (XᵀWX)⁻¹ · n/(n − p) for n clusters, tests and
 * intervals from t with n − p degrees of freedom; for a three-level model (rma.mv) W is its block-diagonal
 * M⁻¹. For rows that are not independent: several comparisons
 * of one multi-arm trial, several outcomes or time points of one study.
 */
import { MetasiftError } from '../errors.js';
import { invertSpd, matMul, matVec, subMatrix, type Matrix } from '../stats/linalg.js';
import { criticalValue, pfUpper, ptTwoSided } from '../stats/distributions.js';
import { testScale, type Coefficient, type Moderators, type TestCode } from './types.js';

export interface RobustInput {
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  /** The model's τ² (0 for a common-effect model). */
  readonly tau2: number;
  /** The design's columns after the intercept, and their names. */
  readonly mods?: Moderators;
  readonly beta: readonly number[];
  /** Each row's cluster. */
  readonly cluster: readonly string[];
  readonly level: number;
  /** The fit's test: with Knapp–Hartung (knha, adhoc) metafor's variance carries its factor s² (Σwᵢeᵢ²/(k − p), at least 1 for adhoc), squared in the sandwich. */
  readonly test: TestCode;
}

export interface RobustResult {
  readonly clusters: number;
  readonly df: number;
  /** "CR1": the sandwich times n/(n − p), metafor's default. */
  readonly adjust: 'CR1';
  readonly coefficients: readonly Coefficient[];
  /** With moderators: the F test of all but the intercept. */
  readonly QM?: number;
  readonly QM_df?: readonly [number, number];
  readonly QM_pval?: number;
}

/** What the sandwich needs of a fitted model: its coefficients, residuals, WX and (XᵀWX)⁻¹. */
export interface SandwichInput {
  readonly names: readonly string[];
  readonly beta: readonly number[];
  /** yᵢ − xᵢb. */
  readonly e: readonly number[];
  /** Row i of WX (W the model's weight matrix; for rma.uni wᵢxᵢ). */
  readonly wx: readonly (readonly number[])[];
  /** (XᵀWX)⁻¹, the bread. */
  readonly bread: Matrix;
  readonly cluster: readonly string[];
  readonly level: number;
  /** A factor on the sandwich (Knapp–Hartung's s², squared), 1 otherwise. */
  readonly factor?: number;
}

/**
 * The CR1 sandwich of any weighted fit: the bread times Σ_c u_c u_cᵀ times the bread, u_c = Σ_{i∈c} (WX)ᵢeᵢ,
 * times n/(n − p); so it serves rma.uni (W diagonal) and rma.mv (W block diagonal) alike, as metafor's robust().
 * @throws MetasiftError TOO_FEW_CLUSTERS when there are no more clusters than coefficients
 */
export function sandwich(x: SandwichInput): RobustResult {
  const p = x.names.length;
  const n = new Set(x.cluster).size;
  const df = n - p;
  if (df <= 0) throw new MetasiftError('TOO_FEW_CLUSTERS', `cluster-robust tests need more clusters (${n}) than coefficients (${p})`, { field: 'cluster' });
  const sums = new Map<string, number[]>();
  x.cluster.forEach((c, i) => {
    const u = sums.get(c) ?? new Array<number>(p).fill(0);
    for (let j = 0; j < p; j++) u[j]! += x.wx[i]![j]! * x.e[i]!;
    sums.set(c, u);
  });
  const meat: Matrix = Array.from({ length: p }, (_, r) => Array.from({ length: p }, (__, c) => [...sums.values()].reduce((s, u) => s + u[r]! * u[c]!, 0)));
  const scale = (n / df) * (x.factor ?? 1);
  const vb = matMul(matMul(x.bread, meat), x.bread).map((row) => row.map((v) => v * scale));
  const crit = criticalValue(x.level, df);
  const coefficients = x.names.map((name, j): Coefficient => {
    const se = Math.sqrt(vb[j]![j]!);
    const b = x.beta[j]!;
    const t = b / se;
    return { name, estimate: b, se, statistic: t, pval: ptTwoSided(t, df), ci_lower: b - crit * se, ci_upper: b + crit * se };
  });
  if (p === 1) return { clusters: n, df, adjust: 'CR1', coefficients };
  const btt = x.names.map((_, j) => j).slice(1);
  const inv = invertSpd(subMatrix(vb, btt));
  const bb = btt.map((j) => x.beta[j]!);
  const ib = inv ? matVec(inv, bb) : null;
  const QM = ib ? bb.reduce((s, v, i) => s + v * ib[i]!, 0) / btt.length : NaN;
  return { clusters: n, df, adjust: 'CR1', coefficients, QM, QM_df: [btt.length, df], QM_pval: pfUpper(QM, btt.length, df) };
}

/** robust() for a model fitted by rma (weights 1/(vᵢ + τ²)). @throws MetasiftError TOO_FEW_CLUSTERS, SINGULAR_MODEL */
export function robustFit(x: RobustInput): RobustResult {
  const k = x.yi.length;
  const columns = [new Array<number>(k).fill(1), ...(x.mods?.columns ?? [])];
  const names = ['intrcpt', ...(x.mods?.names ?? [])];
  const p = columns.length;
  const w = x.vi.map((v) => 1 / (v + x.tau2));
  const e = x.yi.map((y, i) => y - columns.reduce((s, col, j) => s + col[i]! * x.beta[j]!, 0));
  const a: Matrix = columns.map((ca) => columns.map((cb) => ca.reduce((s, v, i) => s + v * cb[i]! * w[i]!, 0)));
  const bread = invertSpd(a);
  if (!bread) throw new MetasiftError('SINGULAR_MODEL', 'the moderators are collinear: no cluster-robust variance', { field: 'cluster' });
  const s2w = testScale(x.test, w.reduce((s, wi, i) => s + wi * e[i]! ** 2, 0), k - p);
  const wx = w.map((wi, i) => columns.map((col) => wi * col[i]!));
  return sandwich({ names, beta: x.beta, e, wx, bread, cluster: x.cluster, level: x.level, factor: s2w * s2w });
}
