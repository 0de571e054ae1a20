/**
 * Step-function selection model (Vevea & Hedges 1995) as metafor's selmodel(res, type = "stepfun",
 * steps, alternative): the probability that a study is published depends on its one-sided p-value
 * through a step function, 1 up to the first step and δⱼ beyond it, and the random-effects model
 * is refitted by maximum likelihood with the δⱼ. With one step at 0.025 this is the three-parameter
 * selection model (3PSM: μ, τ², δ). Standard errors come from the observed information, as metafor's
 * (the Hessian of the log-likelihood in μ, τ², δ), and the test for selection is the likelihood-ratio
 * test against the ML fit without it.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { criticalValue, pchisqUpper, pnorm, pnormTwoSided, qnorm } from '../stats/distributions.js';
import { invertSpd } from '../stats/linalg.js';
import { rma } from './rma.js';
import type { RmaResult, WaldSummary } from './types.js';

export interface SelmodelOptions {
  /** Upper bounds of the p-value intervals below 1 (default [0.025]). */
  readonly steps?: readonly number[];
  /** The direction of the one-sided p-values: "greater" (metafor's default) or "less". */
  readonly alternative?: 'greater' | 'less';
}

/** The adjusted estimate with its z test and interval, and the selection and heterogeneity parameters. */
export interface Selmodel extends WaldSummary {
  /** The interval bounds, ending with 1. */
  readonly steps: number[];
  readonly alternative: 'greater' | 'less';
  /** Studies per p-value interval. */
  readonly counts: number[];
  readonly tau2: number;
  /** NaN for a common-effect model (τ² fixed at 0). */
  readonly se_tau2: number;
  /** δ per interval; the first is fixed at 1. */
  readonly delta: number[];
  /** Standard error, Wald test of δ = 1 and interval (lower bound at least 0) per interval; NaN for the fixed first. */
  readonly delta_se: number[];
  readonly delta_pval: number[];
  readonly delta_ci_lower: number[];
  readonly delta_ci_upper: number[];
  /** Likelihood-ratio test of the δ against the model without selection (fitted by ML). */
  readonly LRT: number;
  readonly LRT_df: number;
  readonly LRT_pval: number;
  readonly logLik: number;
  readonly warnings: Diagnostic[];
}

/** metafor's bound on δ. */
export const SELMODEL_DELTA_MAX = 100;

interface Problem {
  /** Effects turned so that selection favours large values (alternative "greater"). */
  readonly y: readonly number[];
  readonly v: readonly number[];
  /** Per study: the effect size at each step's one-sided p-value, c_ij = √vᵢ · z₁₋ₛⱼ, for j < N. */
  readonly cuts: readonly (readonly number[])[];
  readonly group: readonly number[];
  readonly intervals: number;
  readonly fixedTau2: boolean;
}

