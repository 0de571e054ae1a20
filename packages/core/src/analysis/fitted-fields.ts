/** The report fields every fitted model gives (rma and the three-level rma.mv), in the JSON contract's names. */
import type { FittedModel } from '../meta/types.js';

export function fittedFields(m: FittedModel & { method: string; test: string }): Record<string, unknown> {
  return {
    method: m.method,
    test: m.test,
    level: m.level,
    k: m.k,
    estimate: m.estimate,
    se: m.se,
    statistic: m.statistic,
    pval: m.pval,
    df: m.df,
    ci_lower: m.ci_lower,
    ci_upper: m.ci_upper,
    pi_lower: m.pi_lower,
    pi_upper: m.pi_upper,
    I2: m.I2,
    Q: m.Q,
    Q_df: m.Q_df,
    Q_pval: m.Q_pval,
    yi: m.yi,
    vi: m.vi,
    weights: m.weights,
  };
}
