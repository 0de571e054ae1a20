/**
 * The analysis table of one outcome from the studies' final extractions: one row per study that reports
 * it (per comparison for a multi-arm trial, its shared comparator group split; see comparisons.ts), with the characteristics as columns (so "mode" can be a subgroup) and the result in metafor's
 * escalc columns. When every study gives arm data of one kind, the raw columns are kept (m1i sd1i n1i
 * m2i sd2i n2i, or ai n1i ci n2i) so R recomputes the effects itself; when kinds are mixed, or a study
 * gives only an estimate with its 95% CI, every row becomes yi and vi on the measure's scale — arm data
 * through escalc, an estimate through the Cochrane Handbook's SE = (upper − lower) / (2 × 1.96), on the
 * log scale for ratio measures (section 6.3.1).
 */
import { MetasiftError } from '../errors.js';
import { escalc } from '../effects/escalc.js';
import { MEASURES, isMeasureCode } from '../effects/registry.js';
import type { MeasureCode } from '../effects/types.js';
import { qnorm } from '../stats/distributions.js';
import type { DataTable } from '../analysis/table.js';
import { expandComparisons, splitSharedComparators } from './comparisons.js';
import { CHARACTERISTICS, FAVOURS, OUTCOME_FIELDS, type CharacteristicDef, type ExtractionData, type NumberField, type OutcomeResult } from './form.js';

export interface ExtractedStudy {
  readonly label: string;
  readonly data: ExtractionData;
  /** A comparison of a multi-arm trial (see expandComparisons): the study's own label. */
  readonly study?: string;
  /** A comparison of a multi-arm trial whose comparator group is the study's shared one. */
  readonly sharesComparator?: boolean;
}

/** The column naming the study a row belongs to, present when a multi-arm trial gives more than one row. */
export const STUDY_ID_COLUMN = 'study_id';

export interface OutcomeTable {
  readonly table: DataTable;
  /** Which columns carry the result: the arm data of one kind, or yi and vi. */
  readonly layout: 'continuous' | 'binary' | 'yi-vi';
  readonly measure: MeasureCode;
  /** Studies that do not report the outcome, and conversions worth stating. */
  readonly notes: readonly string[];
  /** How the results were prepared for synthesis, for the methods (PRISMA 2020 item 13b). */
  readonly preparation: OutcomePreparation;
}

/** How one outcome's results were prepared for synthesis, by row label (see preparationText). */
export interface OutcomePreparation {
  /** Results taken as a reported estimate, its SE from its 95% CI. */
  readonly estimates: readonly string[];
  /** Whether arm data were put on the measure's scale beside estimates (the table in yi and vi). */
  readonly mixed: boolean;
  /** Results whose note says the calculator derived a mean or SD from other statistics. */
  readonly derived: readonly string[];
  /** Results reported as a direction only (vote counting, not the meta-analysis). */
  readonly directionOnly: readonly string[];
  /** Results missing a value the measure needs, or whose data cannot give it. */
  readonly incomplete: readonly string[];
  /** Multi-arm trials: the study and its comparisons reporting the outcome. */
  readonly multiArm: readonly { readonly study: string; readonly comparisons: number }[];
  /** Multi-arm trials whose shared comparator group was split, and those where it could not be. */
  readonly split: readonly string[];
  readonly unsplit: readonly string[];
}

/** A note the extraction form's calculator wrote (see effects/conversions/arm.ts). */
const DERIVED_NOTE = /SD from the SE|mean and SD (from the|estimated from)|mean and SD of two groups combined/i;

const fmt = (v: number | null | undefined): string => (v === null || v === undefined || Number.isNaN(v) ? '' : String(v));

/** The column of each study's overall risk-of-bias judgement for the outcome, in its tool's words. */
export const RISK_OF_BIAS_COLUMN = 'risk_of_bias';

/**
 * The outcome's table; studies are kept in the order given. With `appraisal` (study label → the final
 * overall judgement for this outcome, e.g. "High"), a risk_of_bias column, for subgroups and sensitivity
 * analyses; empty where a study has none. @throws MetasiftError UNKNOWN_MEASURE
 */
