/** The extraction form: the study's characteristics, then each protocol outcome as the report gives it. Ctrl+Enter saves. */
import { useId } from 'react';
import { CHARACTERISTICS, FAVOURS, OUTCOME_FIELDS, OUTCOME_KIND_LABELS, type CharacteristicDef, type Favours, type OutcomeKind } from '@metasift/core';
import type { FormState, OutcomeForm } from '../extraction-form.js';
import { ArmCalculator } from './ArmCalculator.js';
import { EntryFormFrame, type FormProps } from './DualEntry.js';

const KINDS = Object.keys(OUTCOME_FIELDS) as OutcomeKind[];

/** The form for a review whose characteristics are these (the built-in ones and the protocol's own fields). */
export function extractionFormFor(characteristics: readonly CharacteristicDef[]) {
  return function ReviewExtractionForm(props: FormProps<FormState>) {
    return <ExtractionForm {...props} characteristics={characteristics} />;
  };
}

export function ExtractionForm({ label, form, onChange, onSave, saveLabel, disabled, highlight, characteristics = CHARACTERISTICS }: FormProps<FormState> & { characteristics?: readonly CharacteristicDef[] }) {
  const setCharacteristic = (id: string, v: string): void => onChange({ ...form, characteristics: { ...form.characteristics, [id]: v } });
  const setOutcome = (name: string, o: OutcomeForm): void => onChange({ ...form, outcomes: { ...form.outcomes, [name]: o } });
  const mark = (path: string): string | undefined => (highlight?.has(path) ? 'differs' : undefined);
  // the form appears twice on a page (mine and the consensus): ids must differ
  const modes = useId();
  return (
    <EntryFormFrame label={label} onSave={onSave} saveLabel={saveLabel} disabled={disabled} className="extraction-form">
      <fieldset disabled={disabled}>
        <legend>Study characteristics</legend>
        <div className="extraction-grid">
          {characteristics.map((c) => (
            <label key={c.id} className={mark(`characteristics.${c.id}`)}>
              {c.label}
              {c.options?.length ? (
                <select value={form.characteristics[c.id] ?? ''} onChange={(e) => setCharacteristic(c.id, e.target.value)}>
                  <option value="">{c.hint || 'not answered'}</option>
                  {c.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input value={form.characteristics[c.id] ?? ''} placeholder={c.hint} list={c.id === 'mode' ? modes : undefined} onChange={(e) => setCharacteristic(c.id, e.target.value)} />
              )}
            </label>
          ))}
          <datalist id={modes}>
            <option value="video" />
            <option value="telephone" />
            <option value="text" />
            <option value="web" />
          </datalist>
        </div>
      </fieldset>
      {Object.entries(form.outcomes).map(([name, o]) => (
        <fieldset key={name} disabled={disabled} className={mark(`outcomes.${name}`)}>
          <legend>{name}</legend>
          <label>
            Reported as
            <select value={o.kind} onChange={(e) => setOutcome(name, { ...o, kind: e.target.value as OutcomeKind | '' })}>
              <option value="">not reported</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {OUTCOME_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {o.kind === 'direction' && (
            <label className={mark(`outcomes.${name}.favours`)}>
              Direction, as the report gives it
              <select value={o.favours} onChange={(e) => setOutcome(name, { ...o, favours: e.target.value as Favours | '' })}>
                <option value="">not yet judged</option>
                {(Object.keys(FAVOURS) as Favours[]).map((f) => (
                  <option key={f} value={f}>
                    {FAVOURS[f]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {o.kind && (
            <>
              <div className="extraction-grid numbers">
                {OUTCOME_FIELDS[o.kind].map((f) => (
                  <label key={f.id} className={mark(`outcomes.${name}.values.${f.id}`)}>
                    {f.label}
                    <input inputMode="decimal" value={o.values[f.id] ?? ''} onChange={(e) => setOutcome(name, { ...o, values: { ...o.values, [f.id]: e.target.value } })} />
                  </label>
                ))}
              </div>
              {o.kind === 'continuous' && (
                <ArmCalculator
                  values={o.values}
                  disabled={disabled}
                  onUse={(patch, how) => setOutcome(name, { ...o, values: { ...o.values, ...patch }, note: o.note.trim() ? `${o.note.trim()}; ${how}` : how })}
                />
              )}
              <div className="extraction-grid">
                {(['timepoint', 'instrument', 'note'] as const).map((k) => (
                  <label key={k} className={mark(`outcomes.${name}.${k}`)}>
                    {k === 'timepoint' ? 'Time point' : k === 'instrument' ? 'Instrument or scale' : o.kind === 'direction' ? 'Note (the result as reported: medians, p-value; where in the report)' : 'Note (where in the report, conversions)'}
                    <input value={o[k]} onChange={(e) => setOutcome(name, { ...o, [k]: e.target.value })} />
                  </label>
                ))}
              </div>
            </>
          )}
        </fieldset>
      ))}
    </EntryFormFrame>
  );
}
