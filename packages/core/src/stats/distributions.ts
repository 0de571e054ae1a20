/**
 * Probability distributions used by the models, taken from @stdlib (well-tested ports of the
 * Cephes / Boost algorithms) rather than written by hand. Upper tails are computed directly from the
 * regularized incomplete gamma/beta functions so that tiny p-values (1e-30) keep full relative precision,
 * as R's `lower.tail = FALSE` does.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import chisqQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import gammainc from '@stdlib/math-base-special-gammainc';
import betainc from '@stdlib/math-base-special-betainc';
import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';

/** Standard normal CDF, Φ(x). */
export function pnorm(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Standard normal quantile, Φ⁻¹(p). */
export function qnorm(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** Two-sided p-value of a standard normal statistic: 2·Φ(−|z|). */
export function pnormTwoSided(z: number): number {
  return Number.isNaN(z) ? NaN : 2 * normalCdf(-Math.abs(z), 0, 1);
}

/** Student t CDF with `df` degrees of freedom. */
export function pt(x: number, df: number): number {
  return tCdf(x, df);
}

/** Student t quantile with `df` degrees of freedom. */
export function qt(p: number, df: number): number {
  return tQuantile(p, df);
}

/** Two-sided p-value of a t statistic: 2·P(T > |t|). */
export function ptTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  return 2 * tCdf(-Math.abs(t), df);
}

/** Upper tail of the χ² distribution, P(X > x), as R's pchisq(x, df, lower.tail = FALSE). */
export function pchisqUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** χ² quantile, as R's qchisq(p, df). */
export function qchisq(p: number, df: number): number {
  return chisqQuantile(p, df);
}

/** Upper tail of the F distribution, P(X > x), as R's pf(x, df1, df2, lower.tail = FALSE). */
export function pfUpper(x: number, df1: number, df2: number): number {
  if (Number.isNaN(x) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (x <= 0) return 1;
  // P(F > x) = I_{df2/(df2 + df1·x)}(df2/2, df1/2)
  return betainc(df2 / (df2 + df1 * x), df2 / 2, df1 / 2, true, false);
}

/** Critical value for a two-sided interval at `level` percent: z, or t with `df` when given. */
export function criticalValue(level: number, df?: number): number {
  const p = 1 - (1 - level / 100) / 2;
  return df === undefined ? qnorm(p) : qt(p, df);
}

/**
 * Exact two-sided sign test: of n results with a direction, k point one way; p = P(as far from n/2 or
 * farther) under p = 1/2 (R's binom.test(k, n)$p.value). 1 when n is 0.
 */
export function signTest(k: number, n: number): number {
  if (n === 0) return 1;
  const tail = binomialCdf(Math.min(k, n - k), n, 0.5);
  return Math.min(1, 2 * tail);
}