/** Parameters: μ, then τ² (unless fixed at 0), then δ₂…δ_N. */
function unpack(problem: Problem, theta: readonly number[]): { mu: number; tau2: number; delta: number[] } {
  const tau2 = problem.fixedTau2 ? 0 : theta[1]!;
  const first = problem.fixedTau2 ? 1 : 2;
  return { mu: theta[0]!, tau2, delta: [1, ...theta.slice(first)] };
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Log-likelihood and its gradient in the free parameters. */
function evaluate(problem: Problem, theta: readonly number[]): { ll: number; grad: number[] } {
  const { mu, tau2, delta } = unpack(problem, theta);
  const N = problem.intervals;
  let ll = 0;
  let gMu = 0;
  let gTau2 = 0;
  const gDelta = new Array<number>(N).fill(0);
  for (let i = 0; i < problem.y.length; i++) {
    const s2 = problem.v[i]! + tau2;
    const s = Math.sqrt(s2);
    const r = problem.y[i]! - mu;
    // Pⱼ = P(the effect falls in interval j) = Q(aⱼ) − Q(aⱼ₋₁), with Q the upper normal tail, a₀ = +∞, a_N = −∞
    let A = 0;
    let dAmu = 0;
    let dAtau2 = 0;
    let prevQ = 0;
    let prevPhi = 0;
    let prevAPhi = 0;
    const P = new Array<number>(N);
    for (let j = 0; j < N; j++) {
      let Q: number;
      let phi = 0;
      let aPhi = 0;
      if (j < N - 1) {
        const a = (problem.cuts[i]![j]! - mu) / s;
        Q = pnorm(-a);
        phi = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
        aPhi = a * phi;
        P[j] = Q - prevQ;
      } else {
        Q = 1;
        // the last interval from the lower tail, as metafor computes it, for precision
        P[j] = j === 0 ? 1 : pnorm((problem.cuts[i]![j - 1]! - mu) / s);
      }
      A += delta[j]! * P[j]!;
      dAmu += (delta[j]! * (phi - prevPhi)) / s;
      dAtau2 += (delta[j]! * (aPhi - prevAPhi)) / (2 * s2);
      prevQ = Q;
      prevPhi = phi;
      prevAPhi = aPhi;
    }
    const g = problem.group[i]!;
    ll += Math.log(delta[g]!) - 0.5 * (LOG_2PI + Math.log(s2)) - (r * r) / (2 * s2) - Math.log(A);
    gMu += r / s2 - dAmu / A;
    gTau2 += -0.5 / s2 + (r * r) / (2 * s2 * s2) - dAtau2 / A;
    for (let j = 1; j < N; j++) gDelta[j]! += (g === j ? 1 / delta[j]! : 0) - P[j]! / A;
  }
  return { ll, grad: [gMu, ...(problem.fixedTau2 ? [] : [gTau2]), ...gDelta.slice(1)] };
}

/** Central differences of the analytic gradient, with one Richardson step: the Hessian of the log-likelihood. */
function hessian(problem: Problem, theta: readonly number[], steps: readonly number[]): number[][] {
  const n = theta.length;
  const column = (j: number, h: number): number[] => {
    const up = [...theta];
    const down = [...theta];
    up[j]! += h;
    down[j]! -= h;
    const gu = evaluate(problem, up).grad;
    const gd = evaluate(problem, down).grad;
    return gu.map((u, i) => (u - gd[i]!) / (2 * h));
  };
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const coarse = column(j, steps[j]!);
    const fine = column(j, steps[j]! / 2);
    for (let i = 0; i < n; i++) H[i]![j] = (4 * fine[i]! - coarse[i]!) / 3;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) H[i]![j] = H[j]![i] = (H[i]![j]! + H[j]![i]!) / 2;
  return H;
}

function stepSizes(problem: Problem, theta: readonly number[]): number[] {
  const minV = Math.min(...problem.v);
  const { tau2 } = unpack(problem, theta);
  const sd = Math.sqrt(minV + tau2);
  return theta.map((t, j) => (j === 0 ? 1e-4 * sd : !problem.fixedTau2 && j === 1 ? 1e-4 * (tau2 + minV) : 1e-4 * Math.max(t, 0.01)));
}

/** Keeps τ² ≥ 0 and 0 < δ ≤ 100. */
function project(problem: Problem, theta: number[], from: readonly number[]): number[] {
  return theta.map((t, j) => {
    if (j === 0) return t;
    if (!problem.fixedTau2 && j === 1) return Math.max(0, t);
    return Math.min(SELMODEL_DELTA_MAX, t > 0 ? t : from[j]! / 10);
  });
}

/** Solves (H + λ·diag) d = g over the free coordinates; undefined if not positive definite. */
function dampedStep(negH: number[][], g: readonly number[], free: readonly number[], lambda: number): number[] | undefined {
  const m = free.map((a) => free.map((b) => negH[a]![b]! + (a === b ? lambda * Math.max(Math.abs(negH[a]![a]!), 1e-12) : 0)));
  const inv = invertSpd(m);
  if (!inv) return undefined;
  const d = new Array<number>(g.length).fill(0);
  free.forEach((a, i) => {
    d[a] = free.reduce((s, b, j) => s + inv[i]![j]! * g[b]!, 0);
  });
  return d;
}

