/**
 * Certainty of the evidence per outcome by GRADE: the body of evidence starts high (randomised trials)
 * or low (observational studies), is rated down by one or two levels per domain — risk of bias,
 * inconsistency, indirectness, imprecision, publication bias — and observational evidence may be rated
 * up; each step with its reason. The judgements are the reviewers'; `gradeHints` states the numbers
 * they rest on (the share of studies at high risk, I² and the prediction interval, whether the CI
 * crosses no effect and the number of participants, the number of studies for a funnel test), and
 * `gradeReasons` the Summary of findings table's footnotes.
 */
import { MetasiftError } from '../errors.js';

export const GRADE_DOMAINS = [
  ['riskOfBias', 'Risk of bias'],
  ['inconsistency', 'Inconsistency'],
  ['indirectness', 'Indirectness'],
  ['imprecision', 'Imprecision'],
  ['publicationBias', 'Publication bias'],
] as const;

export type GradeDomain = (typeof GRADE_DOMAINS)[number][0];
export type Certainty = 'high' | 'moderate' | 'low' | 'very low';

export interface GradeStep {
  /** Levels rated down (domains) or up (observational evidence): 0, 1 or 2. */
  readonly levels: 0 | 1 | 2;
  readonly reason: string;
}

export interface GradeAssessment {
  readonly outcome: string;
  /** Where the body of evidence starts: randomised trials high, observational studies low. */
  readonly start: 'high' | 'low';
  readonly domains: Readonly<Record<GradeDomain, GradeStep>>;
  /** Rating up (large effect, dose–response, plausible confounding), for evidence that starts low. */
  readonly up: GradeStep;
  /**
   * The comparator risk the Summary of findings assumes for a dichotomous outcome, when the reviewers take
   * it from elsewhere than the included studies (a cohort, a registry): per 1,000, and where it comes from.
   */
  readonly assumedRisk?: { readonly perThousand: number; readonly source: string };
}

const LEVELS: readonly Certainty[] = ['very low', 'low', 'moderate', 'high'];

/** The certainty the steps leave: start, minus the levels rated down, plus those rated up, within very low to high. */
export function certaintyOf(a: GradeAssessment): Certainty {
  const down = GRADE_DOMAINS.reduce((sum, [d]) => sum + a.domains[d].levels, 0);
  const i = (a.start === 'high' ? 3 : 1) - down + a.up.levels;
  return LEVELS[Math.max(0, Math.min(3, i))]!;
}

/** GRADE's symbols: ⊕⊕⊕⊕ high … ⊕◯◯◯ very low. */
export function certaintySymbols(c: Certainty): string {
  const n = LEVELS.indexOf(c) + 1;
  return '⊕'.repeat(n) + '◯'.repeat(4 - n);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses and checks an assessment for one of the protocol's outcomes. @throws MetasiftError INVALID_GRADE */
export function parseGrade(input: unknown, outcomeNames: readonly string[]): GradeAssessment {
  const issues: string[] = [];
  if (!isObject(input)) throw new MetasiftError('INVALID_GRADE', 'a GRADE assessment is an object with "outcome", "start", "domains" and "up"');
  const outcome = input['outcome'];
  if (typeof outcome !== 'string' || !outcomeNames.includes(outcome)) issues.push(`outcome: ${JSON.stringify(outcome)} is not an outcome of the protocol (${outcomeNames.join(', ') || 'none named'})`);
  const start = input['start'];
  if (start !== 'high' && start !== 'low') issues.push('start: must be "high" (randomised trials) or "low" (observational studies)');
  const step = (path: string, x: unknown): GradeStep => {
    if (x === undefined || x === null) return { levels: 0, reason: '' };
    if (!isObject(x)) return (issues.push(`${path}: must be an object with "levels" and "reason"`), { levels: 0, reason: '' });
    const levels = x['levels'] ?? 0;
    const reason = x['reason'] ?? '';
    if (levels !== 0 && levels !== 1 && levels !== 2) issues.push(`${path}.levels: must be 0, 1 or 2, got ${typeof levels === 'number' ? String(levels) : JSON.stringify(levels)}`);
    if (typeof reason !== 'string') issues.push(`${path}.reason: must be text`);
    else if (reason.length > 5000) issues.push(`${path}.reason: longer than 5000 characters`);
    else if ((levels === 1 || levels === 2) && !reason.trim()) issues.push(`${path}.reason: say why (GRADE asks a reason for every level rated ${path === 'up' ? 'up' : 'down'})`);
    return { levels: levels === 1 || levels === 2 ? levels : 0, reason: typeof reason === 'string' ? reason.trim() : '' };
  };
  const given = input['domains'] ?? {};
  if (!isObject(given)) issues.push('domains: must be an object');
  const d = isObject(given) ? given : {};
  for (const k of Object.keys(d)) if (!GRADE_DOMAINS.some(([id]) => id === k)) issues.push(`domains.${k}: not a GRADE domain (${GRADE_DOMAINS.map(([id]) => id).join(', ')})`);
  const domains = Object.fromEntries(GRADE_DOMAINS.map(([id]) => [id, step(`domains.${id}`, d[id])])) as Record<GradeDomain, GradeStep>;
  const up = step('up', input['up']);
  if (start === 'high' && up.levels > 0) issues.push('up: evidence from randomised trials starts high and is not rated up');
  const assumed = assumedRiskOf(input['assumedRisk'], issues);
  if (issues.length) throw new MetasiftError('INVALID_GRADE', `invalid GRADE assessment: ${issues.join('; ')}`, { field: issues[0]!.split(':')[0]! });
  return { outcome: outcome as string, start: start as 'high' | 'low', domains, up, ...(assumed && { assumedRisk: assumed }) };
}

/** An assumed comparator risk: 0 to 1,000 per 1,000, with its source; absent or null for the study population. */
function assumedRiskOf(x: unknown, issues: string[]): GradeAssessment['assumedRisk'] {
  if (x === undefined || x === null) return undefined;
  if (!isObject(x)) return void issues.push('assumedRisk: must be an object with "perThousand" and "source"');
  const n = x['perThousand'];
  const source = x['source'];
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 1000) issues.push(`assumedRisk.perThousand: a risk per 1,000 from 0 to 1,000, got ${JSON.stringify(n)}`);
  if (typeof source !== 'string' || !source.trim()) issues.push('assumedRisk.source: say where the assumed risk comes from (a cohort, a registry, a guideline)');
  else if (source.length > 300) issues.push('assumedRisk.source: longer than 300 characters');
  return typeof n === 'number' && typeof source === 'string' ? { perThousand: n, source: source.trim() } : undefined;
}

