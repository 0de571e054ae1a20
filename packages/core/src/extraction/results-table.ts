/**
 * The results of individual studies, one table per outcome (PRISMA 2020 item 19; SWiM item 7, structured
 * tabulation): every study with a final result for the outcome — whether or not it can be pooled — with
 * its design, participants, time point and instrument, the result as the report gives it, the effect and
 * its 95% CI on the protocol's measure where the numbers give one (as metafor's escalc computes it, shown
 * on the reader's scale: RR, not log RR), the direction of effect, and the outcome's risk of bias.
 */
import { isMeasureCode } from '../effects/registry.js';
import { measureReader, proseNumber } from '../report/meta-text.js';
import { qnorm } from '../stats/distributions.js';
import { directionOf, type OutcomeDirectionSpec } from './direction.js';
import type { Direction } from '../figures/effect-direction.js';
import type { OutcomeResult } from './form.js';
import { effectOf, type ExtractedStudy } from './table.js';
import { expandComparisons } from './comparisons.js';

export interface ResultsTable {
  readonly outcome: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const DIRECTION_TEXT: Readonly<Record<Direction, string>> = { benefit: '▲ favours the intervention', harm: '▼ favours the comparator', mixed: '◄► no difference' };

/** A number as extracted (the report's own digits), or a dash where it is missing. */
const num = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : String(v));

/** The result in the report's own terms: means (SD) per arm, events per arm, the estimate with its CI, or what a direction-only report says. */
function asReported(r: OutcomeResult): string {
  const v = r.values;
  const n = (x: number | null | undefined): string => (x == null ? '' : `, n = ${x}`);
  if (r.kind === 'continuous') return `${num(v.m1i)} (${num(v.sd1i)})${n(v.n1i)} vs ${num(v.m2i)} (${num(v.sd2i)})${n(v.n2i)}`;
  if (r.kind === 'binary') return `${v.ai ?? '–'}/${v.n1i ?? '–'} vs ${v.ci ?? '–'}/${v.n2i ?? '–'}`;
  if (r.kind === 'estimate') return `${num(v.estimate)} (${num(v.ci_lower)} to ${num(v.ci_upper)})`;
  return r.note || 'direction only';
}

/**
 * One table per outcome, studies in the order given (a multi-arm trial's comparisons each a row, as reported). `robOf(outcome)` gives each study's overall risk of
 * bias for that outcome in its tool's words, by label (its result's own where judged apart; see
 * robOverallTextFor); without it the column is left out.
 */
export function resultsTables(studies: readonly ExtractedStudy[], outcomes: readonly OutcomeDirectionSpec[], robOf?: (outcome: string) => ReadonlyMap<string, string>): ResultsTable[] {
  const z = qnorm(0.975);
  return outcomes.map((o) => {
    const measure = isMeasureCode(o.measure) ? o.measure : null;
    const reader = measure && measureReader(measure);
    const rob = robOf?.(o.name);
    const effect = (r: OutcomeResult, label: string): string => {
      if (!measure || !reader || r.kind === 'direction') return 'not estimable';
      const e = effectOf(r, measure, label, []);
      if (!e || !Number.isFinite(e.yi) || !Number.isFinite(e.vi)) return 'not estimable';
      // a reported estimate keeps its own interval (recomputed from the SE it would shift in the last digit)
      const v = r.values;
      if (r.kind === 'estimate') return `${proseNumber(v.estimate!)} (${proseNumber(v.ci_lower!)} to ${proseNumber(v.ci_upper!)})`;
      const half = z * Math.sqrt(e.vi);
      return `${proseNumber(reader.back(e.yi))} (${proseNumber(reader.back(e.yi - half))} to ${proseNumber(reader.back(e.yi + half))})`;
    };
    const rows = expandComparisons(studies).flatMap((s) => {
      const r = s.data.outcomes[o.name];
      if (!r) return [];
      const n = (r.values.n1i ?? 0) + (r.values.n2i ?? 0);
      const direction = directionOf(r, o, s.label, []);
      const judged = rob?.get(s.study ?? s.label);
      return [
        [
          s.label,
          s.data.characteristics['design'] ?? '',
          n > 0 ? String(n) : '',
          r.timepoint,
          r.instrument,
          asReported(r),
          effect(r, s.label),
          direction ? DIRECTION_TEXT[direction] : '',
          ...(rob ? [judged ?? 'not assessed'] : []),
        ],
      ];
    });
    const columns = ['Study', 'Design', 'Participants', 'Time point', 'Instrument', 'Result as reported', `${reader ? reader.label : o.measure} (95% CI)`, 'Direction', ...(rob ? ['Risk of bias'] : [])];
    return { outcome: o.name, columns, rows };
  });
}
