/**
 * Vote counting by direction of effect (SWiM, Campbell et al. 2020) from the studies' final data: for
 * each study and outcome, whether the result favours the intervention given which way is good for the
 * outcome (the protocol's "higher" or "lower"), regardless of its confidence interval — or, for a result
 * reported without usable numbers, the arm the reviewers read it as favouring; the effect
 * direction plot's data (Boon & Thomson 2021, arrows sized by the number of participants) and a sign
 * test per outcome.
 */
import type { Direction, EffectDirectionData } from '../figures/effect-direction.js';
import { isMeasureCode } from '../effects/registry.js';
import { signTest } from '../stats/distributions.js';
import type { Favours, OutcomeResult } from './form.js';
import type { ExtractedStudy } from './table.js';
import { expandComparisons, splitSharedComparators } from './comparisons.js';
import { effectOf } from './table.js';

/** A direction as reported: favouring the intervention is a benefit whichever way the outcome's scale runs. */
const READ: Readonly<Record<Favours, Direction>> = { intervention: 'benefit', comparator: 'harm', neither: 'mixed' };

export interface OutcomeDirectionSpec {
  readonly name: string;
  /** Which way is good for patients. */
  readonly direction: 'higher' | 'lower';
  readonly measure: string;
}

export interface SignTest {
  readonly outcome: string;
  readonly benefit: number;
  readonly harm: number;
  /** Results with no difference (an effect of exactly nothing). */
  readonly none: number;
  /** Exact two-sided sign test of benefit against harm. */
  readonly p: number;
}

export interface EffectDirections {
  readonly plot: EffectDirectionData;
  readonly signTests: readonly SignTest[];
  /** When grouped: each group's sign tests, in the plot's order (SWiM: synthesis within each group). */
  readonly groups?: readonly { readonly group: string; readonly signTests: readonly SignTest[] }[];
  /** Results that could not be given a direction. */
  readonly notes: readonly string[];
}

/**
 * One result's direction: the arm a direction-only result favours, else the sign of its effect on the
 * protocol's measure read against the outcome's good direction; null (with a note) when it has none.
 */
export function directionOf(r: OutcomeResult, o: OutcomeDirectionSpec, label: string, notes: string[]): Direction | null {
  if (r.kind === 'direction') {
    if (!r.favours) notes.push(`${label}: ${o.name} is reported as a direction only, but which arm it favours is not yet recorded.`);
    return r.favours ? READ[r.favours] : null;
  }
  if (!isMeasureCode(o.measure)) {
    notes.push(`${label}: ${o.name}'s measure "${o.measure}" in the protocol is not one metasift computes, so its result has no direction here.`);
    return null;
  }
  const e = effectOf(r, o.measure, label, []);
  if (!e || !Number.isFinite(e.yi)) {
    notes.push(`${label}: ${o.name} has no effect to give a direction (values missing, or data that cannot give a ${o.measure}).`);
    return null;
  }
  if (e.yi === 0) return 'mixed';
  return (e.yi > 0) === (o.direction === 'higher') ? 'benefit' : 'harm';
}

/** The group of a study with no value for the grouping characteristic. */
export const NO_GROUP = 'Not reported';

/**
 * Directions per study and outcome, the plot's data and a sign test per outcome; with `groupBy` (a
 * characteristic's id, e.g. "mode"), the studies stand in groups by its value — in order of first
 * appearance, those without a value last — with a sign test per group and outcome beside the overall ones.
 * A multi-arm trial gives a row per comparison, in the group of its own characteristics (video, telephone).
 */
export function effectDirections(studies: readonly ExtractedStudy[], outcomes: readonly OutcomeDirectionSpec[], groupBy?: string): EffectDirections {
  const notes: string[] = [];
  const groupOf = (s: ExtractedStudy): string | undefined => (groupBy === undefined ? undefined : s.data.characteristics[groupBy]?.trim() || NO_GROUP);
  const expanded = expandComparisons(studies);
  // a multi-arm trial's arrows are sized with its shared comparator group split, as the meta-analysis counts it
  const split = outcomes.map((o) => splitSharedComparators(expanded, o.name, []).results);
  const rows = expanded.map((s) => {
    let n: number | undefined;
    const cells = outcomes.map((o, j): Direction | null => {
      const r = s.data.outcomes[o.name];
      if (!r) return null;
      const sized = split[j]!.get(s.label) ?? r;
      const arms = (sized.values.n1i ?? 0) + (sized.values.n2i ?? 0);
      if (arms > 0) n = Math.max(n ?? 0, arms);
      return directionOf(r, o, s.label, notes);
    });
    const group = groupOf(s);
    return { label: s.label, ...(n !== undefined && { n }), ...(group !== undefined && { group }), cells };
  });
  const tests = (of: typeof rows): SignTest[] =>
    outcomes.map((o, j) => {
      const cells = of.map((r) => r.cells[j]);
      const benefit = cells.filter((c) => c === 'benefit').length;
      const harm = cells.filter((c) => c === 'harm').length;
      return { outcome: o.name, benefit, harm, none: cells.filter((c) => c === 'mixed').length, p: signTest(benefit, benefit + harm) };
    });
  const shown = rows.filter((r) => r.cells.some((c) => c !== null));
  if (groupBy === undefined) return { plot: { domains: outcomes.map((o) => o.name), studies: shown }, signTests: tests(rows), notes };
  const order = [...new Set(shown.map((r) => r.group!))].sort((a, b) => Number(a === NO_GROUP) - Number(b === NO_GROUP));
  const grouped = order.flatMap((g) => shown.filter((r) => r.group === g));
  return { plot: { domains: outcomes.map((o) => o.name), studies: grouped }, signTests: tests(rows), groups: order.map((group) => ({ group, signTests: tests(rows.filter((r) => r.group === group)) })), notes };
}