/** What the numbers say, per domain, for the reviewers to judge from. */
export interface GradeEvidence {
  readonly k: number;
  readonly participants: number | null;
  /** Pooled effect and its CI on the analysis scale, and the value of no effect on it (0). */
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly i2: number | null;
  readonly piLower: number | null;
  readonly piUpper: number | null;
  /** Studies with a final risk-of-bias judgement among the k, and how many of them are high (serious/critical) or some concerns (moderate). */
  readonly rob: { readonly assessed: number; readonly high: number; readonly some: number };
  /** Continuous outcome (optimal information size rule of thumb 400 participants) or dichotomous (300 events, not known here). */
  readonly continuous: boolean;
}

export function gradeHints(e: GradeEvidence): Record<GradeDomain, string> {
  const crosses = e.ciLower < 0 && e.ciUpper > 0;
  const pi = e.piLower !== null && e.piUpper !== null && e.piLower < 0 && e.piUpper > 0;
  const rob =
    e.rob.assessed === 0
      ? 'No study has a final risk-of-bias judgement yet.'
      : `${e.rob.high} of ${e.rob.assessed} studies at high risk of bias overall, ${e.rob.some} with some concerns${e.rob.assessed < e.k ? ` (${e.k - e.rob.assessed} not assessed yet)` : ''}.`;
  const inconsistency =
    e.k < 2 ? 'One study: inconsistency cannot be judged.' : `I² = ${e.i2 === null ? '—' : `${e.i2.toFixed(0)}%`}${e.piLower !== null ? `; the 95% prediction interval ${pi ? 'includes' : 'excludes'} no effect` : ''}.`;
  const size = e.participants === null ? 'participants not known' : `${e.participants} participants`;
  const ois = e.continuous && e.participants !== null ? (e.participants < 400 ? ', below the 400 of the optimal information size rule of thumb' : '') : '';
  const imprecision = `The 95% CI ${crosses ? 'includes' : 'excludes'} no effect; ${size}${ois}.`;
  const publicationBias = e.k < 10 ? `${e.k} ${e.k === 1 ? 'study' : 'studies'}: too few for a funnel plot test (10 or more).` : 'See the funnel plot and Egger’s test in the meta-analysis.';
  return { riskOfBias: rob, inconsistency, indirectness: 'Judge against the protocol’s population, intervention, comparator and outcome.', imprecision, publicationBias };
}

/** The footnote text of an assessment: each step taken, with its reason. */
export function gradeReasons(a: GradeAssessment): string[] {
  const out = GRADE_DOMAINS.filter(([d]) => a.domains[d].levels > 0).map(([d, label]) => `${label} (−${a.domains[d].levels}): ${a.domains[d].reason}`);
  if (a.up.levels > 0) out.push(`Rated up (+${a.up.levels}): ${a.up.reason}`);
  return out;
}
