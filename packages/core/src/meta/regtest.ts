/**
 * Regression tests for funnel plot asymmetry as metafor's regtest(), and the limit estimates they give:
 * the effect of a study with infinite precision (standard error or variance → 0). With the standard
 * error as predictor and weighted least squares this is PET, with the variance PEESE (Stanley &
 * Doucouliagos 2014); metafor's default is the mixed-effects model with the standard error.
 */
import { MetasiftError } from '../errors.js';
import { criticalValue, ptTwoSided } from '../stats/distributions.js';
import { designWithIntercept, rma } from './rma.js';
import { inverseVarianceWeights, wls } from './wls.js';
import type { RmaResult } from './types.js';

/** metafor's model argument: the model's own meta-regression ("rma") or weighted least squares with a free dispersion ("lm"). */
export type RegtestModel = 'rma' | 'lm';
/** metafor's predictor argument: the standard error or the sampling variance. */
export type RegtestPredictor = 'sei' | 'vi';

/** A limit estimate (the effect as the predictor → 0) with its test and interval. */
export interface LimitEstimate {
  readonly estimate: number;
  readonly se: number;
  readonly pval: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
}

export interface Regtest {
  readonly model: RegtestModel;
  readonly predictor: RegtestPredictor;
  /** z, or t on df degrees of freedom (lm, or the model's Knapp–Hartung test). */
  readonly statistic: number;
  readonly pval: number;
  readonly df: number | null;
  /** The predictor's coefficient (the asymmetry slope). */
  readonly slope: number;
  /** The intercept: the limit estimate as the predictor → 0, with its test and interval at the model's level. */
  readonly limit: LimitEstimate;
}

function predictorColumn(vi: readonly number[], predictor: RegtestPredictor): number[] {
  return predictor === 'sei' ? vi.map(Math.sqrt) : [...vi];
}

/**
 * regtest(model, model = …, predictor = …) for a model without moderators: yᵢ regressed on the predictor,
 * the predictor's coefficient tested, the intercept reported as the limit estimate.
 * @throws MetasiftError TOO_FEW_STUDIES (k < 3), SINGULAR_DESIGN (every study equally precise)
 */
export function regtest(model: Pick<RmaResult, 'yi' | 'vi' | 'method' | 'test' | 'level'>, options: { model?: RegtestModel; predictor?: RegtestPredictor } = {}): Regtest {
  const kind = options.model ?? 'rma';
  const predictor = options.predictor ?? 'sei';
  const k = model.yi.length;
  if (k < 3) throw new MetasiftError('TOO_FEW_STUDIES', 'a regression test for funnel plot asymmetry needs at least 3 studies');
  const column = predictorColumn(model.vi, predictor);
  const mods = { names: [predictor], columns: [column] };
  const singular = new MetasiftError('SINGULAR_DESIGN', 'a regression test for funnel plot asymmetry needs studies of different precision');
  if (kind === 'rma') {
    let fit: RmaResult;
    try {
      fit = rma({ yi: model.yi, vi: model.vi, method: model.method, test: model.test, level: model.level, mods });
    } catch (e) {
      if (e instanceof MetasiftError && e.code === 'SINGULAR_DESIGN') throw singular;
      throw e;
    }
    const [b0, b1] = [fit.coefficients[0]!, fit.coefficients[1]!];
    return {
      model: kind,
      predictor,
      statistic: b1.statistic,
      pval: b1.pval,
      df: fit.df,
      slope: b1.estimate,
      limit: { estimate: b0.estimate, se: b0.se, pval: b0.pval, ci_lower: b0.ci_lower, ci_upper: b0.ci_upper },
    };
  }
  const fit = wls(model.yi, designWithIntercept(k, mods), inverseVarianceWeights(model.vi, 0));
  if (fit === undefined) throw singular;
  const df = k - 2;
  // weighted regression with multiplicative dispersion: the residual variance estimated on k − 2 df
  const dispersion = fit.yPy / df;
  const se = (j: number): number => Math.sqrt(dispersion * fit.xtwxInv[j]![j]!);
  const statistic = fit.b[1]! / se(1);
  const crit = criticalValue(model.level, df);
  const [b0, se0] = [fit.b[0]!, se(0)];
  return {
    model: kind,
    predictor,
    statistic,
    pval: ptTwoSided(statistic, df),
    df,
    slope: fit.b[1]!,
    limit: { estimate: b0, se: se0, pval: ptTwoSided(b0 / se0, df), ci_lower: b0 - crit * se0, ci_upper: b0 + crit * se0 },
  };
}

export interface PetPeese {
  readonly pet: LimitEstimate;
  readonly peese: LimitEstimate;
  /** The conditional estimator: PEESE when PET's limit estimate differs from zero (two-sided p < 0.05), else PET. */
  readonly chosen: 'PET' | 'PEESE';
}

/** PET and PEESE (weighted least squares on the standard error, and on the variance) with Stanley & Doucouliagos's conditional choice. */
export function petPeese(model: RmaResult): PetPeese {
  const pet = regtest(model, { model: 'lm', predictor: 'sei' }).limit;
  const peese = regtest(model, { model: 'lm', predictor: 'vi' }).limit;
  return { pet, peese, chosen: pet.pval < 0.05 ? 'PEESE' : 'PET' };
}
