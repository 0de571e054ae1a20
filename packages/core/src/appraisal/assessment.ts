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
import { ROB_STYLES, ROB_TOOLS, type RobJudgement } from '../figures/rob-style.js';
import type { RobData } from '../figures/rob.js';

export type AppraisalTool = 'rob2' | 'robins-i' | 'casp-qual' | 'mmat-qual' | 'mmat-rct' | 'mmat-nrs' | 'mmat-desc' | 'mmat-mixed';
export const APPRAISAL_TOOLS: readonly AppraisalTool[] = ['rob2', 'robins-i', 'casp-qual', 'mmat-qual', 'mmat-rct', 'mmat-nrs', 'mmat-desc', 'mmat-mixed'];

export interface Judged {
  readonly judgement: RobJudgement | null;
  /** Support for the judgement: quotes from the report and the reviewer's reasons. */
  readonly support: string;
}

export interface RobAssessment {
  readonly tool: AppraisalTool;
  /** One per domain of the tool, in its order. */
  readonly domains: readonly Judged[];
  readonly overall: Judged;
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

/** Parses and checks an assessment: a known tool, one entry per domain, judgements the tool uses. @throws MetasiftError INVALID_ASSESSMENT */
export function parseAssessment(input: unknown): RobAssessment {
  const issues: string[] = [];
  if (!isObject(input)) throw new MetasiftError('INVALID_ASSESSMENT', 'an assessment is an object with "tool", "domains" and "overall"');
  const tool = input['tool'];
  if (typeof tool !== 'string' || !APPRAISAL_TOOLS.includes(tool as AppraisalTool)) {
    throw new MetasiftError('INVALID_ASSESSMENT', `invalid assessment: tool: must be one of ${APPRAISAL_TOOLS.join(', ')}`, { field: 'tool' });
  }
  const def = ROB_TOOLS[tool]!;
  const judged = (path: string, x: unknown): Judged => {
    if (x === undefined || x === null) return { judgement: null, support: '' };
    if (!isObject(x)) return (issues.push(`${path}: must be an object with "judgement" and "support"`), { judgement: null, support: '' });
    const j = x['judgement'] ?? null;
    const s = x['support'] ?? '';
    let judgement: RobJudgement | null = null;
    if (j !== null && (typeof j !== 'string' || !def.levels.includes(j as RobJudgement)))
      issues.push(`${path}.judgement: ${JSON.stringify(j)} is not a ${def.name} judgement (${def.levels.map((l) => `${l} = ${ROB_STYLES[l].label}`).join(', ')})`);
    else judgement = j as RobJudgement | null;
    if (typeof s !== 'string') issues.push(`${path}.support: must be text`);
    else if (s.length > 10000) issues.push(`${path}.support: longer than 10000 characters`);
    return { judgement, support: typeof s === 'string' ? s.trim() : '' };
  };
  const raw = input['domains'] ?? [];
  if (!Array.isArray(raw)) issues.push('domains: must be a list, one entry per domain');
  else if (raw.length > def.domains.length) issues.push(`domains: ${def.name} has ${def.domains.length} domains, got ${raw.length}`);
  const list = Array.isArray(raw) ? raw : [];
  const domains = def.domains.map((_, i) => judged(`domains.${i + 1}`, list[i]));
  const overall = judged('overall', input['overall']);
  if (issues.length) throw new MetasiftError('INVALID_ASSESSMENT', `invalid assessment: ${issues.join('; ')}`, { field: issues[0]!.split(':')[0]! });
  return { tool: tool as AppraisalTool, domains, overall };
}

const shown = (j: RobJudgement | null): string => (j ? ROB_STYLES[j].label : '');

/** Where two assessments differ: the tool, or each domain's and the overall judgement (counted) and support (shown). */
export function compareAssessments(a: RobAssessment, b: RobAssessment): FieldComparison {
  const tally = fieldTally();
  if (a.tool !== b.tool) {
    tally.whole({ path: 'tool', label: 'Tool', a: ROB_TOOLS[a.tool]!.name, b: ROB_TOOLS[b.tool]!.name, key: 'tool' });
    return tally.result();
  }
  const names = ROB_TOOLS[a.tool]!.domains;
  const parts: [string, string, Judged, Judged][] = [...names.map((n, i) => [`domains.${i + 1}`, `D${i + 1} ${n}`, a.domains[i]!, b.domains[i]!] as [string, string, Judged, Judged]), ['overall', 'Overall', a.overall, b.overall]];
  for (const [path, label, x, y] of parts) {
    tally.field(`${path}.judgement`, label, shown(x.judgement), shown(y.judgement), path);
    // supports are worded differently as a rule: shown for the consensus, counted only through the judgements
    tally.note(`${path}.support`, `${label}: support`, norm(x.support), norm(y.support), `${path}.support`);
  }
  return tally.result();
}

/** The figures' data for one tool: the studies assessed with it, in the order given. */
export function robDataOf(tool: AppraisalTool, studies: readonly { readonly label: string; readonly assessment: RobAssessment }[]): RobData {
  const def = ROB_TOOLS[tool]!;
  const mine = studies.filter((s) => s.assessment.tool === tool);
  const used = new Set(mine.flatMap((s) => [...s.assessment.domains.map((d) => d.judgement), s.assessment.overall.judgement]));
  return {
    tool: def.name,
    domains: def.domains,
    levels: def.levels.filter((l) => l !== 'unclear' || used.has('unclear')),
    studies: mine.map((s) => ({ label: s.label, judgements: s.assessment.domains.map((d) => d.judgement), overall: s.assessment.overall.judgement })),
  };
}
