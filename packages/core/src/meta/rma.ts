/**
 * rma: the normal–normal random-effects (or common-effect) model with optional moderators, as
 * metafor's rma.uni(yi, vi, mods, method, test). One fitter, one plain result object; intervals,
 * diagnostics and figures are functions of the result.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { criticalValue, pchisqUpper, pfUpper, pnormTwoSided, ptTwoSided } from '../stats/distributions.js';
import { invertSpd, matVec, subMatrix } from '../stats/linalg.js';
import { DEFAULT_LEVEL, DEFAULT_TAU2_CONTROL, type Tau2Control } from './control.js';
import { TAU2_ESTIMATORS } from './tau2/index.js';
import type { Tau2Input } from './tau2/types.js';
import { glsAt, type Design } from './wls.js';
import { interceptSummary, T_TESTS, testScale, type Coefficient, type MethodCode, type Moderators, type RmaResult, type TestCode } from './types.js';

export interface RmaOptions {
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  /** Default REML, as metafor. */
  readonly method?: MethodCode | 'FE' | 'CE';
  /** Default z. */
  readonly test?: TestCode;
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  readonly mods?: Moderators;
  readonly control?: Partial<Tau2Control>;
  /**
   * Summary only: no per-study weights (empty array) and no intercept-only refit for R². For loops that
   * refit many times and read only the summary (leave-one-out, trim-and-fill's side choice).
   */
  readonly lean?: boolean;
}

const METHODS: readonly string[] = ['EE', ...Object.keys(TAU2_ESTIMATORS)];

function normaliseMethod(m: string): MethodCode {
  if (m === 'FE' || m === 'CE') return 'EE';
  if (!METHODS.includes(m))
    throw new MetasiftError('UNKNOWN_METHOD', `unknown method "${m}"; use one of ${METHODS.join(', ')} (or MH, PETO for 2×2 data)`, {
      field: 'method',
    });
  return m as MethodCode;
}

function validate(yi: readonly number[], vi: readonly number[], mods?: Moderators): void {
  if (yi.length !== vi.length) throw new MetasiftError('LENGTH_MISMATCH', `yi has ${yi.length} values but vi has ${vi.length}`, { field: 'vi' });
  if (yi.length === 0) throw new MetasiftError('NO_STUDIES', 'k = 0: there is no study with a computable effect to analyse');
  for (let i = 0; i < yi.length; i++) {
    if (!Number.isFinite(yi[i]!)) throw new MetasiftError('INVALID_VALUE', `study ${i + 1}: yi is not a finite number`, { row: i, field: 'yi' });
    if (!(vi[i]! > 0)) throw new MetasiftError('INVALID_VALUE', `study ${i + 1}: sampling variance must be positive, got ${vi[i]}`, { row: i, field: 'vi' });
  }
  mods?.columns.forEach((col, j) => {
    if (col.length !== yi.length)
      throw new MetasiftError('LENGTH_MISMATCH', `moderator ${mods.names[j]} has ${col.length} values for ${yi.length} studies`, { field: mods.names[j] ?? '' });
  });
}

let onesBuffer = new Float64Array(0);

/** A column of k ones: a view on a shared, growing buffer, so intercept-only fits allocate nothing per call. */
function ones(k: number): Float64Array {
  if (onesBuffer.length < k) onesBuffer = new Float64Array(Math.max(k, 2 * onesBuffer.length)).fill(1);
  return onesBuffer.subarray(0, k);
}

/** Design with an intercept column followed by the moderators. */
export function designWithIntercept(k: number, mods?: Moderators): Design {
  return { columns: [ones(k), ...(mods?.columns ?? [])], names: ['intrcpt', ...(mods?.names ?? [])] };
}

/** A coefficient's Wald-type test and interval: z when df is null, else t(df). */
export function coefficient(name: string, estimate: number, se: number, crit: number, df: number | null): Coefficient {
  const statistic = estimate / se;
  return {
    name,
    estimate,
    se,
    statistic,
    pval: df === null ? pnormTwoSided(statistic) : ptTwoSided(statistic, df),
    ci_lower: estimate - crit * se,
    ci_upper: estimate + crit * se,
  };
}

/**
 * Fits the model. Mirrors metafor: τ² from the chosen estimator (truncated at 0), weights 1/(vᵢ + τ²),
 * Knapp–Hartung rescales the covariance by yᵀPy/(k − p) and uses t(k − p); Q is the residual
 * heterogeneity statistic with weights 1/vᵢ; I² and H² use the typical variance (k − p)/tr(P).
 * @throws MetasiftError NO_STUDIES, INVALID_VALUE, SINGULAR_DESIGN, NONCONVERGENCE, UNKNOWN_METHOD
 */
