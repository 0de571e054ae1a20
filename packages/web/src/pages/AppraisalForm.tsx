/** The risk-of-bias form: the tool, each domain's judgement with its support, the overall judgement and the one the domains propose. Ctrl+Enter saves. */
import { APPRAISAL_TOOLS, proposedOverall, ROB_STYLES, ROB_TOOLS, screeningCaution, type AppraisalTool, type RobJudgement } from '@metasift/core';
import { withTool, type AppraisalFormState, type JudgedForm } from '../appraisal-form.js';
import { EntryFormFrame, type FormProps } from './DualEntry.js';

function Judgement({ legend, levels, value, onChange, marked }: { legend: string; levels: readonly RobJudgement[]; value: JudgedForm; onChange: (j: JudgedForm) => void; marked: (part: string) => string | undefined }) {
  return (
    <>
      <label className={marked('')}>
        Judgement
        <select value={value.judgement} onChange={(e) => onChange({ ...value, judgement: e.target.value as RobJudgement | '' })}>
          <option value="">not judged</option>
          {levels.map((l) => (
            <option key={l} value={l}>
              {ROB_STYLES[l].label}
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

export function AppraisalForm({ label, form, onChange, onSave, saveLabel, disabled, highlight }: FormProps<AppraisalFormState>) {
  const def = ROB_TOOLS[form.tool]!;
  const marker = (path: string) => (part: string) => (highlight?.has(`${path}.${part ? 'support' : 'judgement'}`) ? 'differs' : undefined);
  const judged = { tool: form.tool, domains: form.domains.map((d) => ({ judgement: d.judgement || null, support: d.support })) };
  const proposal = proposedOverall(judged);
  const caution = screeningCaution(judged);
  return (
    <EntryFormFrame label={label} onSave={onSave} saveLabel={saveLabel} disabled={disabled} className="extraction-form appraisal-form">
      <fieldset disabled={disabled} className={highlight?.has('tool') ? 'differs' : undefined}>
        <legend>Tool</legend>
        <label>
          Risk-of-bias tool
          <select value={form.tool} onChange={(e) => onChange(withTool(form, e.target.value as AppraisalTool))}>
            {APPRAISAL_TOOLS.map((t) => (
              <option key={t} value={t}>
                {ROB_TOOLS[t]!.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {caution && (
        <p className="caution" role="status">
          {caution}
        </p>
      )}
      {def.domains.map((name, i) => (
        <fieldset key={`${form.tool}-${i}`} disabled={disabled}>
          <legend>
            D{i + 1} {name}
          </legend>
          <Judgement legend={`D${i + 1}`} levels={def.levels} value={form.domains[i]!} marked={marker(`domains.${i + 1}`)} onChange={(j) => onChange({ ...form, domains: form.domains.map((x, k) => (k === i ? j : x)) })} />
        </fieldset>
      ))}
      <fieldset disabled={disabled}>
        <legend>Overall</legend>
        <p className="muted small">
          Proposed from the domains: {proposal ? ROB_STYLES[proposal].label : def.checklist ? `none — ${def.name.split(' ')[0]} gives no overall rule; summarise the answers yourselves` : 'judge every domain first'}{' '}
          {proposal && proposal !== form.overall.judgement && (
            <button type="button" className="link" onClick={() => onChange({ ...form, overall: { ...form.overall, judgement: proposal } })}>
              use the proposal
            </button>
          )}
        </p>
        <Judgement legend="overall" levels={def.levels} value={form.overall} marked={marker('overall')} onChange={(j) => onChange({ ...form, overall: j })} />
      </fieldset>
    </EntryFormFrame>
  );
}
