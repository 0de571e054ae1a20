/**
 * Standard deviations from standard errors and confidence intervals of a group mean
 * (Cochrane Handbook for Systematic Reviews of Interventions, section 6.5.2.2).
 */
import { MetasiftError } from '../../errors.js';
import { qnorm, qt } from '../../stats/distributions.js';

function positiveN(n: number, field = 'n'): void {
  if (!(n > 0) || !Number.isFinite(n)) throw new MetasiftError('INVALID_VALUE', `${field} must be a positive number, got ${n}`, { field });
}

/** SD = SE × √n. */
export function sdFromSe(se: number, n: number): number {
  positiveN(n);
  if (!(se >= 0)) throw new MetasiftError('INVALID_VALUE', `se must be zero or more, got ${se}`, { field: 'se' });
  return se * Math.sqrt(n);
}

export interface CiOptions {
  /** Confidence level in percent (default 95). */
  readonly level?: number;
  /**
   * Which distribution the interval was built on: 't' (n − 1 df), 'z', or 'auto' — t below 60 participants,
   * as the Handbook advises for small groups (default).
   */
  readonly distribution?: 't' | 'z' | 'auto';
}

/** Half-width divisor: 2 × the critical value (3.92 for a large-sample 95% CI; 4.128 for t with n = 25). */
export function ciDivisor(n: number, options: CiOptions = {}): number {
  const level = options.level ?? 95;
  if (!(level > 0 && level < 100)) throw new MetasiftError('INVALID_LEVEL', `level must lie between 0 and 100, got ${level}`, { field: 'level' });
  const dist = options.distribution ?? 'auto';
  const p = 1 - (1 - level / 100) / 2;
  const useT = dist === 't' || (dist === 'auto' && n < 60);
  return 2 * (useT ? qt(p, n - 1) : qnorm(p));
}

/** SD = √n × (upper − lower) / divisor. */
export function sdFromCi(lower: number, upper: number, n: number, options: CiOptions = {}): number {
  positiveN(n);
  if (!(upper >= lower)) throw new MetasiftError('INVALID_VALUE', `upper limit ${upper} is below lower limit ${lower}`, { field: 'upper' });
  return (Math.sqrt(n) * (upper - lower)) / ciDivisor(n, options);
}

/**
 * Within-group SD from a confidence interval of a difference in means between two independent groups
 * (Handbook 6.5.2.3): SE = (upper − lower)/(2·t_{n1+n2−2}) and SD = SE / √(1/n1 + 1/n2).
 * Large groups may use z instead (distribution 'z').
 */
export function sdFromMeanDifferenceCi(lower: number, upper: number, n1: number, n2: number, options: CiOptions = {}): number {
  positiveN(n1, 'n1');
  positiveN(n2, 'n2');
  if (!(upper >= lower)) throw new MetasiftError('INVALID_VALUE', `upper limit ${upper} is below lower limit ${lower}`, { field: 'upper' });
  const level = options.level ?? 95;
  const p = 1 - (1 - level / 100) / 2;
  const dist = options.distribution ?? 'auto';
  const useT = dist === 't' || (dist === 'auto' && n1 + n2 < 120);
  const se = (upper - lower) / (2 * (useT ? qt(p, n1 + n2 - 2) : qnorm(p)));
  return se / Math.sqrt(1 / n1 + 1 / n2);
}

/**
 * Within-group SD from a mean difference and the two-sided p-value of a t-test (Handbook 6.5.2.3):
 * t = t⁻¹(1 − p/2; n1 + n2 − 2), SE = |MD|/t, SD = SE / √(1/n1 + 1/n2).
 */
export function sdFromMeanDifferenceP(md: number, p: number, n1: number, n2: number): number {
  positiveN(n1, 'n1');
  positiveN(n2, 'n2');
  if (!(p > 0 && p < 1)) throw new MetasiftError('INVALID_VALUE', `p must lie strictly between 0 and 1, got ${p}`, { field: 'p' });
  const t = qt(1 - p / 2, n1 + n2 - 2);
  return Math.abs(md) / t / Math.sqrt(1 / n1 + 1 / n2);
}