export function rma(options: RmaOptions): RmaResult {
  const { yi, vi, mods } = options;
  const method = normaliseMethod(options.method ?? 'REML');
  const test: TestCode = options.test ?? 'z';
  if (test !== 'z' && !T_TESTS.includes(test)) throw new MetasiftError('UNKNOWN_TEST', `unknown test "${String(test)}"; use z, t, knha or adhoc`, { field: 'test' });
  const level = options.level ?? DEFAULT_LEVEL;
  if (!(level > 0 && level < 100)) throw new MetasiftError('INVALID_LEVEL', `level must be a percentage between 0 and 100, got ${level}`, { field: 'level' });
  validate(yi, vi, mods);
  const control = { ...DEFAULT_TAU2_CONTROL, ...options.control };
  const warnings: Diagnostic[] = [];
  const k = yi.length;
  const X = designWithIntercept(k, mods);
  const p = X.columns.length;
  if (k < p) throw new MetasiftError('TOO_FEW_STUDIES', `k = ${k} studies cannot fit ${p} coefficients`, { field: 'mods' });

  // Heterogeneity statistics at τ² = 0 (weights 1/vᵢ), shared by every method.
  const fit0 = glsAt(yi, vi, X, 0);
  if (fit0 === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank: a moderator is constant or collinear with others', { field: 'mods' });
  const Qdf = k - p;
  const Q = Qdf > 0 ? Math.max(0, fit0.yPy) : 0;
  const vt = Qdf > 0 ? Qdf / fit0.trP : NaN;

  let tau2 = 0;
  let iterations = 0;
  if (method !== 'EE') {
    if (k === 1) {
      warnings.push({ code: 'K_ONE', message: 'k = 1: tau^2 cannot be estimated and is set to 0' });
    } else if (Qdf === 0) {
      warnings.push({ code: 'SATURATED', message: 'model is saturated (k = p): tau^2 set to 0' });
    } else {
      const input: Tau2Input = { yi, vi, X };
      const est = TAU2_ESTIMATORS[method](input, control);
      tau2 = est.tau2;
      iterations = est.iterations;
      if (tau2 === 0) warnings.push({ code: 'TAU2_ZERO', message: `tau^2 estimated at 0 (${method})` });
    }
  }

  const fit = glsAt(yi, vi, X, tau2);
  if (fit === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank. Cannot fit model.');
  let vb = fit.xtwxInv;
  let df: number | null = null;
  if (T_TESTS.includes(test)) {
    if (Qdf > 0) {
      const s2 = testScale(test, fit.yPy, Qdf);
      if (s2 !== 1) vb = vb.map((row) => row.map((v) => v * s2));
      df = Qdf;
    } else {
      warnings.push({ code: 'KNHA_UNAVAILABLE', message: `${test === 't' ? 'the t test' : 'the Knapp-Hartung adjustment'} needs k > p; z test used` });
    }
  }
  const crit = criticalValue(level, df ?? undefined);
  const coefficients = X.names.map((name, j) => coefficient(name, fit.b[j]!, Math.sqrt(vb[j]![j]!), crit, df));
  const first = coefficients[0]!;
  const sePred = Math.sqrt(first.se * first.se + tau2);

  let I2: number;
  let H2: number;
  if (Qdf <= 0) {
    I2 = 0;
    H2 = 1;
  } else if (method === 'EE') {
    I2 = Q > 0 ? Math.max(0, (100 * (Q - Qdf)) / Q) : 0;
    H2 = Q / Qdf;
  } else {
    I2 = (100 * tau2) / (vt + tau2);
    H2 = (vt + tau2) / vt;
  }

  const sumW = fit.sumW;
  const result: RmaResult = {
    method,
    test,
    level,
    k,
    p,
    df,
    coefficients,
    ...interceptSummary(coefficients),
    pi_lower: first.estimate - crit * sePred,
    pi_upper: first.estimate + crit * sePred,
    tau2,
    I2,
    H2,
    Q,
    Q_df: Qdf,
    Q_pval: Qdf > 0 ? pchisqUpper(Q, Qdf) : 1,
    yi,
    vi,
    weights: options.lean ? [] : vi.map((v) => 100 / (v + tau2) / sumW),
    vt,
    iterations,
    warnings,
  };
  if (p === 1) return result;
  return { ...result, ...moderatorTest(fit.b, vb, df), R2: options.lean ? null : r2(options, method, tau2, Q, Qdf) };
}

/** Omnibus Wald test of all coefficients but the intercept: χ²(m), or F(m, k − p) with a t-based test (t, knha, adhoc). */
export function moderatorTest(b: readonly number[], vb: number[][], df: number | null): { QM: number; QM_df: number; QM_pval: number } {
  const idx = b.map((_, j) => j).slice(1);
  const m = idx.length;
  const inv = invertSpd(subMatrix(vb, idx));
  const bm = idx.map((j) => b[j]!);
  const wald = inv === undefined ? NaN : bm.reduce((s, v, i) => s + v * matVec(inv, bm)[i]!, 0);
  if (df === null) return { QM: wald, QM_df: m, QM_pval: pchisqUpper(wald, m) };
  const F = wald / m;
  return { QM: F, QM_df: m, QM_pval: pfUpper(F, m, df) };
}

/**
 * Pseudo-R² (Raudenbush 2009): relative reduction of τ² against the intercept-only model (0 when that
 * model has τ² = 0, as metafor reports it); for an equal-effects model, metafor's adjusted R² of the
 * weighted regression.
 */
function r2(options: RmaOptions, method: MethodCode, tau2: number, Q: number, Qdf: number): number | null {
  const base = rma({ yi: options.yi, vi: options.vi, method, test: 'z', ...(options.control ? { control: options.control } : {}) });
  if (method === 'EE') {
    // metafor: the adjusted R² of the weighted least-squares regression (weights 1/vᵢ), i.e. residual
    // and total weighted sums of squares (Q with and without the moderators) per degree of freedom
    if (base.Q === 0) return 0;
    return Qdf > 0 ? Math.max(0, 100 * (1 - Q / Qdf / (base.Q / (options.yi.length - 1)))) : null;
  }
  // no heterogeneity to explain: metafor reports 0
  if (base.tau2 === 0) return 0;
  return Math.max(0, (100 * (base.tau2 - tau2)) / base.tau2);
}
