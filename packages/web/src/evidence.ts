/**
 * Each protocol outcome's body of evidence as the GRADE page and the review report see it: the
 * random-effects meta-analysis (REML, the protocol's measure) of its final extracted table, the
 * participants, the final risk-of-bias judgements of its studies, the numbers GRADE's domains rest on,
 * and the saved GRADE rating.
 */
import { absoluteEffects, certaintyOf, isDichotomous, certaintySymbols, gradeHints, gradeReasons, metaAnalysis, parseDataTable, proseNumber, readerScale, riskOfBiasSubsets, robOverallFor, smallStudySummary, STUDY_ID_COLUMN, type AbsoluteEffects, type DataTable, type PooledEffect, type GradeAssessment, type SensitivityFit, type GradeDomain, type MetaAnalysisReport, type OutcomePreparation } from '@metasift/core';
import { api, extractedOutcomes, type AnalysisSpec, type ExtractedOutcome, type RobFigures } from './api.js';

export interface Evidence {
  outcome: string;
  /** Studies (a multi-arm trial's comparisons count once). */
  k: number;
  participants: number | null;
  /** "SMD 0.81 (0.09 to 1.53)", or why there is none. */
  effect: string;
  /** The Summary of findings' anticipated absolute and relative effects at the study population's risk (none without a pooled effect). */
  absolute: AbsoluteEffects | null;
  /** The pooled effect on the model's scale, to apply an assumed comparator risk to. */
  pooled: PooledEffect | null;
  hints: Record<GradeDomain, string> | null;
  /** How its results were prepared for synthesis (item 13b); null when its table could not be had. */
  preparation: OutcomePreparation | null;
  /** The analysis behind it (the pooled effect), and the saved analysis of record if any, for the report. */
  analysis: { table: DataTable; report: MetaAnalysisReport; measure: string; spec: AnalysisSpec | null } | null;
}

const HIGH = new Set(['high', 'serious', 'critical']);
const SOME = new Set(['some', 'moderate']);

/**
 * One outcome's evidence from its extracted table and the final risk-of-bias judgements by study label:
 * pooled with the saved analysis of record's measure, model (three-level too), test and level (REML, z, 95% and the
 * protocol's measure without one); its subgroups or moderators are for the report, not the pooled effect.
 */
export function evidenceOf(t: ExtractedOutcome, robOf: Map<string, string>, spec: AnalysisSpec | null = null): Evidence {
  const table: DataTable = parseDataTable(t.csv, `${t.outcome}.csv`);
  const col = (name: string): number => table.columns.indexOf(name);
  // a multi-arm trial gives a row per comparison: the study is its study_id
  const id = col(STUDY_ID_COLUMN) >= 0 ? col(STUDY_ID_COLUMN) : 0;
  const studies = [...new Set(table.rows.map((row) => row[id]!))];
  const k = studies.length;
  const [n1, n2] = [col('n1i'), col('n2i')];
  const participants = n1 >= 0 && n2 >= 0 ? table.rows.reduce((sum, r) => sum + (Number(r[n1]) || 0) + (Number(r[n2]) || 0), 0) : null;
  const preparation = t.preparation ?? null;
  if (k === 0) return { outcome: t.outcome, k, participants: null, effect: 'no study with final data', absolute: null, pooled: null, hints: null, preparation, analysis: null };
  try {
    const measure = spec?.measure || t.measure;
    // the analysis of record's model (a three-level model included); its subgroups and the like are the report's
    const model = { measure, method: spec?.method ?? 'REML', test: spec?.test ?? 'z', level: spec?.level ?? 95, ...(spec?.multilevel && { multilevel: spec.multilevel }) };
    const r = metaAnalysis(table, model);
    const { label, back } = readerScale(r);
    const num = (key: string): number => r[key] as number;
    const judged = studies.map((study) => robOf.get(study)).filter((j): j is string => j !== undefined);
    // the studies pooled (metafor's k counts rows with data; a multi-arm trial's comparisons are one study)
    const idOf = new Map(table.rows.map((row) => [row[0]!, row[id]!]));
    const pooledStudies = new Set(((r['study'] as string[] | undefined) ?? []).map((label) => idOf.get(label) ?? label)).size || num('k');
    const hints = gradeHints({
      k: pooledStudies,
      participants,
      ciLower: num('ci_lower'),
      ciUpper: num('ci_upper'),
      i2: typeof r['I2'] === 'number' ? num('I2') : null,
      piLower: typeof r['pi_lower'] === 'number' ? num('pi_lower') : null,
      piUpper: typeof r['pi_upper'] === 'number' ? num('pi_upper') : null,
      rob: { assessed: judged.length, high: judged.filter((j) => HIGH.has(j)).length, some: judged.filter((j) => SOME.has(j)).length },
      continuous: ['SMD', 'MD', 'ROM'].includes(measure),
    });
    const level = spec?.level ?? 95;
    const effect = `${label} ${proseNumber(back(num('estimate')))} (${level === 95 ? '' : `${level}% CI `}${proseNumber(back(num('ci_lower')))} to ${proseNumber(back(num('ci_upper')))})`;
    // what GRADE asks of risk of bias: does the effect hold without the studies at high risk?
    const without = withoutHighRisk(table, model, (label) => idOf.get(label) ?? label);
    if (without) hints.riskOfBias = `${hints.riskOfBias} ${without}`;
    // from ten studies, what the funnel plot tests and the adjusted estimates say
    const bias = pooledStudies >= 10 ? smallStudySummary(r) : null;
    if (bias) hints.publicationBias = bias;
    const pooled = { measure: String(r['measure']), estimate: num('estimate'), ciLower: num('ci_lower'), ciUpper: num('ci_upper') };
    return { outcome: t.outcome, k: pooledStudies, participants, effect, absolute: absoluteEffects(pooled, table), pooled, hints, preparation, analysis: { table, report: r, measure, spec } };
  } catch (e) {
    return { outcome: t.outcome, k, participants, effect: `not estimable: ${e instanceof Error ? e.message : String(e)}`, absolute: null, pooled: null, hints: null, preparation, analysis: null };
  }
}

