/**
 * The extraction form's state: what the inputs hold (text, so a half-typed number stays as typed), to and
 * from the extraction the API takes, and taking one field from another reviewer's extraction.
 */
import { CHARACTERISTICS, OUTCOME_FIELDS, type CharacteristicDef, type Difference, type ExtractionData, type Favours, type MoreComparison, type OutcomeKind } from '@metasift/core';

export interface OutcomeForm {
  /** '' while the study is not (yet) marked as reporting the outcome. */
  kind: OutcomeKind | '';
  values: Record<string, string>;
  /** A result reported as a direction only: the arm it favours ('' until judged). */
  favours: Favours | '';
  timepoint: string;
  instrument: string;
  note: string;
}

/** Another comparison of a multi-arm trial, as its part of the form holds it. */
export interface ComparisonForm {
  label: string;
  sharedComparator: boolean;
  /** Only the characteristics that differ from the study's. */
  characteristics: Record<string, string>;
  outcomes: Record<string, OutcomeForm>;
}

export interface FormState {
  characteristics: Record<string, string>;
  outcomes: Record<string, OutcomeForm>;
  /** A multi-arm trial: the first comparison's label ('' for a two-arm study). */
  comparisonLabel: string;
  moreComparisons: ComparisonForm[];
}

const EMPTY_OUTCOME: OutcomeForm = { kind: '', values: {}, favours: '', timepoint: '', instrument: '', note: '' };

export function emptyOutcome(): OutcomeForm {
  return { ...EMPTY_OUTCOME, values: {} };
}

function outcomeForm(r: ExtractionData['outcomes'][string] | undefined): OutcomeForm {
  if (!r) return emptyOutcome();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.values)) values[k] = v === null || v === undefined ? '' : String(v);
  return { kind: r.kind, values, favours: r.favours ?? '', timepoint: r.timepoint, instrument: r.instrument, note: r.note };
}

/**
 * The form filled from an extraction (empty for none), with a section for every protocol outcome and the
 * review's characteristics only (a field the protocol no longer has stays in the saved extraction, not on the form).
 */
export function toForm(data: ExtractionData | null, outcomes: readonly string[], characteristics: readonly CharacteristicDef[] = CHARACTERISTICS): FormState {
  const known = (ch: Readonly<Record<string, string>>): Record<string, string> => Object.fromEntries(Object.entries(ch).filter(([id]) => characteristics.some((c) => c.id === id)));
  const results = (of: ExtractionData['outcomes'] | undefined): Record<string, OutcomeForm> => Object.fromEntries(outcomes.map((o) => [o, outcomeForm(of?.[o])]));
  return {
    characteristics: known(data?.characteristics ?? {}),
    outcomes: results(data?.outcomes),
    comparisonLabel: data?.comparisonLabel ?? '',
    moreComparisons: (data?.moreComparisons ?? []).map((c) => comparisonForm(c, known, results)),
  };
}

function comparisonForm(c: MoreComparison, known: (ch: Readonly<Record<string, string>>) => Record<string, string>, results: (of: ExtractionData['outcomes']) => Record<string, OutcomeForm>): ComparisonForm {
  return { label: c.label, sharedComparator: c.sharedComparator, characteristics: known(c.characteristics), outcomes: results(c.outcomes) };
}

/** A new comparison for a multi-arm trial: sharing the first one's comparator group, as most do. */
export function emptyComparison(outcomes: readonly string[]): ComparisonForm {
  return { label: '', sharedComparator: true, characteristics: {}, outcomes: Object.fromEntries(outcomes.map((o) => [o, emptyOutcome()])) };
}

/** A number as typed: '' is empty (null); text that is not a number goes as typed, so the server names it. */
function numberOf(text: string): number | string | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && Number.isFinite(n) ? n : t;
}

/** The body the API takes: outcomes marked as not reported are left out; only the kind's own fields go. */
export function fromForm(form: FormState): unknown {
  const results = (of: Record<string, OutcomeForm>): Record<string, unknown> => {
    const outcomes: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(of)) {
      if (!o.kind) continue;
      const values: Record<string, unknown> = {};
      for (const f of OUTCOME_FIELDS[o.kind]) values[f.id] = numberOf(o.values[f.id] ?? '');
      outcomes[name] = { kind: o.kind, values, ...(o.kind === 'direction' && { favours: o.favours || null }), timepoint: o.timepoint, instrument: o.instrument, note: o.note };
    }
    return outcomes;
  };
  const more = (form.moreComparisons ?? []).map((c) => ({ label: c.label, sharedComparator: c.sharedComparator, characteristics: c.characteristics, outcomes: results(c.outcomes) }));
  return {
    characteristics: form.characteristics,
    outcomes: results(form.outcomes),
    ...(more.length > 0 && { comparisonLabel: form.comparisonLabel, moreComparisons: more }),
  };
}

/** The form with one differing field (or a whole result, for a difference of kind) taken from `source`. */
export function takeField(form: FormState, d: Difference, source: ExtractionData): FormState {
  if (d.key === 'comparisonLabel') return { ...form, comparisonLabel: source.comparisonLabel ?? '' };
  if (d.comparison !== undefined) return takeComparisonField(form, d, d.comparison, source);
  if (d.outcome === undefined) return { ...form, characteristics: { ...form.characteristics, [d.key]: source.characteristics[d.key] ?? '' } };
  return { ...form, outcomes: takeResult(form.outcomes, d, d.outcome, source.outcomes) };
}

/** A field of another comparison taken from `source` (the whole comparison when one reviewer lacks it). */
function takeComparisonField(form: FormState, d: Difference, i: number, source: ExtractionData): FormState {
  const theirs = source.moreComparisons?.[i];
  const names = Object.keys(form.outcomes);
  const more = [...form.moreComparisons];
  if (d.key === 'comparison') {
    // take it whole, or drop ours when theirs has none
    if (theirs) more[i] = comparisonForm(theirs, (ch) => ({ ...ch }), (of) => Object.fromEntries(names.map((o) => [o, outcomeForm(of[o])])));
    else more.splice(i, 1);
    return { ...form, moreComparisons: more };
  }
  const current = more[i] ?? emptyComparison(names);
  if (d.outcome !== undefined) more[i] = { ...current, outcomes: takeResult(current.outcomes, d, d.outcome, theirs?.outcomes ?? {}) };
  else if (d.key === 'label') more[i] = { ...current, label: theirs?.label ?? '' };
  else if (d.key === 'sharedComparator') more[i] = { ...current, sharedComparator: theirs?.sharedComparator ?? true };
  else more[i] = { ...current, characteristics: { ...current.characteristics, [d.key]: theirs?.characteristics[d.key] ?? '' } };
  return { ...form, moreComparisons: more };
}

function takeResult(results: Record<string, OutcomeForm>, d: Difference, outcome: string, source: ExtractionData['outcomes']): Record<string, OutcomeForm> {
  const from = outcomeForm(source[outcome]);
  const current = results[outcome] ?? emptyOutcome();
  let next: OutcomeForm;
  if (d.key === 'kind') next = from;
  else if (d.key === 'timepoint' || d.key === 'instrument' || d.key === 'note' || d.key === 'favours') next = { ...current, [d.key]: from[d.key] };
  else next = { ...current, values: { ...current.values, [d.key]: from.values[d.key] ?? '' } };
  return { ...results, [outcome]: next };
}
