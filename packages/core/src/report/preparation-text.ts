/**
 * PRISMA 2020 item 13b — the methods required to prepare the data for synthesis — written from how each
 * outcome's analysis table was made (extraction/table.ts): estimates taken with their SE from the CI,
 * means and SDs derived from other statistics, results with a direction only, multi-arm trials and
 * their shared comparator groups, results left out for a missing value. Pure: the caller gathers them.
 */
import type { OutcomePreparation } from '../extraction/table.js';
import { listOf, type ReportParagraph } from './selection-text.js';

export interface PreparedOutcome {
  readonly outcome: string;
  readonly preparation: OutcomePreparation;
}

const results = (n: number): string => `${n} ${n === 1 ? 'result' : 'results'}`;

/** "Quality of life: Lee 2019, Ng 2018; Mortality: Ng 2018" — who, per outcome, for one kind of preparation. */
function byOutcome(outcomes: readonly PreparedOutcome[], pick: (p: OutcomePreparation) => readonly string[]): { text: string; n: number } {
  const parts = outcomes.map((o) => ({ outcome: o.outcome, who: pick(o.preparation) })).filter((x) => x.who.length > 0);
  return { text: parts.map((x) => `${x.outcome}: ${x.who.join(', ')}`).join('; '), n: parts.reduce((sum, x) => sum + x.who.length, 0) };
}

/** The paragraph for item 13b from the outcomes with a final result (null for none). */
export function preparationText(outcomes: readonly PreparedOutcome[]): ReportParagraph | null {
  if (outcomes.length === 0) return null;
  const p = outcomes.map((o) => o.preparation);
  const out: string[] = [];
  const estimates = byOutcome(outcomes, (x) => x.estimates);
  if (estimates.n) {
    const mixed = outcomes.filter((o) => o.preparation.mixed).map((o) => o.outcome);
    out.push(
      `${results(estimates.n)} reported only as an effect estimate with its 95% confidence interval (${estimates.text}) ${estimates.n === 1 ? 'was' : 'were'} analysed with the standard error derived from the interval, SE = (upper − lower)/3.92, on the log scale for ratio measures (Cochrane Handbook 6.3.1)${mixed.length ? `; for ${listOf(mixed)}, which mixed such estimates with arm data, every study's effect and sampling variance were computed first (as metafor's escalc does) and pooled from them` : ''}.`,
    );
  }
  const derived = byOutcome(outcomes, (x) => x.derived);
  if (derived.n)
    out.push(
      `Means and standard deviations not reported as such were derived from the statistics reported (${derived.text}): from a standard error or a confidence interval of the mean (Cochrane Handbook 6.5.2.2), from the median with the interquartile range or range (Luo et al. 2018; Wan et al. 2014; Shi et al. 2020), or by combining two groups into one (Cochrane Handbook 6.5.2.10), as each result's extraction note records.`,
    );
  const direction = byOutcome(outcomes, (x) => x.directionOnly);
  if (direction.n)
    out.push(
      `${results(direction.n)} without numbers usable for an effect size (${direction.text}) ${direction.n === 1 ? 'was' : 'were'} recorded by the direction of effect the report gives and counted in the vote counting by direction of effect (SWiM), not in the meta-analyses.`,
    );
  const trials = [...new Map(p.flatMap((x) => x.multiArm).map((m) => [m.study, m.comparisons])).entries()];
  if (trials.length) {
    const unsplit = byOutcome(outcomes, (x) => x.unsplit);
    out.push(
      `Multi-arm trials (${trials.map(([study, n]) => `${study}, ${n} comparisons`).join('; ')}) contributed one comparison per intervention arm, each with its own characteristics (so each falls in its own subgroup); ${p.some((x) => x.split.length > 0) ? 'a comparator group shared by the comparisons was split between them as evenly as whole numbers allow, so that no participant was counted twice (Cochrane Handbook 23.3.4)' : 'no comparator group was shared between comparisons'}.${unsplit.n ? ` The shared comparator group could not be split for ${unsplit.text}, whose participants are counted more than once (a unit-of-analysis error).` : ''}`,
    );
  }
  const incomplete = byOutcome(outcomes, (x) => x.incomplete);
  if (incomplete.n) out.push(`Results missing a value that the outcome's effect measure needs were left out of its meta-analysis (${incomplete.text}).`);
  if (out.length === 0) out.push('Every result was extracted as means, standard deviations and numbers per arm, or as events per arm, and used as reported: no conversion was needed.');
  return { item: '13b', heading: 'Data preparation', text: out.join(' ') };
}