/** "Without the 2 studies at high risk (High): SMD 0.52 (0.10 to 0.94), 4 studies." from the table's risk_of_bias column; null when none is high. */
function withoutHighRisk(table: DataTable, model: { measure: string; method: string; test: string; level: number; multilevel?: string }, studyOf: (label: string) => string): string | null {
  const { withoutHigh } = riskOfBiasSubsets(table);
  if (!withoutHigh) return null;
  const high = withoutHigh.values;
  const r = metaAnalysis(table, { ...model, sensitivity: [withoutHigh], diagnostics: false });
  const f = (r['sensitivity'] as SensitivityFit[])[0]!;
  const n = new Set(f.left_out.map(studyOf)).size;
  const who = `Without the ${n} ${n === 1 ? 'study' : 'studies'} at high risk (${high.join(', ')})`;
  if (f.note) return f.k < 2 ? `${who}, fewer than two studies remain to pool.` : `${who}, the model cannot be fitted (${f.note}).`;
  const { label, back } = readerScale(r);
  return `${who}: ${label} ${proseNumber(back(f['estimate'] as number))} (${proseNumber(back(f['ci_lower'] as number))} to ${proseNumber(back(f['ci_upper'] as number))}), ${new Set(f.rows.map((row) => studyOf(table.rows[row - 1]![0]!))).size} studies.`;
}

/** Every protocol outcome's evidence, the saved ratings, and the risk-of-bias figures' data. */
export async function loadEvidence(reviewId: number, outcomes: readonly { name: string }[]): Promise<{ evidence: Evidence[]; grades: GradeAssessment[]; figures: RobFigures }> {
  const r = `/reviews/${reviewId}`;
  const [tables, figures, grades, specs] = await Promise.all([
    extractedOutcomes(reviewId, outcomes),
    api<RobFigures>('GET', `${r}/appraisal/figures`),
    api<GradeAssessment[]>('GET', `${r}/grade`),
    api<AnalysisSpec[]>('GET', `${r}/analyses`),
  ]);
  // each outcome's overall judgements: of its results where a study judged them apart, else the study's
  const robOf = (outcome: string): Map<string, string> => robOverallFor(figures, outcome);
  const specOf = (o: string): AnalysisSpec | null => specs.find((x) => x.outcome === o) ?? null;
  const evidence = tables.map((t) => ('error' in t ? { outcome: t.outcome, k: 0, participants: null, effect: `not available: ${t.error}`, absolute: null, pooled: null, hints: null, preparation: null, analysis: null } : evidenceOf(t, robOf(t.outcome), specOf(t.outcome))));
  return { evidence, grades, figures };
}

/** One line of the Summary of findings table, in the columns of Cochrane's: absolute effects, relative effect, studies, certainty, comments. */
export interface SofRow {
  outcome: string;
  studies: string;
  participants: string;
  /** The pooled effect as analysed: "SMD 0.81 (0.09 to 1.53)", or why there is none. */
  effect: string;
  /** Risk with the comparator (study population, per 1,000) or the comparator groups' means. */
  comparator: string;
  /** Risk with the intervention and the difference, or the pooled difference in words; else `effect`. */
  intervention: string;
  relative: string;
  certainty: string;
  /** How to read the effect (an SMD's size), then the reasons for rating down or up. */
  comments: string;
}

export function sofRow(e: Evidence, a: GradeAssessment | undefined): SofRow {
  const c = a ? certaintyOf(a) : null;
  // the reviewers' assumed comparator risk, where they gave one, in place of the study population's
  const assumed = a?.assumedRisk && e.pooled && e.analysis && isDichotomous(e.pooled.measure) ? a.assumedRisk : null;
  const x = assumed ? absoluteEffects(e.pooled!, e.analysis!.table, assumed.perThousand / 1000) : e.absolute;
  return {
    outcome: e.outcome,
    studies: `${e.k}${e.participants !== null ? ` (${e.participants})` : ''}`,
    participants: e.participants === null ? '' : String(e.participants),
    effect: e.effect,
    comparator: x?.comparator && e.pooled && isDichotomous(e.pooled.measure) ? `${x.comparator} (${assumed ? assumed.source : 'study population'})` : (x?.comparator ?? ''),
    intervention: x?.intervention ? [x.intervention, x.difference].filter(Boolean).join('; ') : x?.relative ? '' : e.effect,
    relative: x?.relative ?? '',
    certainty: c ? `${certaintySymbols(c)} ${c.toUpperCase()}` : 'not rated',
    comments: [x?.comment ?? '', a ? gradeReasons(a).join(' ') : ''].filter(Boolean).join(' '),
  };
}

/** The assessment with the assumed comparator risk as typed: none when the risk is blank (the core checks the rest). */
export function withAssumed(a: GradeAssessment, perThousand: string, source: string): GradeAssessment {
  const rest: GradeAssessment = { outcome: a.outcome, start: a.start, domains: a.domains, up: a.up };
  if (!perThousand.trim() && !source.trim()) return rest;
  // a number as a number; anything else as typed, for the check to name it
  const n = Number(perThousand);
  return { ...rest, assumedRisk: { perThousand: (perThousand.trim() && Number.isFinite(n) ? n : perThousand) as number, source } };
}
