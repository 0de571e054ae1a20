/**
 * Two reviewers' extractions of one study side by side: every field where they differ (a value one left
 * empty counts), and how many of the fields either filled they agree on — what the consensus settles.
 */
import { CHARACTERISTICS, FAVOURS, OUTCOME_FIELDS, type CharacteristicDef, type ExtractionData, type OutcomeResult } from './form.js';

export interface Difference {
  /** e.g. "characteristics.country", "outcomes.Quality of life.values.sd1i", "outcomes.Pain" (reported by one only, or another kind). */
  readonly path: string;
  /** For people: "Country", "Quality of life: SD, comparator". */
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** The outcome the field belongs to (absent for a characteristic). */
  readonly outcome?: string;
  /** The characteristic's id, the value's field (m1i …), "timepoint", "instrument", "note", "favours" (a direction only), or "kind" for the whole result. */
  readonly key: string;
  /** Shown for the consensus to draw on but needing no settling, and not counted (a risk-of-bias judgement's support). */
  readonly informational?: true;
}

/** Whether two entries need settling: a counted difference remains. */
export const needsSettling = (c: FieldComparison): boolean => c.differences.some((d) => !d.informational);

export interface FieldComparison {
  readonly differences: readonly Difference[];
  /** Fields filled by at least one of the two. */
  readonly compared: number;
  /** Of those, the ones both filled alike. */
  readonly agreed: number;
}

export const norm = (s: string | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
const show = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const OUTCOME_TEXTS = [
  ['timepoint', 'time point'],
  ['instrument', 'instrument'],
  ['note', 'note'],
] as const;

/**
 * Counts fields as two entries are walked side by side: `field` compares one (two empty values are not
 * counted), `whole` records a part one entry has and the other lacks or has of another kind.
 */
export function fieldTally() {
  const differences: Difference[] = [];
  let compared = 0;
  return {
    field(path: string, label: string, x: string, y: string, key: string, outcome?: string): void {
      if (x === '' && y === '') return;
      compared++;
      if (x !== y) differences.push({ path, label, a: x, b: y, key, ...(outcome !== undefined && { outcome }) });
    },
    whole(d: Difference): void {
      compared++;
      differences.push(d);
    },
    /** A difference shown but not counted and needing no settling. */
    note(path: string, label: string, x: string, y: string, key: string, outcome?: string): void {
      if (x !== y) differences.push({ path, label, a: x, b: y, key, ...(outcome !== undefined && { outcome }), informational: true });
    },
    result: (): FieldComparison => ({ differences, compared, agreed: compared - differences.filter((d) => !d.informational).length }),
  };
}

/** Where two extractions differ, in form order (the review's characteristics, the built-in ones unless given). */
export function compareExtractions(a: ExtractionData, b: ExtractionData, outcomeOrder: readonly string[] = [], characteristicDefs: readonly CharacteristicDef[] = CHARACTERISTICS): FieldComparison {
  const tally = fieldTally();
  const field = tally.field;
  for (const c of characteristicDefs) field(`characteristics.${c.id}`, c.label, norm(a.characteristics[c.id]), norm(b.characteristics[c.id]), c.id);
  const names = [...new Set([...outcomeOrder, ...Object.keys(a.outcomes), ...Object.keys(b.outcomes)])];
  for (const name of names) {
    const x = a.outcomes[name];
    const y = b.outcomes[name];
    if (!x && !y) continue;
    if (!x || !y || x.kind !== y.kind) {
      tally.whole({ path: `outcomes.${name}`, label: `${name}: how the result is reported`, a: describe(x), b: describe(y), outcome: name, key: 'kind' });
      continue;
    }
    if (x.kind === 'direction') field(`outcomes.${name}.favours`, `${name}: Direction`, x.favours ? FAVOURS[x.favours] : '', y.favours ? FAVOURS[y.favours] : '', 'favours', name);
    for (const f of OUTCOME_FIELDS[x.kind]) field(`outcomes.${name}.values.${f.id}`, `${name}: ${f.label}`, show(x.values[f.id]), show(y.values[f.id]), f.id, name);
    for (const [key, label] of OUTCOME_TEXTS) field(`outcomes.${name}.${key}`, `${name}: ${label}`, norm(x[key]), norm(y[key]), key, name);
  }
  return tally.result();
}

const describe = (r: OutcomeResult | undefined): string => (r ? r.kind : 'not reported');
