/**
 * The risk-of-bias form: the tool, each domain's judgement with its support, the overall judgement and the
 * one the domains propose; with RoB 2 and ROBINS-I, results judged apart (an outcome whose missing data,
 * measurement or reporting differ from the study's other results), each with its own. Ctrl+Enter saves.
 */
import { useState } from 'react';
import { APPRAISAL_TOOLS, levelLabel, overallLevelsOf, proposedOverall, ROB_TOOLS, screeningCaution, type AppraisalTool, type RobJudgement } from '@metasift/core';
import { judgeApart, withTool, type AppraisalFormState, type JudgedForm, type JudgementsForm } from '../appraisal-form.js';
import { EntryFormFrame, type FormProps } from './DualEntry.js';

function Judgement({ legend, tool, overall = false, value, onChange, marked }: { legend: string; tool: AppraisalTool; overall?: boolean; value: JudgedForm; onChange: (j: JudgedForm) => void; marked: (part: string) => string | undefined }) {
  const def = ROB_TOOLS[tool]!;
  const levels = overall ? overallLevelsOf(def) : def.levels;
  const labels = def.labels;
  return (
    <>
      <label className={marked('')}>
        Judgement
        <select value={value.judgement} onChange={(e) => onChange({ ...value, judgement: e.target.value as RobJudgement | '' })}>
          <option value="">not judged</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {levelLabel(l, labels)}
            </option>
          ))}
        </select>
      </label>
      <label className={marked('.support')}>
        Support for the judgement
        <textarea rows={2} value={value.support} placeholder={`Quotes from the report and reasons (${legend})`} onChange={(e) => onChange({ ...value, support: e.target.value })} />
      </label>
    </>
  );
}

/** Each domain and the overall judgement of the study, or of one result (`at` prefixes the comparison's paths, `named` the legends). */
function Judgements({ tool, value, onChange, disabled, highlight, at = '', named = '' }: { tool: AppraisalTool; value: JudgementsForm; onChange: (v: JudgementsForm) => void; disabled: boolean; highlight?: ReadonlySet<string> | undefined; at?: string; named?: string }) {
  const def = ROB_TOOLS[tool]!;
  const marker = (path: string) => (part: string) => (highlight?.has(`${at}${path}.${part ? 'support' : 'judgement'}`) ? 'differs' : undefined);
  const proposal = proposedOverall({ tool, domains: value.domains.map((d) => ({ judgement: d.judgement || null, support: d.support })) });
  return (
    <>
      {def.domains.map((name, i) => (
        <fieldset key={`${tool}-${i}`} disabled={disabled}>
          <legend>
            {named}D{i + 1} {name}
          </legend>
          <Judgement legend={`D${i + 1}`} tool={tool} value={value.domains[i]!} marked={marker(`domains.${i + 1}`)} onChange={(j) => onChange({ ...value, domains: value.domains.map((x, k) => (k === i ? j : x)) })} />
        </fieldset>
      ))}
      <fieldset disabled={disabled}>
        <legend>{named}Overall</legend>
        <p className="muted small">
          Proposed from the domains: {proposal ? levelLabel(proposal, def.labels) : def.checklist ? `none — ${def.name.split(' ')[0]} gives no overall rule; summarise the answers yourselves` : 'judge every domain first'}{' '}
          {proposal && proposal !== value.overall.judgement && (
            <button type="button" className="link" onClick={() => onChange({ ...value, overall: { ...value.overall, judgement: proposal } })}>
              use the proposal
            </button>
          )}
        </p>
        <Judgement legend="overall" tool={tool} overall value={value.overall} marked={marker('overall')} onChange={(j) => onChange({ ...value, overall: j })} />
      </fieldset>
    </>
  );
}