export function outcomeTable(
  studies: readonly ExtractedStudy[],
  outcome: string,
  measureCode: string,
  characteristicDefs: readonly CharacteristicDef[] = CHARACTERISTICS,
  appraisal: ReadonlyMap<string, string> = new Map(),
): OutcomeTable {
  if (!isMeasureCode(measureCode)) throw new MetasiftError('UNKNOWN_MEASURE', `unknown measure "${measureCode}" for ${outcome}`, { field: 'measure' });
  const measure = measureCode;
  const notes: string[] = [];
  const rowsOf = expandComparisons(studies);
  const reporting = rowsOf.filter((s) => {
    const r = s.data.outcomes[outcome];
    if (r?.kind === 'direction') notes.push(`${s.label} reports ${outcome} as a direction only (${r.favours ? FAVOURS[r.favours].toLowerCase() : 'not yet judged'}): it counts in the effect direction, not in the meta-analysis.`);
    else if (!r) notes.push(`${s.label} does not report ${outcome}.`);
    return r !== undefined && r.kind !== 'direction';
  });
  const shared = splitSharedComparators(reporting, outcome, notes);
  const resultOf = (s: ExtractedStudy): OutcomeResult => shared.results.get(s.label) ?? s.data.outcomes[outcome]!;
  const kinds = new Set(reporting.map((s) => resultOf(s).kind));
  const armKind = kinds.size === 1 && !kinds.has('estimate') ? (resultOf(reporting[0]!).kind as 'continuous' | 'binary') : null;
  const used = characteristicDefs.filter((c) => c.id !== 'notes' && reporting.some((s) => s.data.characteristics[c.id])).map((c) => c.id);
  const studyOf = (s: ExtractedStudy): string => s.study ?? s.label;
  const judged = reporting.some((s) => appraisal.has(studyOf(s)));
  const multiArm = reporting.some((s) => s.study !== undefined);
  const head = ['study', ...(multiArm ? [STUDY_ID_COLUMN] : []), ...used, ...(judged ? [RISK_OF_BIAS_COLUMN] : []), 'timepoint', 'instrument'];
  const describe = (s: ExtractedStudy): string[] => {
    const r = resultOf(s);
    return [s.label, ...(multiArm ? [studyOf(s)] : []), ...used.map((id) => s.data.characteristics[id] ?? ''), ...(judged ? [appraisal.get(studyOf(s)) ?? ''] : []), r.timepoint, r.instrument];
  };
  const arms = new Map<string, number>();
  for (const s of reporting) if (s.study !== undefined) arms.set(s.study, (arms.get(s.study) ?? 0) + 1);
  const preparation = (incomplete: string[]): OutcomePreparation => ({
    estimates: reporting.filter((s) => resultOf(s).kind === 'estimate').map((s) => s.label),
    mixed: !armKind && kinds.size > 1,
    derived: reporting.filter((s) => DERIVED_NOTE.test(resultOf(s).note)).map((s) => s.label),
    directionOnly: rowsOf.filter((s) => s.data.outcomes[outcome]?.kind === 'direction').map((s) => s.label),
    incomplete,
    multiArm: [...arms].filter(([, n]) => n > 1).map(([study, comparisons]) => ({ study, comparisons })),
    split: shared.split,
    unsplit: shared.unsplit,
  });
  if (armKind) {
    const fields = OUTCOME_FIELDS[armKind].map((f) => f.id);
    const missing = reporting.filter((s) => fields.some((f) => resultOf(s).values[f] == null)).map((s) => s.label);
    return {
      table: { columns: [...head, ...fields], rows: reporting.map((s) => [...describe(s), ...fields.map((f) => fmt(resultOf(s).values[f]))]) },
      layout: armKind,
      measure,
      notes,
      preparation: preparation(missing),
    };
  }
  const missing: string[] = [];
  const rows = reporting.map((s) => {
    const r = resultOf(s);
    const e = effectOf(r, measure, s.label, notes);
    if (!e) missing.push(s.label);
    return [...describe(s), r.kind === 'estimate' ? 'reported estimate' : 'arm data', fmt(e?.yi), fmt(e?.vi)];
  });
  return { table: { columns: [...head, 'source', 'yi', 'vi'], rows }, layout: 'yi-vi', measure, notes, preparation: preparation(missing) };
}

