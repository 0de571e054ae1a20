/**
 * Multi-arm trials in the analysis (Cochrane Handbook 23.3.4): each comparison of a study becomes a row of
 * its own — "Smith 2020 (video)", "Smith 2020 (telephone)" — with the characteristics that differ from
 * the study's, and a comparator group the comparisons share is split between them, so no participant
 * counts twice in one meta-analysis.
 */
import type { OutcomeResult } from './form.js';
import type { ExtractedStudy } from './table.js';

/** The studies with each multi-arm trial's comparisons as studies of their own (two-arm studies as given). */
export function expandComparisons(studies: readonly ExtractedStudy[]): ExtractedStudy[] {
  return studies.flatMap((s): ExtractedStudy[] => {
    const more = s.data.moreComparisons ?? [];
    if (more.length === 0 || s.study !== undefined) return [s];
    const first: ExtractedStudy = { label: `${s.label} (${s.data.comparisonLabel ?? 'comparison 1'})`, study: s.label, sharesComparator: true, data: { characteristics: s.data.characteristics, outcomes: s.data.outcomes } };
    const others = more.map(
      (c): ExtractedStudy => ({ label: `${s.label} (${c.label})`, study: s.label, sharesComparator: c.sharedComparator, data: { characteristics: { ...s.data.characteristics, ...c.characteristics }, outcomes: c.outcomes } }),
    );
    return [first, ...others];
  });
}

/**
 * Splits `total` into `parts.length` whole numbers in proportion to `parts` (largest remainder, earlier
 * parts first on ties), so they add up to it; `parts` equal when splitting a group's size.
 */
export function splitWhole(total: number, parts: readonly number[]): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  const exact = parts.map((p) => (total * p) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

const same = (a: number | null | undefined, b: number | null | undefined): boolean => (a ?? null) === (b ?? null);

/**
 * One outcome's results with each shared comparator group split between the comparisons that use it: the
 * comparator's participants (and events) divided as evenly as whole numbers allow, its mean and SD kept
 * (Handbook 23.3.4). Returns the split results by row label and the studies split or left whole; what was
 * done, or could not be, goes to `notes`.
 */
export function splitSharedComparators(studies: readonly ExtractedStudy[], outcome: string, notes: string[]): SharedSplit {
  const out = new Map<string, OutcomeResult>();
  const split: string[] = [];
  const unsplit: string[] = [];
  const byStudy = new Map<string, ExtractedStudy[]>();
  for (const s of studies) {
    const r = s.data.outcomes[outcome];
    if (s.study === undefined || !s.sharesComparator || !r || r.kind === 'direction') continue;
    byStudy.set(s.study, [...(byStudy.get(s.study) ?? []), s]);
  }
  for (const [study, rows] of byStudy) {
    if (rows.length < 2) continue;
    const results = rows.map((s) => s.data.outcomes[outcome]!);
    const kind = results[0]!.kind;
    const names = rows.map((s) => s.label).join(', ');
    if (kind === 'estimate' || results.some((r) => r.kind !== kind)) {
      notes.push(
        `${study}: ${names} share a comparator group, but ${outcome} is not given as arm data of one kind for each, so it cannot be split: the analysis counts those participants more than once (a unit-of-analysis error, Cochrane Handbook 23.3.4). Enter arm data, or combine the intervention groups into one comparison.`,
      );
      unsplit.push(study);
      continue;
    }
    const n = results[0]!.values.n2i;
    const events = kind === 'binary' ? results[0]!.values.ci : undefined;
    if (n == null || (kind === 'binary' && events == null)) continue; // missing values: the analysis names the study
    const differs = results.some((r) => !same(r.values.n2i, n) || !same(r.values.ci, results[0]!.values.ci) || !same(r.values.m2i, results[0]!.values.m2i) || !same(r.values.sd2i, results[0]!.values.sd2i));
    if (differs) {
      notes.push(`${study}: ${names} are marked as sharing a comparator group, but its numbers differ between them for ${outcome}; they are not split — check the extraction.`);
      unsplit.push(study);
      continue;
    }
    if (n < rows.length) {
      notes.push(`${study}: the comparator group of ${n} cannot be split between ${rows.length} comparisons for ${outcome}; it is counted in each.`);
      unsplit.push(study);
      continue;
    }
    const sizes = splitWhole(n, rows.map(() => 1));
    const shares = events == null ? null : splitWhole(events, sizes);
    rows.forEach((s, i) => out.set(s.label, { ...results[i]!, values: { ...results[i]!.values, n2i: sizes[i]!, ...(shares && { ci: shares[i]! }) } }));
    split.push(study);
    notes.push(
      `${study}: its ${rows.length} comparisons share one comparator group (n = ${n}${events == null ? '' : `, ${events} events`}), split between them for ${outcome} so no participant counts twice (Cochrane Handbook 23.3.4): n ${sizes.join(', ')}${shares ? `; events ${shares.join(', ')}` : ''}.`,
    );
  }
  return { results: out, split, unsplit };
}

export interface SharedSplit {
  /** The split results, by row label. */
  readonly results: ReadonlyMap<string, OutcomeResult>;
  /** Studies whose shared comparator group was split. */
  readonly split: readonly string[];
  /** Studies whose shared comparator group could not be split (counted more than once). */
  readonly unsplit: readonly string[];
}