/** Levenberg–Marquardt-damped Newton ascent with τ² and δ held at a bound while the gradient pushes past it. */
function maximise(problem: Problem, start: number[]): { theta: number[]; ll: number; converged: boolean } {
  let theta = start;
  let current = evaluate(problem, theta);
  let lambda = 1e-3;
  for (let iter = 0; iter < 500; iter++) {
    const negH = hessian(problem, theta, stepSizes(problem, theta)).map((row) => row.map((h) => -h));
    const free = theta
      .map((t, j) => j)
      .filter((j) => {
        if (j === 0) return true;
        if (!problem.fixedTau2 && j === 1) return !(theta[1] === 0 && current.grad[1]! <= 0);
        return !(theta[j] === SELMODEL_DELTA_MAX && current.grad[j]! >= 0);
      });
    let accepted = false;
    for (let tries = 0; tries < 60 && !accepted; tries++) {
      const d = dampedStep(negH, current.grad, free, lambda);
      if (!d) {
        lambda *= 10;
        continue;
      }
      const next = project(problem, theta.map((t, j) => t + d[j]!), theta);
      const candidate = evaluate(problem, next);
      if (Number.isFinite(candidate.ll) && candidate.ll >= current.ll - 1e-13 * Math.abs(current.ll)) {
        const moved = Math.max(...next.map((t, j) => Math.abs(t - theta[j]!) / (1 + Math.abs(t))));
        theta = next;
        current = candidate;
        lambda = Math.max(lambda / 10, 1e-12);
        accepted = true;
        if (moved < 1e-12) return { theta, ll: current.ll, converged: true };
      } else lambda *= 10;
    }
    if (!accepted) return { theta, ll: current.ll, converged: Math.max(...current.grad.map(Math.abs)) < 1e-6 };
  }
  return { theta, ll: current.ll, converged: false };
}

function normalLogLik(y: readonly number[], v: readonly number[], mu: number, tau2: number): number {
  return y.reduce((s, yi, i) => {
    const s2 = v[i]! + tau2;
    return s - 0.5 * (LOG_2PI + Math.log(s2)) - ((yi - mu) * (yi - mu)) / (2 * s2);
  }, 0);
}

/**
 * Fits the step-function selection model to an intercept-only model's data; τ² stays 0 for a
 * common-effect model. Estimated by maximum likelihood whatever the model's τ² estimator, as metafor.
 * @throws MetasiftError INVALID_ARGUMENT (steps), UNSUPPORTED (moderators), TOO_FEW_STUDIES, EMPTY_INTERVAL
 */