/** RoB 2 and ROBINS-I judge results: the outcomes judged apart from the study's judgements, and one more to add. */
function ResultsApart({ form, onChange, disabled, highlight, outcomes }: { form: AppraisalFormState; onChange: (f: AppraisalFormState) => void; disabled: boolean; highlight?: ReadonlySet<string> | undefined; outcomes: readonly string[] }) {
  const left = outcomes.filter((o) => !form.results.some((r) => r.outcome === o));
  const [next, setNext] = useState('');
  const chosen = left.includes(next) ? next : (left[0] ?? '');
  return (
    <section className="results-apart" aria-label="Results judged apart">
      <h3>Results judged apart</h3>
      <p className="muted small">
        {ROB_TOOLS[form.tool]!.name} judges a result, not a study. The judgements above hold for every outcome not judged apart here; judge one apart when its missing data, measurement or reporting differ (a self-reported score beside survival).
      </p>
      {form.results.map((r) => (
        <div key={r.outcome} className={highlight?.has(`results.${r.outcome}`) ? 'result-apart differs' : 'result-apart'}>
          <h4>
            {r.outcome}{' '}
            <button type="button" className="link" disabled={disabled} onClick={() => onChange({ ...form, results: form.results.filter((x) => x !== r) })}>
              use the study's judgements instead
            </button>
          </h4>
          <Judgements tool={form.tool} value={r} at={`results.${r.outcome}.`} named={`${r.outcome}: `} disabled={disabled} highlight={highlight} onChange={(v) => onChange({ ...form, results: form.results.map((x) => (x === r ? { ...x, ...v } : x)) })} />
        </div>
      ))}
      {left.length > 0 && (
        <p className="row">
          <label>
            Outcome to judge apart
            <select value={chosen} disabled={disabled} onChange={(e) => setNext(e.target.value)}>
              {left.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" disabled={disabled || !chosen} onClick={() => onChange(judgeApart(form, chosen))}>
            Judge this result apart
          </button>
        </p>
      )}
      {form.results.length === 0 && outcomes.length === 0 && <p className="muted small">The protocol names no outcomes yet.</p>}
    </section>
  );
}

/** The tools by family, as the select groups them. */
const FAMILY = (t: AppraisalTool): string => (t.startsWith('mmat-') ? 'MMAT (2018)' : t.startsWith('jbi-') ? 'JBI checklists' : t.startsWith('casp-') ? 'CASP' : 'Cochrane');
const TOOL_GROUPS: [string, AppraisalTool[]][] = [...new Set(APPRAISAL_TOOLS.map(FAMILY))].map((f) => [f, APPRAISAL_TOOLS.filter((t) => FAMILY(t) === f)]);

/** The form for a review whose protocol names these outcomes (the results RoB 2 and ROBINS-I can judge apart). */
export function appraisalFormFor(outcomes: readonly string[]) {
  return function AppraisalForm({ label, form, onChange, onSave, saveLabel, disabled, highlight }: FormProps<AppraisalFormState>) {
    const def = ROB_TOOLS[form.tool]!;
    const caution = screeningCaution({ tool: form.tool, domains: form.domains.map((d) => ({ judgement: d.judgement || null, support: d.support })) });
    return (
      <EntryFormFrame label={label} onSave={onSave} saveLabel={saveLabel} disabled={disabled} className="extraction-form appraisal-form">
        <fieldset disabled={disabled} className={highlight?.has('tool') ? 'differs' : undefined}>
          <legend>Tool</legend>
          <label>
            Risk-of-bias tool
            <select value={form.tool} onChange={(e) => onChange(withTool(form, e.target.value as AppraisalTool))}>
              {TOOL_GROUPS.map(([group, tools]) => (
                <optgroup key={group} label={group}>
                  {tools.map((t) => (
                    <option key={t} value={t}>
                      {ROB_TOOLS[t]!.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
        </fieldset>
        {caution && (
          <p className="caution" role="status">
            {caution}
          </p>
        )}
        <Judgements tool={form.tool} value={form} disabled={disabled} highlight={highlight} onChange={(v) => onChange({ ...form, ...v })} />
        {def.perResult && <ResultsApart form={form} onChange={onChange} disabled={disabled} highlight={highlight} outcomes={outcomes} />}
      </EntryFormFrame>
    );
  };
}
