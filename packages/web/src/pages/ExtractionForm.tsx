/** The extraction form: the study's characteristics, then each protocol outcome as the report gives it, then a multi-arm trial's other comparisons. Ctrl+Enter saves. */
import { useId } from 'react';
import { ARM_CHARACTERISTICS, CHARACTERISTICS, FAVOURS, MAX_MORE_COMPARISONS, OUTCOME_FIELDS, OUTCOME_KIND_LABELS, type CharacteristicDef, type Favours, type OutcomeKind } from '@metasift/core';
import { emptyComparison, emptyOutcome, type ComparisonForm, type FormState, type OutcomeForm } from '../extraction-form.js';
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
        <OutcomeFields key={name} name={name} o={o} at={`outcomes.${name}`} disabled={disabled} mark={mark} onChange={(next) => setOutcome(name, next)} />
      ))}
      <Comparisons form={form} onChange={onChange} disabled={disabled} mark={mark} characteristics={characteristics} />
    </EntryFormFrame>
  );
}

type Mark = (path: string) => string | undefined;

/** One outcome's result: how it is reported, its numbers (with the calculator for means and SDs), time point, instrument, note. */
function OutcomeFields({ name, o, at, disabled, mark, onChange }: { name: string; o: OutcomeForm; at: string; disabled: boolean; mark: Mark; onChange: (o: OutcomeForm) => void }) {
  return (
    <fieldset disabled={disabled} className={mark(at)}>
      <legend>{name}</legend>
      <label>
        Reported as
        <select value={o.kind} onChange={(e) => onChange({ ...o, kind: e.target.value as OutcomeKind | '' })}>
          <option value="">not reported</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {OUTCOME_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {o.kind === 'direction' && (
        <label className={mark(`${at}.favours`)}>
          Direction, as the report gives it
          <select value={o.favours} onChange={(e) => onChange({ ...o, favours: e.target.value as Favours | '' })}>
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
              <label key={f.id} className={mark(`${at}.values.${f.id}`)}>
                {f.label}
                <input inputMode="decimal" value={o.values[f.id] ?? ''} onChange={(e) => onChange({ ...o, values: { ...o.values, [f.id]: e.target.value } })} />
              </label>
            ))}
          </div>
          {o.kind === 'continuous' && (
            <ArmCalculator values={o.values} disabled={disabled} onUse={(patch, how) => onChange({ ...o, values: { ...o.values, ...patch }, note: o.note.trim() ? `${o.note.trim()}; ${how}` : how })} />
          )}
          <div className="extraction-grid">
            {(['timepoint', 'instrument', 'note'] as const).map((k) => (
              <label key={k} className={mark(`${at}.${k}`)}>
                {k === 'timepoint' ? 'Time point' : k === 'instrument' ? 'Instrument or scale' : o.kind === 'direction' ? 'Note (the result as reported: medians, p-value; where in the report)' : 'Note (where in the report, conversions)'}
                <input value={o[k]} onChange={(e) => onChange({ ...o, [k]: e.target.value })} />
              </label>
            ))}
          </div>
        </>
      )}
    </fieldset>
  );
}

/**
 * A multi-arm trial's comparisons (Cochrane Handbook 23.3.4): the first is the form above, labelled; each
 * other has its label, whether it shares the first one's comparator group (split in the analysis), the
 * characteristics that differ (the intervention, its mode, the review's own fields) and its results.
 */
function Comparisons({ form, onChange, disabled, mark, characteristics }: { form: FormState; onChange: (f: FormState) => void; disabled: boolean; mark: Mark; characteristics: readonly CharacteristicDef[] }) {
  const more = form.moreComparisons;
  const names = Object.keys(form.outcomes);
  const builtIn = new Set(CHARACTERISTICS.map((c) => c.id));
  const armFields = characteristics.filter((c) => ARM_CHARACTERISTICS.includes(c.id) || !builtIn.has(c.id));
  const set = (i: number, c: ComparisonForm): void => onChange({ ...form, moreComparisons: more.map((x, j) => (j === i ? c : x)) });
  const add = (
    <button type="button" disabled={disabled || more.length >= MAX_MORE_COMPARISONS} onClick={() => onChange({ ...form, moreComparisons: [...more, emptyComparison(names)] })}>
      Add a comparison
    </button>
  );
  if (more.length === 0)
    return (
      <p className="muted small">
        A trial with more than two arms (video, telephone and usual care) gives a comparison per intervention arm; their shared comparator group is split between them in the analysis. {add}
      </p>
    );
  return (
    <fieldset disabled={disabled} className="comparisons">
      <legend>Comparisons (multi-arm trial)</legend>
      <label className={mark('comparisonLabel')}>
        Comparison 1 (the arms above): label
        <input value={form.comparisonLabel} placeholder="short, e.g. video" onChange={(e) => onChange({ ...form, comparisonLabel: e.target.value })} />
      </label>
      {more.map((c, i) => {
        const at = `moreComparisons.${i}`;
        return (
          <fieldset key={i} className={mark(at)}>
            <legend>Comparison {i + 2}{c.label.trim() ? `: ${c.label.trim()}` : ''}</legend>
            <div className="extraction-grid">
              <label className={mark(`${at}.label`)}>
                Comparison {i + 2}: label
                <input value={c.label} placeholder="short, e.g. telephone" onChange={(e) => set(i, { ...c, label: e.target.value })} />
              </label>
              <label className={mark(`${at}.sharedComparator`)}>
                <input type="checkbox" checked={c.sharedComparator} onChange={(e) => set(i, { ...c, sharedComparator: e.target.checked })} /> Same comparator group as comparison 1
              </label>
              {armFields.map((f) => {
                const setField = (v: string): void => set(i, { ...c, characteristics: { ...c.characteristics, [f.id]: v } });
                return (
                  <label key={f.id} className={mark(`${at}.characteristics.${f.id}`)}>
                    {f.label} (if not the study's)
                    {f.options?.length ? (
                      <select value={c.characteristics[f.id] ?? ''} onChange={(e) => setField(e.target.value)}>
                        <option value="">as the study{form.characteristics[f.id] ? `: ${form.characteristics[f.id]}` : ''}</option>
                        {f.options.map((o) => (
                          <option key={o}>{o}</option>
                        ))}
                      </select>
                    ) : (
                      <input value={c.characteristics[f.id] ?? ''} placeholder={form.characteristics[f.id] || f.hint} onChange={(e) => setField(e.target.value)} />
                    )}
                  </label>
                );
              })}
            </div>
            {names.map((name) => (
              <OutcomeFields
                key={name}
                name={name}
                o={c.outcomes[name] ?? emptyOutcome()}
                at={`${at}.outcomes.${name}`}
                disabled={disabled}
                mark={mark}
                onChange={(o) => set(i, { ...c, outcomes: { ...c.outcomes, [name]: o } })}
              />
            ))}
            <button type="button" onClick={() => onChange({ ...form, moreComparisons: more.filter((_, j) => j !== i) })}>
              Remove comparison {i + 2}
            </button>
          </fieldset>
        );
      })}
      <p>{add}</p>
    </fieldset>
  );
}
