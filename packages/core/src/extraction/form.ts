/**
 * The data-extraction form: the study's characteristics (free text, the table of included studies) and,
 * for each outcome the protocol names, the result as the report gives it — means and SDs per arm, events
 * per arm, or an estimate with its 95% confidence interval (adjusted results, cluster trials). Arm 1 is
 * the intervention, arm 2 the comparator, as in metafor's escalc arguments.
 */

/** A characteristic of the study, shown as a column of the table of included studies. */
export interface CharacteristicDef {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  /** The answers allowed, when the field is a choice (e.g. "yes", "no"); free text when absent or empty. */
  readonly options?: readonly string[];
}

export const CHARACTERISTICS: readonly CharacteristicDef[] = [
  { id: 'design', label: 'Design', hint: 'e.g. RCT, cluster RCT, cohort, qualitative' },
  { id: 'country', label: 'Country', hint: '' },
  { id: 'setting', label: 'Setting', hint: 'e.g. home, outpatient clinic, hospice' },
  { id: 'participants', label: 'Participants', hint: 'population, number randomised or enrolled' },
  { id: 'intervention', label: 'Intervention', hint: '' },
  { id: 'mode', label: 'Mode of delivery', hint: 'e.g. video, telephone, text — a subgroup column' },
  { id: 'comparator', label: 'Comparator', hint: 'e.g. usual care' },
  { id: 'follow_up', label: 'Follow-up', hint: 'e.g. 12 weeks' },
  { id: 'funding', label: 'Funding', hint: '' },
  { id: 'notes', label: 'Notes', hint: '' },
];

/** The review's characteristics: the built-in ones, then the protocol's own fields, then Notes. */
export function characteristicsFor(custom: readonly CharacteristicDef[] = []): CharacteristicDef[] {
  const notes = CHARACTERISTICS.filter((c) => c.id === 'notes');
  return [...CHARACTERISTICS.filter((c) => c.id !== 'notes'), ...custom, ...notes];
}

export type OutcomeKind = 'continuous' | 'binary' | 'estimate' | 'direction';

/**
 * Which arm a result reported without usable numbers favours, as the report states it (a median, a p-value,
 * "improved in both groups"): the intervention, the comparator, or neither (no difference, or mixed).
 */
export type Favours = 'intervention' | 'comparator' | 'neither';
export const FAVOURS: Readonly<Record<Favours, string>> = { intervention: 'Favours the intervention', comparator: 'Favours the comparator', neither: 'No difference, or mixed' };

/** A numeric field of an outcome result: its key (metafor's escalc name where there is one) and label. */
export interface NumberFieldDef {
  readonly id: NumberField;
  readonly label: string;
  /** What the value must be. */
  readonly rule: 'count' | 'positive' | 'any';
}

export type NumberField = 'm1i' | 'sd1i' | 'n1i' | 'm2i' | 'sd2i' | 'n2i' | 'ai' | 'ci' | 'estimate' | 'ci_lower' | 'ci_upper';

export const OUTCOME_FIELDS: Readonly<Record<OutcomeKind, readonly NumberFieldDef[]>> = {
  continuous: [
    { id: 'm1i', label: 'Mean, intervention', rule: 'any' },
    { id: 'sd1i', label: 'SD, intervention', rule: 'positive' },
    { id: 'n1i', label: 'N, intervention', rule: 'count' },
    { id: 'm2i', label: 'Mean, comparator', rule: 'any' },
    { id: 'sd2i', label: 'SD, comparator', rule: 'positive' },
    { id: 'n2i', label: 'N, comparator', rule: 'count' },
  ],
  binary: [
    { id: 'ai', label: 'Events, intervention', rule: 'count' },
    { id: 'n1i', label: 'N, intervention', rule: 'count' },
    { id: 'ci', label: 'Events, comparator', rule: 'count' },
    { id: 'n2i', label: 'N, comparator', rule: 'count' },
  ],
  estimate: [
    { id: 'estimate', label: 'Estimate (as reported)', rule: 'any' },
    { id: 'ci_lower', label: '95% CI lower', rule: 'any' },
    { id: 'ci_upper', label: '95% CI upper', rule: 'any' },
  ],
  // SWiM's vote counting takes every result with a direction; the arms' sizes draw its arrow
  direction: [
    { id: 'n1i', label: 'N, intervention', rule: 'count' },
    { id: 'n2i', label: 'N, comparator', rule: 'count' },
  ],
};

