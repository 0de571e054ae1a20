/**
 * Agreement between two screeners: Cohen's kappa with its large-sample standard error (Fleiss, Cohen
 * and Everitt 1969, as R's psych::cohen.kappa computes it; the 95% interval held to [−1, 1]), percent agreement and PABAK (the
 * prevalence- and bias-adjusted kappa of Byrt, Bishop and Carlin 1993, (k·Po − 1)/(k − 1)).
 */
import { MetasiftError } from '../errors.js';

export interface Agreement {
  /** Items both screeners rated. */
  n: number;
  /** Proportion of items with the same rating. */
  agreement: number;
  /** Agreement expected by chance from each screener's margins. */
  expected: number;
  kappa: number;
  se: number;
  ci: [number, number];
  pabak: number;
}

const Z975 = 1.959963984540054;

/**
 * Kappa for paired ratings. `categories` fixes the set of possible ratings (PABAK depends on how many
 * there are); by default it is the ratings seen.
 * @throws MetasiftError INVALID_INPUT when the arrays differ in length, are empty, or hold a rating outside `categories`
 */
export function cohenKappa<T>(a: readonly T[], b: readonly T[], categories?: readonly T[]): Agreement {
  if (a.length !== b.length) throw new MetasiftError('INVALID_INPUT', `ratings: ${a.length} against ${b.length}; kappa needs pairs`);
  if (a.length === 0) throw new MetasiftError('INVALID_INPUT', 'ratings: no item rated by both screeners');
  const cats = categories ? [...categories] : [...new Set([...a, ...b])];
  const index = new Map(cats.map((c, i) => [c, i]));
  const k = cats.length;
  const p: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const r = index.get(a[i]!);
    const c = index.get(b[i]!);
    if (r === undefined || c === undefined) throw new MetasiftError('INVALID_INPUT', `ratings: item ${i + 1} has a rating outside the categories`);
    p[r]![c]! += 1 / n;
  }
  const row = p.map((r) => r.reduce((s, x) => s + x, 0));
  const col = cats.map((_, j) => p.reduce((s, r) => s + r[j]!, 0));
  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++) {
    po += p[i]![i]!;
    pe += row[i]! * col[i]!;
  }
  const pabak = k > 1 ? (k * po - 1) / (k - 1) : 1;
  if (pe >= 1) {
    // both screeners used one and the same category throughout: kappa is undefined (0/0); report perfect agreement
    return { n, agreement: po, expected: pe, kappa: NaN, se: NaN, ci: [NaN, NaN], pabak };
  }
  const kappa = (po - pe) / (1 - pe);
  let v = 0;
  for (let i = 0; i < k; i++) {
    v += p[i]![i]! * (1 - (row[i]! + col[i]!) * (1 - kappa)) ** 2;
    for (let j = 0; j < k; j++) if (i !== j) v += (1 - kappa) ** 2 * p[i]![j]! * (col[i]! + row[j]!) ** 2;
  }
  v -= (kappa - pe * (1 - kappa)) ** 2;
  const se = Math.sqrt(Math.max(v, 0) / (n * (1 - pe) ** 2));
  // kappa lies in [−1, 1]; with few items near perfect agreement the Wald interval would pass 1 (psych prints
  // such bounds as they are), so each bound is held to that range
  return { n, agreement: po, expected: pe, kappa, se, ci: [Math.max(-1, kappa - Z975 * se), Math.min(1, kappa + Z975 * se)], pabak };
}
