/**
 * Risk-of-bias assessments of included studies with the tool the design needs — RoB 2 for randomised
 * trials, ROBINS-I for non-randomised studies of interventions, the CASP checklist for qualitative
 * studies, the MMAT (2018) for quantitative descriptive and mixed methods studies and for reviews that
 * appraise every design with it — one judgement and its support per domain and overall; the overall
 * judgement the tools' guidance proposes from the domains; two reviewers' assessments compared; and the
 * figures' data (robvis's traffic-light and summary plots).
 */
import { MetasiftError } from '../errors.js';
import { fieldTally, norm, type FieldComparison } from '../extraction/compare.js';
import { figureLevels, levelLabel, overallLevelsOf, ROB_STYLES, ROB_TOOLS, type RobJudgement } from '../figures/rob-style.js';
import type { RobData } from '../figures/rob.js';

export type AppraisalTool =
  | 'rob2'
  | 'robins-i'
  | 'casp-qual'
  | 'mmat-qual'
  | 'mmat-rct'
  | 'mmat-nrs'
  | 'mmat-desc'
  | 'mmat-mixed'
  | 'jbi-rct'
  | 'jbi-quasi'
  | 'jbi-cohort'
  | 'jbi-cross-sectional'
  | 'jbi-case-series'
  | 'jbi-qual';
export const APPRAISAL_TOOLS: readonly AppraisalTool[] = ['rob2', 'robins-i', 'casp-qual', 'mmat-qual', 'mmat-rct', 'mmat-nrs', 'mmat-desc', 'mmat-mixed', 'jbi-rct', 'jbi-quasi', 'jbi-cohort', 'jbi-cross-sectional', 'jbi-case-series', 'jbi-qual'];

export interface Judged {
  readonly judgement: RobJudgement | null;
  /** Support for the judgement: quotes from the report and the reviewer's reasons. */
  readonly support: string;
}

/**
 * One result of the study — its result for one outcome of the protocol — judged apart. RoB 2 and
 * ROBINS-I assess results, not studies: missing data, measurement and selective reporting often differ
 * between a study's outcomes (a self-reported symptom score beside survival).
 */
export interface ResultAssessment {
  readonly outcome: string;
  readonly domains: readonly Judged[];
  readonly overall: Judged;
}

export interface RobAssessment {
  readonly tool: AppraisalTool;
  /** One per domain of the tool, in its order: the study's judgements, holding for every result not judged apart. */
  readonly domains: readonly Judged[];
  readonly overall: Judged;
  /** Results judged apart (tools that judge results only); absent when none is. */
  readonly results?: readonly ResultAssessment[];
}

/** The judgements that hold for one outcome's result: its own when it was judged apart, else the study's. */
export function assessmentFor(a: RobAssessment, outcome?: string): Pick<RobAssessment, 'tool' | 'domains' | 'overall'> {
  const own = outcome === undefined ? undefined : a.results?.find((r) => r.outcome === outcome);
  return own ? { tool: a.tool, domains: own.domains, overall: own.overall } : a;
}

/**
 * The tool a design calls for: RoB 2 for randomised trials, ROBINS-I for other studies of interventions,
 * CASP for qualitative studies, the MMAT's categories for mixed methods and for descriptive studies
 * (surveys, cross-sectional studies, case series), which no intervention tool fits; null when unknown.
 */
export function suggestTool(design: string): AppraisalTool | null {
  const d = design.toLowerCase();
  if (/mixed[- ]methods?|multi-?method/.test(d)) return 'mmat-mixed';
  if (/qualitative|interview|focus group|thematic|phenomenolog|grounded theory/.test(d)) return 'casp-qual';
  if (/\b(non-?randomi[sz]ed|quasi)/.test(d)) return 'robins-i';
  if (/\brct\b|randomi[sz]ed|\btrial\b/.test(d)) return 'rob2';
  if (/cohort|case[- ]control|before[- ]and[- ]after|pre-?post|controlled|interrupted time/.test(d)) return 'robins-i';
  if (/survey|cross[- ]sectional|descriptive|case (series|report)|prevalence|questionnaire/.test(d)) return 'mmat-desc';
  if (/observational/.test(d)) return 'robins-i';
  return null;
}