/**
 * Names a review's own field may not take: the built-in characteristics' and the analysis tables' other
 * columns (study, risk of bias, time point, instrument, source, yi, vi and the result fields), which share one row.
 */
export const RESERVED_FIELD_IDS: ReadonlySet<string> = new Set([
  ...CHARACTERISTICS.map((c) => c.id),
  'study',
  'study_id',
  'timepoint',
  'instrument',
  'source',
  'yi',
  'vi',
  'favours',
  'risk_of_bias',
  ...Object.values(OUTCOME_FIELDS).flatMap((fs) => fs.map((f) => f.id)),
]);

export const OUTCOME_KIND_LABELS: Readonly<Record<OutcomeKind, string>> = {
  continuous: 'Means and SDs per arm',
  binary: 'Events per arm',
  estimate: 'Estimate with 95% CI',
  direction: 'Direction only (no usable numbers)',
};

/** One outcome's result as extracted; a number left empty is null (not reported, or not yet entered). */
export interface OutcomeResult {
  readonly kind: OutcomeKind;
  readonly values: Readonly<Partial<Record<NumberField, number | null>>>;
  /** The time point the numbers are for, e.g. "12 weeks". */
  readonly timepoint: string;
  /** The scale or instrument, e.g. "FACT-G". */
  readonly instrument: string;
  /** Where in the report, and anything the consensus should know (e.g. "SD from SE × √n"; for a direction only, what the report gives). */
  readonly note: string;
  /** A result reported as a direction only: the arm it favours (null until judged); absent for the other kinds. */
  readonly favours?: Favours | null;
}

/**
 * Another comparison of a multi-arm trial (e.g. telephone vs usual care beside video vs usual care): its
 * own results, and the characteristics that differ from the study's (the intervention, its mode). Each
 * comparison is a row of the analysis; a comparator group shared with the first comparison is split
 * between the comparisons that use it (Cochrane Handbook 23.3.4), so no participant counts twice.
 */
export interface MoreComparison {
  /** Short, shown after the study's label in tables and plots, e.g. "telephone". */
  readonly label: string;
  /** Whether its comparator group is the first comparison's (the same participants). */
  readonly sharedComparator: boolean;
  /** Only those that differ from the study's; the rest are the study's. */
  readonly characteristics: Readonly<Record<string, string>>;
  readonly outcomes: Readonly<Record<string, OutcomeResult>>;
}

/** At most this many comparisons besides the first (a five-arm trial against one control). */
export const MAX_MORE_COMPARISONS = 8;

/** The characteristics a comparison of a multi-arm trial usually changes (besides the review's own fields). */
export const ARM_CHARACTERISTICS: readonly string[] = ['intervention', 'mode', 'comparator'];

/** One reviewer's (or the consensus's) extraction of a study. */
export interface ExtractionData {
  readonly characteristics: Readonly<Record<string, string>>;
  /** By the protocol's outcome name; an outcome the study does not report is absent. */
  readonly outcomes: Readonly<Record<string, OutcomeResult>>;
  /** A multi-arm trial: the first comparison's short label (the one the fields above describe); absent for a two-arm study. */
  readonly comparisonLabel?: string;
  /** A multi-arm trial's other comparisons; absent (or empty) for a two-arm study. */
  readonly moreComparisons?: readonly MoreComparison[];
}

export const EMPTY_EXTRACTION: ExtractionData = { characteristics: {}, outcomes: {} };
