/**
 * The risk-of-bias form's state: the tool, each domain's judgement ('' while unjudged) and support, the
 * overall judgement, and the results judged apart (RoB 2 and ROBINS-I), each with its own.
 */
import { overallLevelsOf, ROB_TOOLS, type AppraisalTool, type Difference, type RobAssessment, type RobJudgement } from '@metasift/core';

export interface JudgedForm {
  judgement: RobJudgement | '';
  support: string;
}

export interface JudgementsForm {
  domains: JudgedForm[];
  overall: JudgedForm;
}

export interface ResultForm extends JudgementsForm {
  outcome: string;
}

export interface AppraisalFormState extends JudgementsForm {
  tool: AppraisalTool;
  results: ResultForm[];
}

const judged = (j: { judgement: RobJudgement | null; support: string } | undefined): JudgedForm => ({ judgement: j?.judgement ?? '', support: j?.support ?? '' });
const judgements = (tool: AppraisalTool, data: Pick<RobAssessment, 'domains' | 'overall'> | undefined): JudgementsForm => ({ domains: ROB_TOOLS[tool]!.domains.map((_, i) => judged(data?.domains[i])), overall: judged(data?.overall) });

/**
 * The form filled from an assessment, or empty for the given tool (one entry per domain); of its results
 * judged apart, those for `outcomes` (the protocol's) when given — an outcome dropped by an amendment leaves the form.
 */
export function toAppraisalForm(data: RobAssessment | null, tool: AppraisalTool, outcomes?: readonly string[]): AppraisalFormState {
  const t = data?.tool ?? tool;
  const results = (data?.results ?? []).filter((r) => !outcomes || outcomes.includes(r.outcome)).map((r) => ({ outcome: r.outcome, ...judgements(t, r) }));
  return { tool: t, ...judgements(t, data ?? undefined), results };
}

/** The form for another tool: its domains start empty, the overall judgement is kept only when the tool has that level; results apart stay (emptied) only with a tool that judges results. */
export function withTool(form: AppraisalFormState, tool: AppraisalTool): AppraisalFormState {
  if (tool === form.tool) return form;
  const keep = (o: JudgedForm): JudgedForm => (o.judgement && overallLevelsOf(ROB_TOOLS[tool]!).includes(o.judgement) ? o : { judgement: '', support: o.support });
  const results = ROB_TOOLS[tool]!.perResult ? form.results.map((r) => ({ outcome: r.outcome, ...judgements(tool, undefined), overall: keep(r.overall) })) : [];
  return { ...toAppraisalForm(null, tool), overall: keep(form.overall), results };
}

/** A result judged apart, starting from the study's judgements (the reviewer changes those that differ). */
export function judgeApart(form: AppraisalFormState, outcome: string): AppraisalFormState {
  if (form.results.some((r) => r.outcome === outcome)) return form;
  return { ...form, results: [...form.results, { outcome, domains: form.domains.map((d) => ({ ...d })), overall: { ...form.overall } }] };
}

const out = (j: JudgedForm) => ({ judgement: j.judgement === '' ? null : j.judgement, support: j.support });
const outAll = (f: JudgementsForm) => ({ domains: f.domains.map(out), overall: out(f.overall) });

export function fromAppraisalForm(form: AppraisalFormState): unknown {
  return { tool: form.tool, ...outAll(form), ...(form.results.length > 0 && { results: form.results.map((r) => ({ outcome: r.outcome, ...outAll(r) })) }) };
}

/** One differing judgement or support ("domains.2", "overall.support" …) of `from` taken into `mine`. */
function takeJudged<F extends JudgementsForm>(mine: F, key: string, from: JudgementsForm): F {
  const support = key.endsWith('.support');
  const [part, index] = key.split('.');
  const take = (x: JudgedForm, theirs: JudgedForm): JudgedForm => (support ? { ...x, support: theirs.support } : { ...x, judgement: theirs.judgement });
  if (part === 'overall') return { ...mine, overall: take(mine.overall, from.overall) };
  const i = Number(index) - 1;
  return { ...mine, domains: mine.domains.map((x, k) => (k === i ? take(x, from.domains[k]!) : x)) };
}

/** The form with one differing judgement or support, a result judged apart or not, or the whole assessment (another tool) taken from `source`. */
export function takeAppraisalField(form: AppraisalFormState, d: Difference, source: RobAssessment): AppraisalFormState {
  if (d.key === 'tool') return toAppraisalForm(source, source.tool);
  const from = toAppraisalForm(source, source.tool);
  if (d.outcome === undefined) return takeJudged(form, d.key, from);
  const theirs = from.results.find((r) => r.outcome === d.outcome);
  const rest = form.results.filter((r) => r.outcome !== d.outcome);
  // judged apart by one reviewer only: take the result as theirs, or the study's judgements as theirs hold for it
  if (d.key === 'result') return { ...form, results: theirs ? [...rest, theirs] : rest };
  const mine = form.results.find((r) => r.outcome === d.outcome);
  if (!mine || !theirs) return form;
  return { ...form, results: form.results.map((r) => (r === mine ? takeJudged(r, d.key, theirs) : r)) };
}
