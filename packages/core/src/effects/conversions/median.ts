/**
 * Mean and SD from medians with quartiles and/or ranges, assuming approximately normal data:
 * - SD: Wan, Wang, Liu & Tong (2014), BMC Med Res Methodol 14:135 — equations for the range (S1),
 *   range and IQR (S2), and IQR (S3), with Blom's approximation of the expected order statistics;
 * - SD from all five numbers: Shi, Luo, Wan et al. (2020), Res Synth Methods 11:641 — optimal weight
 *   w = 1/(1 + 0.07 n^0.6) between the range- and IQR-based estimators;
 * - mean: Luo, Wan, Liu & Tong (2018), Stat Methods Med Res 27:1785 — optimally weighted estimators.
 * Scenario names follow Wan et al.: S1 = {min, median, max}, S2 = {min, q1, median, q3, max}, S3 = {q1, median, q3}.
 */
import { MetasiftError } from '../../errors.js';
import { qnorm } from '../../stats/distributions.js';

export interface FiveNumbers {
  readonly n: number;
  readonly min?: number;
  readonly q1?: number;
  readonly median: number;
  readonly q3?: number;
  readonly max?: number;
}

export type Scenario = 'S1' | 'S2' | 'S3';

/** Expected range of n standard normal draws, Blom approximation: 2Φ⁻¹((n − 0.375)/(n + 0.25)). */
export function xi(n: number): number {
  return 2 * qnorm((n - 0.375) / (n + 0.25));
}

/** Expected interquartile range of n standard normal draws: 2Φ⁻¹((0.75n − 0.125)/(n + 0.25)). */
export function eta(n: number): number {
  return 2 * qnorm((0.75 * n - 0.125) / (n + 0.25));
}

/** Which of Wan's scenarios the given numbers support (five numbers → S2). */
export function scenarioOf(x: FiveNumbers): Scenario {
  const range = x.min !== undefined && x.max !== undefined;
  const iqr = x.q1 !== undefined && x.q3 !== undefined;
  if (range && iqr) return 'S2';
  if (range) return 'S1';
  if (iqr) return 'S3';
  throw new MetasiftError('MISSING_VALUE', 'need min and max, q1 and q3, or all of them besides the median', { field: 'q1' });
}

function check(x: FiveNumbers): void {
  if (!(x.n >= 2) || !Number.isFinite(x.n)) throw new MetasiftError('INVALID_VALUE', `n must be at least 2, got ${x.n}`, { field: 'n' });
  const ordered = [x.min, x.q1, x.median, x.q3, x.max].filter((v): v is number => v !== undefined);
  for (let i = 1; i < ordered.length; i++)
    if (ordered[i]! < ordered[i - 1]!) throw new MetasiftError('INVALID_VALUE', 'values must satisfy min ≤ q1 ≤ median ≤ q3 ≤ max', { field: 'median' });
}

/** Estimated mean (Luo et al. 2018). */
export function meanFromMedian(x: FiveNumbers): number {
  check(x);
  const n = x.n;
  switch (scenarioOf(x)) {
    case 'S1': {
      const w = 4 / (4 + n ** 0.75);
      return (w * (x.min! + x.max!)) / 2 + (1 - w) * x.median;
    }
    case 'S2': {
      const w1 = 2.2 / (2.2 + n ** 0.75);
      const w2 = 0.7 - 0.72 / n ** 0.55;
      return (w1 * (x.min! + x.max!)) / 2 + (w2 * (x.q1! + x.q3!)) / 2 + (1 - w1 - w2) * x.median;
    }
    case 'S3': {
      const w = 0.7 + 0.39 / n;
      return (w * (x.q1! + x.q3!)) / 2 + (1 - w) * x.median;
    }
  }
}

/** Estimated SD: Wan et al. (2014) for S1 and S3; for S2 Shi et al. (2020) by default, or Wan's with method 'wan'. */
export function sdFromMedian(x: FiveNumbers, method: 'shi' | 'wan' = 'shi'): number {
  check(x);
  const n = x.n;
  switch (scenarioOf(x)) {
    case 'S1':
      return (x.max! - x.min!) / xi(n);
    case 'S3':
      return (x.q3! - x.q1!) / eta(n);
    case 'S2': {
      const byRange = (x.max! - x.min!) / xi(n);
      const byIqr = (x.q3! - x.q1!) / eta(n);
      if (method === 'wan') return (byRange + byIqr) / 2;
      const w = 1 / (1 + 0.07 * n ** 0.6);
      return w * byRange + (1 - w) * byIqr;
    }
  }
}
