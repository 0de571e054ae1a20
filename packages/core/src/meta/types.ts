import type { Diagnostic } from '../errors.js';
import type { Tau2Method } from './tau2/index.js';

/** Model codes: metafor's EE (alias FE, CE) for the common-effect model, or a τ² estimator. */
export type MethodCode = 'EE' | Tau2Method;

/**
 * Inference for coefficients, as metafor's test argument: normal (z); t with k − p degrees of freedom and
 * the model-based variance ("t"); the Knapp–Hartung adjustment, t with the variance scaled by the weighted
 * residual variance ("knha"); or its ad hoc variant, scaled by it only when it exceeds 1, so never
 * narrower than the t interval ("adhoc").
 */
export type TestCode = 'z' | 't' | 'knha' | 'adhoc';

/** The tests on k − p degrees of freedom. */
export const T_TESTS: readonly TestCode[] = ['t', 'knha', 'adhoc'];

/** The factor metafor's rma.uni multiplies the coefficients' variance by: the residual variance for knha, at least 1 for adhoc, else 1. */
export function testScale(test: TestCode, rss: number, df: number): number {
  if (df <= 0 || (test !== 'knha' && test !== 'adhoc')) return 1;
  const s2 = rss <= Number.EPSILON ? 0 : rss / df;
  return test === 'adhoc' ? Math.max(1, s2) : s2;
}

/** An estimate with its Wald-type test and interval (metafor's beta, se, zval/tval, pval, ci.lb, ci.ub). */
export interface WaldSummary {
  readonly estimate: number;
  readonly se: number;
  readonly statistic: number;
  readonly pval: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
}

/** A model coefficient with its Wald-type test and interval. */
export interface Coefficient extends WaldSummary {
  readonly name: string;
}

/** Moderators for meta-regression, without the intercept (added by the model). */
export interface Moderators {
  readonly names: readonly string[];
  readonly columns: readonly (readonly number[])[];
}

/** What every fitted model reports (rma and the three-level rma.mv): names follow metafor and the JSON contract. */
export interface FittedModel extends WaldSummary {
  readonly level: number;
  readonly k: number;
  /** Number of coefficients. */
  readonly p: number;
  /** Degrees of freedom of the t distribution (knha, or rma.mv's t), or null for z. */
  readonly df: number | null;
  readonly coefficients: Coefficient[];
  /** Prediction interval (intercept-only models). */
  readonly pi_lower: number;
  readonly pi_upper: number;
  readonly I2: number;
  /** Test for (residual) heterogeneity. */
  readonly Q: number;
  readonly Q_df: number;
  readonly Q_pval: number;
  /** Omnibus test of moderators (meta-regression only). */
  readonly QM?: number;
  readonly QM_df?: number;
  readonly QM_pval?: number;
  /** The data the model was fitted to (the caller's arrays, not copies). */
  readonly yi: readonly number[];
  readonly vi: readonly number[];
  /** Model weights in percent. */
  readonly weights: number[];
  readonly iterations: number;
  readonly warnings: Diagnostic[];
}

/** Result of {@link rma}. */
export interface RmaResult extends FittedModel {
  readonly method: MethodCode;
  readonly test: TestCode;
  readonly tau2: number;
  readonly H2: number;
  /** Proportion of τ² accounted for by the moderators, in percent (meta-regression only). */
  readonly R2?: number | null;
  /** Typical within-study variance used for I² and H². */
  readonly vt: number;
}

/** The intercept's estimate, se, statistic, p and CI: the model's own at the top of its result. */
export function interceptSummary(coefficients: readonly Coefficient[]): WaldSummary {
  const { estimate, se, statistic, pval, ci_lower, ci_upper } = coefficients[0]!;
  return { estimate, se, statistic, pval, ci_lower, ci_upper };
}