const SEVERITY: Partial<Record<RobJudgement, number>> = { low: 0, some: 1, moderate: 1, high: 2, serious: 2, critical: 3 };

/**
 * The overall judgement the guidance proposes: the most severe domain (RoB 2: high if any domain is high,
 * some concerns if any has some; ROBINS-I: at least as severe as the most severe domain), "no
 * information" where information is missing and nothing is serious; null until every domain is judged.
 * The reviewers may raise it (several domains with some concerns can make a RoB 2 result high).
 */
export function proposedOverall(a: Pick<RobAssessment, 'tool' | 'domains'>): RobJudgement | null {
  // checklists (CASP, MMAT) have no rule for an overall answer: the reviewers summarise
  if (ROB_TOOLS[a.tool]!.checklist) return null;
  const js = a.domains.map((d) => d.judgement);
  if (js.length !== ROB_TOOLS[a.tool]!.domains.length || js.some((j) => j === null)) return null;
  const worst = Math.max(...js.map((j) => SEVERITY[j!] ?? -1));
  if (worst < 2 && js.includes('unclear')) return 'unclear';
  const levels = ROB_TOOLS[a.tool]!.levels;
  return levels.find((l) => SEVERITY[l] === worst) ?? null;
}

/**
 * The MMAT's caution, when a screening question (S1, S2) is answered no or can't tell: further appraisal
 * may not be feasible or appropriate; null otherwise and for other tools.
 */
