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
  /** A multi-arm trial's other comparison the field belongs to (its index in moreComparisons). */
  readonly comparison?: number;
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
    field(path: string, label: string, x: string, y: string, key: string, outcome?: string, comparison?: number): void {
      if (x === '' && y === '') return;
      compared++;
      if (x !== y) differences.push({ path, label, a: x, b: y, key, ...(outcome !== undefined && { outcome }), ...(comparison !== undefined && { comparison }) });
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

/** Where two extractions differ, in form order (the review's characteristics, the built-in ones unless given; a multi-arm trial's comparisons last). */
export function compareExtractions(a: ExtractionData, b: ExtractionData, outcomeOrder: readonly string[] = [], characteristicDefs: readonly CharacteristicDef[] = CHARACTERISTICS): FieldComparison {
  const tally = fieldTally();
  for (const c of characteristicDefs) tally.field(`characteristics.${c.id}`, c.label, norm(a.characteristics[c.id]), norm(b.characteristics[c.id]), c.id);
  compareOutcomes(tally, a.outcomes, b.outcomes, outcomeOrder, 'outcomes', '');
  const [ma, mb] = [a.moreComparisons ?? [], b.moreComparisons ?? []];
  if (ma.length || mb.length || a.comparisonLabel || b.comparisonLabel) tally.field('comparisonLabel', 'Comparison 1: label', norm(a.comparisonLabel), norm(b.comparisonLabel), 'comparisonLabel');
  for (let i = 0; i < Math.max(ma.length, mb.length); i++) {
    const [x, y] = [ma[i], mb[i]];
    const at = `moreComparisons.${i}`;
    const name = `Comparison ${i + 2}`;
    if (!x || !y) {
      tally.whole({ path: at, label: `${name}: the comparison`, a: x ? x.label : 'none', b: y ? y.label : 'none', key: 'comparison', comparison: i });
      continue;
    }
    tally.field(`${at}.label`, `${name}: label`, norm(x.label), norm(y.label), 'label', undefined, i);
    tally.field(`${at}.sharedComparator`, `${name}: shares the first comparison's comparator group`, x.sharedComparator ? 'yes' : 'no', y.sharedComparator ? 'yes' : 'no', 'sharedComparator', undefined, i);
    for (const c of characteristicDefs) tally.field(`${at}.characteristics.${c.id}`, `${name}: ${c.label}`, norm(x.characteristics[c.id]), norm(y.characteristics[c.id]), c.id, undefined, i);
    compareOutcomes(tally, x.outcomes, y.outcomes, outcomeOrder, `${at}.outcomes`, `${name}: `, i);
  }
  return tally.result();
}

/** One comparison's results side by side, under `at` (paths) and `prefix` (labels). */
function compareOutcomes(
  tally: ReturnType<typeof fieldTally>,
  a: ExtractionData['outcomes'],
  b: ExtractionData['outcomes'],
  outcomeOrder: readonly string[],
  at: string,
  prefix: string,
  comparison?: number,
): void {
  const field = (path: string, label: string, x: string, y: string, key: string, outcome: string): void => tally.field(path, label, x, y, key, outcome, comparison);
  const names = [...new Set([...outcomeOrder, ...Object.keys(a), ...Object.keys(b)])];
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    if (!x && !y) continue;
    const p = `${at}.${name}`;
    const l = `${prefix}${name}`;
    if (!x || !y || x.kind !== y.kind) {
      tally.whole({ path: p, label: `${l}: how the result is reported`, a: describe(x), b: describe(y), outcome: name, key: 'kind', ...(comparison !== undefined && { comparison }) });
      continue;
    }
    if (x.kind === 'direction') field(`${p}.favours`, `${l}: Direction`, x.favours ? FAVOURS[x.favours] : '', y.favours ? FAVOURS[y.favours] : '', 'favours', name);
    for (const f of OUTCOME_FIELDS[x.kind]) field(`${p}.values.${f.id}`, `${l}: ${f.label}`, show(x.values[f.id]), show(y.values[f.id]), f.id, name);
    for (const [key, label] of OUTCOME_TEXTS) field(`${p}.${key}`, `${l}: ${label}`, norm(x[key]), norm(y[key]), key, name);
  }
}

const describe = (r: OutcomeResult | undefined): string => (r ? r.kind : 'not reported');
