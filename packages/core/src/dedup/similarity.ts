/** String similarities for deduplication (0 = nothing in common, 1 = identical). */
import { distance } from 'fastest-levenshtein';

/** 1 − Levenshtein distance / length of the longer string. */
export function editSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - distance(a, b) / n;
}

/** Share of the shorter word list found in the longer (robust to added subtitles and word order). */
export function tokenContainment(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, big] = a.length <= b.length ? [a, b] : [b, a];
  const set = new Set(big);
  let hit = 0;
  for (const w of small) if (set.has(w)) hit++;
  return hit / small.length;
}

/** Title similarity: edit similarity of the normalised titles. */
export function titleSimilarity(a: string, b: string): number {
  return a === b ? 1 : editSimilarity(a, b);
}

/**
 * Containment of the shorter title's words in the longer one, when the shorter has at least six words
 * (a subtitle, a series note or a citation appended to one copy); 0 otherwise.
 */
export function titleContainment(wa: readonly string[], wb: readonly string[]): number {
  return Math.min(wa.length, wb.length) >= 6 ? tokenContainment(wa, wb) : 0;
}

/** Family names agree when equal, nearly equal, or one is the end of the other ("Le Quintrec" / "Quintrec"). */
function sameName(x: string, y: string): number {
  if (x === y) return 1;
  if (Math.min(x.length, y.length) >= 4 && (x.endsWith(y) || y.endsWith(x))) return 1;
  return editSimilarity(x, y);
}

/**
 * Author agreement of two copies, also when one database swapped family and given names ("Andrea, C."
 * for Carignani, Andrea; "Xiaoguang, Wang" for Wang, X.): the best of the two lists' family names
 * compared, and each list's family names compared with the other's written-out given names.
 */
export function authorAgreement(a: { authors: readonly string[]; givenNames: readonly string[] }, b: { authors: readonly string[]; givenNames: readonly string[] }): number {
  const direct = authorSimilarity(a.authors, b.authors);
  if (Number.isNaN(direct) || direct >= 0.9) return direct;
  const swapped = (x: readonly string[], y: readonly string[]): number => (y.length === x.length && y.every(Boolean) ? authorSimilarity(x, y) : 0);
  return Math.max(direct, swapped(a.authors, b.givenNames), swapped(b.authors, a.givenNames));
}

/** Author agreement: first authors' family names and the overlap of all names. */
export function authorSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const first = sameName(a[0]!, b[0]!);
  const bs = b.slice(0, 10);
  const as = a.slice(0, 10);
  const [small, big] = as.length <= bs.length ? [as, bs] : [bs, as];
  const overlap = small.filter((x) => big.some((y) => sameName(x, y) >= 0.9)).length / small.length;
  return Math.max(first >= 0.85 ? 0.5 + 0.5 * overlap : overlap * 0.8, first === 1 && a.length === 1 ? 1 : 0);
}
