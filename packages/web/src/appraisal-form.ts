/** The risk-of-bias form's state: the tool, each domain's judgement ('' while unjudged) and support, the overall judgement. */
import { ROB_TOOLS, type AppraisalTool, type Difference, type RobAssessment, type RobJudgement } from '@metasift/core';

export interface JudgedForm {
  judgement: RobJudgement | '';
  support: string;
}

export interface AppraisalFormState {
  tool: AppraisalTool;
  domains: JudgedForm[];
  overall: JudgedForm;
}

const judged = (j: { judgement: RobJudgement | null; support: string } | undefined): JudgedForm => ({ judgement: j?.judgement ?? '', support: j?.support ?? '' });

/** The form filled from an assessment, or empty for the given tool (one entry per domain). */
export function toAppraisalForm(data: RobAssessment | null, tool: AppraisalTool): AppraisalFormState {
  const t = data?.tool ?? tool;
  return { tool: t, domains: ROB_TOOLS[t]!.domains.map((_, i) => judged(data?.domains[i])), overall: judged(data?.overall) };
}

/** The form for another tool: its domains start empty, the overall judgement is kept only when the tool has that level. */
export function withTool(form: AppraisalFormState, tool: AppraisalTool): AppraisalFormState {
  if (tool === form.tool) return form;
  const overall = form.overall.judgement && ROB_TOOLS[tool]!.levels.includes(form.overall.judgement) ? form.overall : { judgement: '' as const, support: form.overall.support };
  return { ...toAppraisalForm(null, tool), overall };
}

const out = (j: JudgedForm) => ({ judgement: j.judgement === '' ? null : j.judgement, support: j.support });

export function fromAppraisalForm(form: AppraisalFormState): unknown {
  return { tool: form.tool, domains: form.domains.map(out), overall: out(form.overall) };
}

/** The form with one differing judgement or support (or the whole assessment, for another tool) taken from `source`. */
export function takeAppraisalField(form: AppraisalFormState, d: Difference, source: RobAssessment): AppraisalFormState {
  if (d.key === 'tool') return toAppraisalForm(source, source.tool);
  const from = toAppraisalForm(source, source.tool);
  // keys: "domains.2", "domains.2.support", "overall", "overall.support"
  const support = d.key.endsWith('.support');
  const [part, index] = d.key.split('.');
  const take = (mine: JudgedForm, theirs: JudgedForm): JudgedForm => (support ? { ...mine, support: theirs.support } : { ...mine, judgement: theirs.judgement });
  if (part === 'overall') return { ...form, overall: take(form.overall, from.overall) };
  const i = Number(index) - 1;
  return { ...form, domains: form.domains.map((x, k) => (k === i ? take(x, from.domains[k]!) : x)) };
}
