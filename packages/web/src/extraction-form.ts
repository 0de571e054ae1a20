/**
 * The extraction form's state: what the inputs hold (text, so a half-typed number stays as typed), to and
 * from the extraction the API takes, and taking one field from another reviewer's extraction.
 */
import { CHARACTERISTICS, OUTCOME_FIELDS, type CharacteristicDef, type Difference, type ExtractionData, type Favours, type OutcomeKind } from '@metasift/core';

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

export interface FormState {
  characteristics: Record<string, string>;
  outcomes: Record<string, OutcomeForm>;
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
  const known = Object.entries(data?.characteristics ?? {}).filter(([id]) => characteristics.some((c) => c.id === id));
  return { characteristics: Object.fromEntries(known), outcomes: Object.fromEntries(outcomes.map((o) => [o, outcomeForm(data?.outcomes[o])])) };
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
  const outcomes: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(form.outcomes)) {
    if (!o.kind) continue;
    const values: Record<string, unknown> = {};
    for (const f of OUTCOME_FIELDS[o.kind]) values[f.id] = numberOf(o.values[f.id] ?? '');
    outcomes[name] = { kind: o.kind, values, ...(o.kind === 'direction' && { favours: o.favours || null }), timepoint: o.timepoint, instrument: o.instrument, note: o.note };
  }
  return { characteristics: form.characteristics, outcomes };
}

/** The form with one differing field (or a whole result, for a difference of kind) taken from `source`. */
export function takeField(form: FormState, d: Difference, source: ExtractionData): FormState {
  if (d.outcome === undefined) return { ...form, characteristics: { ...form.characteristics, [d.key]: source.characteristics[d.key] ?? '' } };
  const from = outcomeForm(source.outcomes[d.outcome]);
  const current = form.outcomes[d.outcome] ?? emptyOutcome();
  let next: OutcomeForm;
  if (d.key === 'kind') next = from;
  else if (d.key === 'timepoint' || d.key === 'instrument' || d.key === 'note' || d.key === 'favours') next = { ...current, [d.key]: from[d.key] };
  else next = { ...current, values: { ...current.values, [d.key]: from.values[d.key] ?? '' } };
  return { ...form, outcomes: { ...form.outcomes, [d.outcome]: next } };
}
