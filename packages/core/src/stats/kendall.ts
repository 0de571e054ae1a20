/**
 * Kendall's rank correlation test as R's cor.test(x, y, method = "kendall", exact = TRUE) gives it:
 * τ-b; without ties (and up to KENDALL_EXACT_LIMIT pairs), the exact two-sided p-value from the
 * distribution of the number of concordant pairs (the permutations counted by their inversions);
 * otherwise the normal approximation with the tie-corrected variance of S and no continuity correction. No maintained npm package offers the exact
 * distribution, so it is computed here (O(n³) at worst: instant for any meta-analysis).
 */
import { pnorm } from './distributions.js';

export interface KendallTest {
  readonly tau: number;
  /** T (concordant pairs) for the exact test, z for the approximation. */
  readonly statistic: number;
  readonly pval: number;
  readonly exact: boolean;
}

/** Sizes of the groups of equal values (each of 2 or more). */
function tieGroups(v: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const x of v) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.values()].filter((c) => c > 1);
}

/** P(T ≤ q) for T the number of concordant pairs of n untied pairs under independence. */
export function pKendall(q: number, n: number): number {
  const max = (n * (n - 1)) / 2;
  if (q < 0) return 0;
  if (q >= max) return 1;
  // probabilities of k inversions among permutations of m items, built up m = 1 … n with running sums
  let f = new Float64Array(max + 1);
  f[0] = 1;
  for (let m = 2; m <= n; m++) {
    const top = (m * (m - 1)) / 2;
    const next = new Float64Array(max + 1);
    let window = 0;
    for (let k = 0; k <= top; k++) {
      window += f[k]!;
      if (k - m >= 0) window -= f[k - m]!;
      next[k] = window / m;
    }
    f = next;
  }
  let p = 0;
  for (let k = 0; k <= q; k++) p += f[k]!;
  return Math.min(1, p);
}

/**
 * Above this many pairs the exact distribution (O(n³): 1.3 s at n = 1,000, where R takes minutes) gives
 * way to the normal approximation, which is then within a few parts in a thousand of it.
 */
export const KENDALL_EXACT_LIMIT = 300;

export function kendallTest(x: readonly number[], y: readonly number[]): KendallTest {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const a = Math.sign(x[i]! - x[j]!) * Math.sign(y[i]! - y[j]!);
      s += a;
    }
  const xt = tieGroups(x);
  const yt = tieGroups(y);
  const t0 = (n * (n - 1)) / 2;
  const sum = (g: number[], f: (t: number) => number): number => g.reduce((acc, t) => acc + f(t), 0);
  const t1 = sum(xt, (t) => (t * (t - 1)) / 2);
  const t2 = sum(yt, (t) => (t * (t - 1)) / 2);
  const tau = s / Math.sqrt((t0 - t1) * (t0 - t2));
  if (xt.length === 0 && yt.length === 0 && n <= KENDALL_EXACT_LIMIT) {
    const q = Math.round(((tau + 1) * n * (n - 1)) / 4);
    // the upper tail by symmetry, P(T ≥ q) = P(T ≤ M − q): as R's 1 − P(T ≤ q − 1), without the cancellation
    const p = q > (n * (n - 1)) / 4 ? pKendall(t0 - q, n) : pKendall(q, n);
    return { tau, statistic: q, pval: Math.min(2 * p, 1), exact: true };
  }
  const v0 = n * (n - 1) * (2 * n + 5);
  const vt = sum(xt, (t) => t * (t - 1) * (2 * t + 5));
  const vu = sum(yt, (t) => t * (t - 1) * (2 * t + 5));
  const v1 = sum(xt, (t) => t * (t - 1)) * sum(yt, (t) => t * (t - 1));
  const v2 = sum(xt, (t) => t * (t - 1) * (t - 2)) * sum(yt, (t) => t * (t - 1) * (t - 2));
  const varS = (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2));
  const z = s / Math.sqrt(varS);
  return { tau, statistic: z, pval: 2 * Math.min(pnorm(z), pnorm(-z)), exact: false };
}