export function screeningCaution(a: Pick<RobAssessment, 'tool' | 'domains'>): string | null {
  if (!a.tool.startsWith('mmat-')) return null;
  const flagged = a.domains.slice(0, 2).flatMap((d, i) => (d.judgement === 'no' || d.judgement === 'cant-tell' ? [`S${i + 1} (${ROB_STYLES[d.judgement].label})`] : []));
  return flagged.length ? `${flagged.join(' and ')}: the MMAT advises that further appraisal may not be feasible or appropriate` : null;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Parses and checks an assessment: a known tool, one entry per domain, judgements the tool uses, and
 * results judged apart only with a tool that judges results, each for a different outcome (one of
 * `outcomes` when given). @throws MetasiftError INVALID_ASSESSMENT
 */
export function parseAssessment(input: unknown, outcomes?: readonly string[]): RobAssessment {
  const issues: string[] = [];
  if (!isObject(input)) throw new MetasiftError('INVALID_ASSESSMENT', 'an assessment is an object with "tool", "domains" and "overall"');
  const tool = input['tool'];
  if (typeof tool !== 'string' || !APPRAISAL_TOOLS.includes(tool as AppraisalTool)) {
    throw new MetasiftError('INVALID_ASSESSMENT', `invalid assessment: tool: must be one of ${APPRAISAL_TOOLS.join(', ')}`, { field: 'tool' });
  }
  const def = ROB_TOOLS[tool]!;
  // the domains' levels, or the overall judgement's where the tool has its own (JBI)
  const judged = (path: string, x: unknown, overall = false): Judged => {
    if (x === undefined || x === null) return { judgement: null, support: '' };
    if (!isObject(x)) return (issues.push(`${path}: must be an object with "judgement" and "support"`), { judgement: null, support: '' });
    const j = x['judgement'] ?? null;
    const s = x['support'] ?? '';
    const levels = overall ? overallLevelsOf(def) : def.levels;
    let judgement: RobJudgement | null = null;
    if (j !== null && (typeof j !== 'string' || !levels.includes(j as RobJudgement)))
      issues.push(`${path}.judgement: ${JSON.stringify(j)} is not a ${def.name}${overall && def.overallLevels ? ' overall' : ''} judgement (${levels.map((l) => `${l} = ${levelLabel(l, def.labels)}`).join(', ')})`);
    else judgement = j as RobJudgement | null;
    if (typeof s !== 'string') issues.push(`${path}.support: must be text`);
    else if (s.length > 10000) issues.push(`${path}.support: longer than 10000 characters`);
    return { judgement, support: typeof s === 'string' ? s.trim() : '' };
  };
  const domainsAt = (path: string, raw: unknown): Judged[] => {
    if (raw !== undefined && !Array.isArray(raw)) issues.push(`${path}: must be a list, one entry per domain`);
    else if (Array.isArray(raw) && raw.length > def.domains.length) issues.push(`${path}: ${def.name} has ${def.domains.length} domains, got ${raw.length}`);
    const list = Array.isArray(raw) ? raw : [];
    return def.domains.map((_, i) => judged(`${path}.${i + 1}`, list[i]));
  };
  const domains = domainsAt('domains', input['domains'] ?? []);
  const overall = judged('overall', input['overall'], true);
  const results = resultsOf(input['results'] ?? [], def, outcomes, issues, domainsAt, judged);
  if (issues.length) throw new MetasiftError('INVALID_ASSESSMENT', `invalid assessment: ${issues.join('; ')}`, { field: issues[0]!.split(':')[0]! });
  return { tool: tool as AppraisalTool, domains, overall, ...(results.length > 0 && { results }) };
}

function resultsOf(
  raw: unknown,
  def: (typeof ROB_TOOLS)[string],
  outcomes: readonly string[] | undefined,
  issues: string[],
  domainsAt: (path: string, raw: unknown) => Judged[],
  judged: (path: string, x: unknown, overall?: boolean) => Judged,
): ResultAssessment[] {
  if (!Array.isArray(raw)) return (issues.push('results: must be a list of results judged apart, each with "outcome", "domains" and "overall"'), []);
  if (raw.length > 0 && !def.perResult) return (issues.push(`results: ${def.name} is answered for the whole study; results are judged apart with RoB 2 or ROBINS-I`), []);
  const seen = new Set<string>();
  return raw.flatMap((r: unknown, i): ResultAssessment[] => {
    const path = `results.${i + 1}`;
    if (!isObject(r)) return (issues.push(`${path}: must be an object with "outcome", "domains" and "overall"`), []);
    const outcome = typeof r['outcome'] === 'string' ? r['outcome'].trim() : '';
    if (!outcome) issues.push(`${path}.outcome: must name the outcome whose result is judged`);
    else if (outcomes && !outcomes.includes(outcome)) issues.push(`${path}.outcome: "${outcome}" is not an outcome of the protocol (${outcomes.join(', ') || 'none named'})`);
    else if (seen.has(outcome)) issues.push(`${path}.outcome: "${outcome}" is judged apart twice`);
    seen.add(outcome);
    return [{ outcome, domains: domainsAt(`${path}.domains`, r['domains'] ?? []), overall: judged(`${path}.overall`, r['overall'], true) }];
  });
}

const shown = (j: RobJudgement | null, labels?: Readonly<Partial<Record<RobJudgement, string>>>): string => (j ? levelLabel(j, labels) : '');

/**
 * Where two assessments differ: the tool, or each domain's and the overall judgement (counted) and support
 * (shown), then the results judged apart (in `outcomeOrder`, then as they come): one judging a result
 * apart that the other does not is one difference; two judging it are compared domain by domain.
 */
export function compareAssessments(a: RobAssessment, b: RobAssessment, outcomeOrder: readonly string[] = []): FieldComparison {
  const tally = fieldTally();
  if (a.tool !== b.tool) {
    tally.whole({ path: 'tool', label: 'Tool', a: ROB_TOOLS[a.tool]!.name, b: ROB_TOOLS[b.tool]!.name, key: 'tool' });
    return tally.result();
  }
  const { domains: names, labels } = ROB_TOOLS[a.tool]!;
  const judgements = (x: Pick<RobAssessment, 'domains' | 'overall'>, y: Pick<RobAssessment, 'domains' | 'overall'>, outcome?: string): void => {
    const at = outcome === undefined ? '' : `results.${outcome}.`;
    const named = outcome === undefined ? '' : `${outcome}: `;
    const parts: [string, string, Judged, Judged][] = [...names.map((n, i) => [`domains.${i + 1}`, `D${i + 1} ${n}`, x.domains[i]!, y.domains[i]!] as [string, string, Judged, Judged]), ['overall', 'Overall', x.overall, y.overall]];
    for (const [key, label, p, q] of parts) {
      tally.field(`${at}${key}.judgement`, `${named}${label}`, shown(p.judgement, labels), shown(q.judgement, labels), key, outcome);
      // supports are worded differently as a rule: shown for the consensus, counted only through the judgements
      tally.note(`${at}${key}.support`, `${named}${label}: support`, norm(p.support), norm(q.support), `${key}.support`, outcome);
    }
  };
  judgements(a, b);
  const apart = [...new Set([...outcomeOrder, ...(a.results ?? []).map((r) => r.outcome), ...(b.results ?? []).map((r) => r.outcome)])];
  for (const outcome of apart) {
    const x = a.results?.find((r) => r.outcome === outcome);
    const y = b.results?.find((r) => r.outcome === outcome);
    if (x && y) judgements(x, y, outcome);
    else if (x || y) tally.whole({ path: `results.${outcome}`, label: `${outcome}: result judged apart from the study`, a: x ? 'yes' : 'no', b: y ? 'yes' : 'no', outcome, key: 'result' });
  }
  return tally.result();
}

/**
 * The figures' data for one tool: the studies assessed with it, in the order given — for one outcome's
 * result when `outcome` is given (each study's judgements of that result, else its study-wide ones).
 */
export function robDataOf(tool: AppraisalTool, studies: readonly { readonly label: string; readonly assessment: RobAssessment }[], outcome?: string): RobData {
  const def = ROB_TOOLS[tool]!;
  const mine = studies.filter((s) => s.assessment.tool === tool).map((s) => ({ label: s.label, a: assessmentFor(s.assessment, outcome) }));
  const used = new Set(mine.flatMap((s) => [...s.a.domains.map((d) => d.judgement), s.a.overall.judgement]));
  return {
    tool: def.name,
    ...(outcome !== undefined && { outcome }),
    ...(def.labels && { labels: def.labels }),
    domains: def.domains,
    levels: figureLevels(def, used),
    studies: mine.map((s) => ({ label: s.label, judgements: s.a.domains.map((d) => d.judgement), overall: s.a.overall.judgement })),
  };
}

/** A review's risk-of-bias figures: one per tool, and per outcome with a result judged apart. */
export interface RobFigureSet {
  readonly tools: readonly RobData[];
  readonly outcomes?: readonly { readonly outcome: string; readonly tools: readonly RobData[] }[];
}

/**
 * The figures from the studies' final assessments: per tool, and for each outcome (in the order given)
 * whose result any study judged apart, per tool again with those results' own judgements.
 */
export function robFigureSet(studies: readonly { readonly label: string; readonly assessment: RobAssessment }[], outcomes: readonly string[]): Required<RobFigureSet> {
  const perTool = (outcome?: string): RobData[] => APPRAISAL_TOOLS.map((t) => robDataOf(t, studies, outcome)).filter((d) => d.studies.length > 0);
  const apart = outcomes.filter((o) => studies.some((s) => s.assessment.results?.some((r) => r.outcome === o)));
  return { tools: perTool(), outcomes: apart.map((outcome) => ({ outcome, tools: perTool(outcome) })) };
}

/** The figures that hold for one outcome: its own when a result was judged apart, else the study-wide ones. */
export function robFiguresFor(set: RobFigureSet, outcome: string): readonly RobData[] {
  return set.outcomes?.find((o) => o.outcome === outcome)?.tools ?? set.tools;
}

/** Each study's overall judgement for one outcome (its result's own where judged apart), with its figure's tool. */
function overallsFor(set: RobFigureSet, outcome: string): [string, RobJudgement, RobData][] {
  return robFiguresFor(set, outcome).flatMap((t) => t.studies.flatMap((s): [string, RobJudgement, RobData][] => (s.overall ? [[s.label, s.overall, t]] : [])));
}

/** Each study's overall judgement for one outcome (its result's own where judged apart), by study label. */
export function robOverallFor(set: RobFigureSet, outcome: string): Map<string, RobJudgement> {
  return new Map(overallsFor(set, outcome).map(([label, j]) => [label, j]));
}

/** The same judgements in their tools' words ("Some concerns", JBI's "Unclear"), by study label. */
export function robOverallTextFor(set: RobFigureSet, outcome: string): Map<string, string> {
  return new Map(overallsFor(set, outcome).map(([label, j, t]) => [label, levelLabel(j, t.labels)]));
}