/** One result's effect on the measure's scale, or null (with a note) when it cannot be had. */
export function effectOf(r: OutcomeResult, measure: MeasureCode, label: string, notes: string[]): { yi: number; vi: number } | null {
  const v = r.values;
  const have = (ids: readonly NumberField[]): boolean => ids.every((id) => v[id] !== null && v[id] !== undefined);
  const fields = OUTCOME_FIELDS[r.kind].map((f) => f.id);
  if (r.kind === 'direction') return null; // no effect to compute: its direction is the reviewers' reading
  if (!have(fields)) return null; // left empty: the analysis reports the study as missing a value
  if (r.kind === 'estimate') {
    const scale = MEASURES[measure].scale;
    const t = scale === 'log' ? Math.log : scale === 'fisher-z' ? Math.atanh : scale === 'logit' ? (p: number) => Math.log(p / (1 - p)) : (x: number) => x;
    const [est, lo, hi] = [t(v.estimate!), t(v.ci_lower!), t(v.ci_upper!)];
    if (![est, lo, hi].every(Number.isFinite)) {
      notes.push(`${label}: the reported estimate and interval cannot be put on the ${measure} scale (${scale}).`);
      return null;
    }
    const se = (hi - lo) / (2 * qnorm(0.975));
    notes.push(`${label}: the ${measure} was taken as reported with SE from its 95% CI (SE = ${se.toPrecision(4)}).`);
    return { yi: est, vi: se * se };
  }
  const needs = MEASURES[measure].columnSets.some((set) => set.every((c) => fields.includes(c as NumberField)));
  if (!needs) {
    notes.push(`${label}: ${r.kind} data cannot give a ${measure}; enter the reported ${measure} with its 95% CI instead.`);
    return null;
  }
  const data: Record<string, number[]> = {};
  for (const f of fields) data[f] = [v[f]!];
  const out = escalc({ measure, data, k: 1 });
  return out.rows.length ? { yi: out.yi[0]!, vi: out.vi[0]! } : null;
}

/** The table as CSV text (RFC 4180 quoting), as `metasift meta` and R's read.csv read it. */
export function tableToCsv(table: DataTable): string {
  const cell = (v: string): string => (/[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [table.columns, ...table.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The characteristics of included studies (PRISMA 2020 item 17): one row per study with every
 * characteristic any study has, a multi-arm trial's comparisons, and the outcomes it reports.
 */
export function characteristicsTable(studies: readonly ExtractedStudy[], outcomeOrder: readonly string[] = [], characteristicDefs: readonly CharacteristicDef[] = CHARACTERISTICS): DataTable {
  const used = characteristicDefs.filter((c) => studies.some((s) => s.data.characteristics[c.id]));
  const order = (names: string[]): string[] => [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, 'en'));
  const rank = (name: string): number => (outcomeOrder.includes(name) ? outcomeOrder.indexOf(name) : outcomeOrder.length);
  const multiArm = studies.some((s) => (s.data.moreComparisons?.length ?? 0) > 0);
  const reported = (s: ExtractedStudy): string[] => [...new Set([...Object.keys(s.data.outcomes), ...(s.data.moreComparisons ?? []).flatMap((c) => Object.keys(c.outcomes))])];
  return {
    columns: ['Study', ...used.map((c) => c.label), ...(multiArm ? ['Comparisons'] : []), 'Outcomes reported'],
    rows: studies.map((s) => [s.label, ...used.map((c) => s.data.characteristics[c.id] ?? ''), ...(multiArm ? [comparisonsText(s.data)] : []), order(reported(s)).join('; ')]),
  };
}

/** A multi-arm trial's comparisons in words ("video; telephone (shared comparator); text"), '' for a two-arm study. */
export function comparisonsText(d: ExtractionData): string {
  const more = d.moreComparisons ?? [];
  if (more.length === 0) return '';
  const what = (c: { label: string; characteristics: Readonly<Record<string, string>> }): string => {
    const i = c.characteristics['intervention'];
    return i && i !== c.label ? `${c.label}: ${i}` : c.label;
  };
  return [what({ label: d.comparisonLabel ?? 'comparison 1', characteristics: d.characteristics }), ...more.map((c) => `${what(c)}${c.sharedComparator ? ' (shared comparator)' : ''}`)].join('; ');
}