export function selmodel(model: RmaResult, options: SelmodelOptions = {}): Selmodel {
  if (model.p !== 1) throw new MetasiftError('UNSUPPORTED', 'the selection model is fitted to a model without moderators');
  const inner = [...new Set(options.steps ?? [0.025])].sort((a, b) => a - b);
  if (inner.length === 0 || inner.some((s) => !(s > 0 && s < 1)))
    throw new MetasiftError('INVALID_ARGUMENT', 'the selection model needs steps strictly between 0 and 1', { field: 'steps' });
  const alternative = options.alternative ?? 'greater';
  const sign = alternative === 'greater' ? 1 : -1;
  const steps = [...inner, 1];
  const N = steps.length;
  const fixedTau2 = model.method === 'EE';
  const k = model.yi.length;
  const free = 1 + (fixedTau2 ? 0 : 1) + (N - 1);
  if (k < free) throw new MetasiftError('TOO_FEW_STUDIES', `k = ${k} studies are too few to fit the selection model's ${free} parameters`);
  const y = model.yi.map((yi) => sign * yi);
  const v = [...model.vi];
  const group = y.map((yi, i) => {
    const p = pnorm(-yi / Math.sqrt(v[i]!));
    return steps.findIndex((s) => p <= s);
  });
  const counts = steps.map((_, j) => group.filter((g) => g === j).length);
  const empty = counts.findIndex((c) => c === 0);
  if (empty >= 0) {
    const lower = empty === 0 ? 0 : steps[empty - 1]!;
    throw new MetasiftError('EMPTY_INTERVAL', `no study has a one-sided p-value (${alternative}) in ${lower} < p ≤ ${steps[empty]}: every interval of the selection model needs one`);
  }
  const cuts = v.map((vi) => inner.map((s) => Math.sqrt(vi) * qnorm(1 - s)));
  const problem: Problem = { y, v, cuts, group, intervals: N, fixedTau2 };
  // the model without selection, fitted by ML: the start and the likelihood-ratio test's null
  const ml = fixedTau2 ? model : rma({ yi: model.yi, vi: model.vi, method: 'ML' });
  const ll0 = normalLogLik(y, v, sign * ml.estimate, ml.tau2);
  const fit = maximise(problem, [sign * ml.estimate, ...(fixedTau2 ? [] : [ml.tau2 + 0.001]), ...steps.slice(1).map(() => 1)]);
  const warnings: Diagnostic[] = [];
  if (!fit.converged) warnings.push({ code: 'NONCONVERGENCE', message: 'the selection model did not converge; treat its results with caution' });
  const { mu, tau2, delta } = unpack(problem, fit.theta);
  if (delta.some((d) => d === SELMODEL_DELTA_MAX))
    warnings.push({ code: 'BOUNDARY', message: `a δ of the selection model reached its bound (${SELMODEL_DELTA_MAX}), where it is held, without a standard error; treat its results with caution` });
  // τ² on its boundary (0) or a δ on its bound (100) is no interior parameter: the others' information is taken with it held there
  const deltaOffset = fixedTau2 ? 0 : 1;
  const onBound = (j: number): boolean => (!fixedTau2 && j === 1 ? tau2 === 0 : j > deltaOffset && delta[j - deltaOffset]! === SELMODEL_DELTA_MAX);
  const kept = fit.theta.map((_, j) => j).filter((j) => !onBound(j));
  const negH = hessian(problem, fit.theta, stepSizes(problem, fit.theta)).map((row) => row.map((h) => -h));
  const cov = invertSpd(kept.map((a) => kept.map((b) => negH[a]![b]!)));
  if (!cov) warnings.push({ code: 'SINGULAR_HESSIAN', message: 'the selection model’s information matrix could not be inverted: no standard errors' });
  const seOf = (j: number): number => {
    const at = kept.indexOf(j);
    return cov && at >= 0 ? Math.sqrt(cov[at]![at]!) : NaN;
  };
  const crit = criticalValue(model.level);
  const se = seOf(0);
  const estimate = sign * mu;
  const statistic = estimate / se;
  const deltaSe = delta.map((_, j) => (j === 0 ? NaN : seOf(deltaOffset + j)));
  const LRT = Math.max(0, -2 * (ll0 - fit.ll));
  return {
    steps,
    alternative,
    counts,
    estimate,
    se,
    statistic,
    pval: pnormTwoSided(statistic),
    ci_lower: estimate - crit * se,
    ci_upper: estimate + crit * se,
    tau2,
    se_tau2: fixedTau2 ? NaN : seOf(1),
    delta,
    delta_se: deltaSe,
    delta_pval: delta.map((d, j) => (j === 0 ? NaN : pnormTwoSided((d - 1) / deltaSe[j]!))),
    delta_ci_lower: delta.map((d, j) => (j === 0 ? NaN : Math.max(0, d - crit * deltaSe[j]!))),
    delta_ci_upper: delta.map((d, j) => (j === 0 ? NaN : d + crit * deltaSe[j]!)),
    LRT,
    LRT_df: N - 1,
    LRT_pval: pchisqUpper(LRT, N - 1),
    logLik: fit.ll,
    warnings,
  };
}
