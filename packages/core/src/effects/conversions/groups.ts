/**
 * Other conversions reviewers need (Cochrane Handbook chapter 6):
 * combining two groups into one (6.5.2.10, Table 6.5.a), the SD of a change from baseline given a
 * correlation (6.5.2.8), and flipping the direction of scales where lower is better (6.5.1.2).
 */
import { MetasiftError } from '../../errors.js';

export interface GroupSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
}

/**
 * Sample size, mean and SD of two groups pooled into one:
 * N = N1 + N2, M = (N1M1 + N2M2)/N,
 * SD = √[((N1 − 1)SD1² + (N2 − 1)SD2² + N1N2/N (M1² + M2² − 2M1M2)) / (N − 1)].
 */
export function combineGroups(a: GroupSummary, b: GroupSummary): GroupSummary {
  for (const [g, name] of [
    [a, 'first'],
    [b, 'second'],
  ] as const) {
    if (!(g.n >= 1)) throw new MetasiftError('INVALID_VALUE', `${name} group: n must be at least 1, got ${g.n}`, { field: 'n' });
    if (!(g.sd >= 0)) throw new MetasiftError('INVALID_VALUE', `${name} group: sd must be zero or more, got ${g.sd}`, { field: 'sd' });
  }
  const n = a.n + b.n;
  const mean = (a.n * a.mean + b.n * b.mean) / n;
  const ss = (a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2 + ((a.n * b.n) / n) * (a.mean ** 2 + b.mean ** 2 - 2 * a.mean * b.mean);
  return { n, mean, sd: Math.sqrt(ss / (n - 1)) };
}

/** Combines any number of groups by folding the two-group formula. */
export function combineAllGroups(groups: readonly GroupSummary[]): GroupSummary {
  if (groups.length === 0) throw new MetasiftError('NO_STUDIES', 'no groups to combine');
  return groups.slice(1).reduce(combineGroups, groups[0]!);
}

/** SD of the change from baseline: √(SD_b² + SD_f² − 2·r·SD_b·SD_f). */
export function changeSd(sdBaseline: number, sdFinal: number, r: number): number {
  if (!(r >= -1 && r <= 1)) throw new MetasiftError('INVALID_VALUE', `correlation must lie in [-1, 1], got ${r}`, { field: 'r' });
  if (!(sdBaseline >= 0 && sdFinal >= 0)) throw new MetasiftError('INVALID_VALUE', 'SDs must be zero or more', { field: 'sd' });
  return Math.sqrt(sdBaseline ** 2 + sdFinal ** 2 - 2 * r * sdBaseline * sdFinal);
}

/** Correlation implied by baseline, final and change SDs (Handbook 6.5.2.8), for imputing it elsewhere. */
export function correlationFromSds(sdBaseline: number, sdFinal: number, sdChange: number): number {
  return (sdBaseline ** 2 + sdFinal ** 2 - sdChange ** 2) / (2 * sdBaseline * sdFinal);
}

/**
 * Puts a scale where lower is better on the same footing as one where higher is better: means are
 * multiplied by −1 (SDs unchanged), so that all studies' effects point the same way (Handbook 6.5.1.2).
 */
export function flipDirection<T extends { readonly mean: number }>(group: T): T {
  return { ...group, mean: -group.mean };
}
