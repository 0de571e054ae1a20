/**
 * Fail-safe N as metafor's fsn(): how many unpublished studies averaging a null result would bring the
 * combined result to non-significance. Rosenthal's (1979) version combines the studies' z values by
 * Stouffer's method (one-sided); Rosenberg's (2005) uses the inverse-variance weighted mean effect (two-sided).
 */
import { MetasiftError } from '../errors.js';
import { pnorm, pnormTwoSided, qnorm } from '../stats/distributions.js';

export interface FailSafeN {
  readonly type: 'Rosenthal' | 'Rosenberg';
  /** The fail-safe N, a whole number as metafor rounds it. */
  readonly fsnum: number;
  /** The observed significance level of the combined result. */
  readonly pval: number;
  readonly alpha: number;
  /** Rosenberg only: the weighted mean effect. */
  readonly meanes?: number;
}

/** metafor rounds up, except values already whole to within √ε. */
function wholeNumber(x: number): number {
  return Math.abs(x - Math.round(x)) >= Math.sqrt(Number.EPSILON) ? Math.ceil(x) : Math.round(x);
}

function check(yi: readonly number[], vi: readonly number[]): void {
  if (yi.length === 0 || yi.length !== vi.length) throw new MetasiftError('NO_STUDIES', 'fail-safe N needs the effects and variances of at least one study');
}

/** Rosenthal's fail-safe N (Stouffer's method, one-sided α). */
export function fsnRosenthal(yi: readonly number[], vi: readonly number[], alpha = 0.05): FailSafeN {
  check(yi, vi);
  const k = yi.length;
  const zAvg = Math.abs(yi.reduce((s, y, i) => s + y / Math.sqrt(vi[i]!), 0) / Math.sqrt(k));
  const fsnum = Math.max(0, k * (zAvg / qnorm(1 - alpha)) ** 2 - k);
  return { type: 'Rosenthal', fsnum: wholeNumber(fsnum), pval: pnorm(-zAvg), alpha };
}

/** Rosenberg's fail-safe N (the fixed-effect weighted mean, two-sided α). */
export function fsnRosenberg(yi: readonly number[], vi: readonly number[], alpha = 0.05): FailSafeN {
  check(yi, vi);
  const k = yi.length;
  let sw = 0;
  let swy = 0;
  yi.forEach((y, i) => {
    sw += 1 / vi[i]!;
    swy += y / vi[i]!;
  });
  const meanes = swy / sw;
  const wp = (swy / qnorm(1 - alpha / 2)) ** 2 - sw;
  return { type: 'Rosenberg', fsnum: wholeNumber(Math.max(0, (k * wp) / sw)), pval: pnormTwoSided(meanes * Math.sqrt(sw)), alpha, meanes };
}
