/**
 * Risk-of-bias judgements and their colours/symbols as robvis draws them (McGuinness & Higgins 2021):
 * green +, yellow −, red ×, dark red !, blue ? — readable without colour through the symbols.
 */
import { JBI_TOOLS } from './rob-jbi.js';

export type RobJudgement = 'low' | 'some' | 'moderate' | 'high' | 'serious' | 'critical' | 'unclear' | 'na' | 'yes' | 'cant-tell' | 'no' | 'include' | 'seek' | 'exclude';

export const ROB_STYLES: Readonly<Record<RobJudgement, { readonly fill: string; readonly symbol: string; readonly label: string }>> = {
  low: { fill: '#02C100', symbol: '+', label: 'Low' },
  some: { fill: '#E2DF07', symbol: '−', label: 'Some concerns' },
  moderate: { fill: '#E2DF07', symbol: '−', label: 'Moderate' },
  high: { fill: '#BF0000', symbol: '×', label: 'High' },
  serious: { fill: '#BF0000', symbol: '×', label: 'Serious' },
  critical: { fill: '#820000', symbol: '!', label: 'Critical' },
  unclear: { fill: '#4EA1F7', symbol: '?', label: 'No information' },
  na: { fill: '#cccccc', symbol: '', label: 'Not applicable' },
  // checklist answers (CASP): yes is no concern, no a concern, can't tell missing information
  yes: { fill: '#02C100', symbol: '+', label: 'Yes' },
  'cant-tell': { fill: '#4EA1F7', symbol: '?', label: 'Can’t tell' },
  no: { fill: '#BF0000', symbol: '×', label: 'No' },
  // an overall appraisal that decides inclusion (JBI)
  include: { fill: '#02C100', symbol: '+', label: 'Include' },
  seek: { fill: '#4EA1F7', symbol: '?', label: 'Seek further info' },
  exclude: { fill: '#BF0000', symbol: '×', label: 'Exclude' },
};

export interface RobToolDef {
  readonly name: string;
  /** Judgement levels from best to worst, with the labels the tool uses. */
  readonly levels: readonly RobJudgement[];
  readonly domains: readonly string[];
  /** A checklist answered yes / can't tell / no, whose authors give no rule for an overall judgement (CASP, MMAT). */
  readonly checklist?: true;
  /** The tool judges a result (one outcome of the study), not the whole study (RoB 2, ROBINS-I). */
  readonly perResult?: true;
  /** The tool's own words for a level where they differ from the usual label (JBI's "Unclear"). */
  readonly labels?: Readonly<Partial<Record<RobJudgement, string>>>;
  /** The overall judgement's levels where they are not the domains' (JBI's include / seek further info / exclude). */
  readonly overallLevels?: readonly RobJudgement[];
}

/** The levels a tool's overall judgement takes. */
export function overallLevelsOf(def: RobToolDef): readonly RobJudgement[] {
  return def.overallLevels ?? def.levels;
}

/** The levels a figure's legend shows: the domains' and the overall's, "no information" and "not applicable" only when used. */
export function figureLevels(def: RobToolDef, used: ReadonlySet<RobJudgement | null>): RobJudgement[] {
  return [...new Set([...def.levels, ...overallLevelsOf(def)])].filter((l) => (l !== 'unclear' && l !== 'na') || used.has(l));
}

/** A level as a tool (or a figure drawn for it) names it. */
export function levelLabel(j: RobJudgement, labels?: Readonly<Partial<Record<RobJudgement, string>>>): string {
  return labels?.[j] ?? ROB_STYLES[j].label;
}

const CHECKLIST: readonly RobJudgement[] = ['yes', 'cant-tell', 'no'];
// MMAT 2018 (Hong et al.): two screening questions for every study, then five criteria of the study's category
const MMAT_SCREENING = ['S1. Clear research questions', 'S2. Collected data allow the research questions to be addressed'];
const mmat = (category: string, criteria: readonly string[]): RobToolDef => ({ name: `MMAT ${category}`, levels: CHECKLIST, domains: [...MMAT_SCREENING, ...criteria], checklist: true });

/** Each tool's domains and judgement levels. */
export const ROB_TOOLS: Readonly<Record<string, RobToolDef>> = {
  rob2: {
    name: 'RoB 2',
    levels: ['low', 'some', 'high', 'unclear'],
    perResult: true,
    domains: [
      'Bias arising from the randomization process',
      'Bias due to deviations from intended interventions',
      'Bias due to missing outcome data',
      'Bias in measurement of the outcome',
      'Bias in selection of the reported result',
    ],
  },
  // the CASP checklist for qualitative research: its first nine questions, each answered yes, can't tell
  // or no (the tenth, how valuable the research is, has no such answer); CASP gives no overall rule
  'casp-qual': {
    name: 'CASP qualitative',
    levels: CHECKLIST,
    checklist: true,
    domains: [
      'Clear statement of the aims of the research',
      'Qualitative methodology appropriate',
      'Research design appropriate to the aims',
      'Recruitment strategy appropriate to the aims',
      'Data collected in a way that addressed the research issue',
      'Relationship between researcher and participants considered',
      'Ethical issues taken into consideration',
      'Data analysis sufficiently rigorous',
      'Clear statement of findings',
    ],
  },
  'robins-i': {
    name: 'ROBINS-I',
    levels: ['low', 'moderate', 'serious', 'critical', 'unclear'],
    perResult: true,
    domains: [
      'Bias due to confounding',
      'Bias due to selection of participants',
      'Bias in classification of interventions',
      'Bias due to deviations from intended interventions',
      'Bias due to missing data',
      'Bias in measurement of outcomes',
      'Bias in selection of the reported result',
    ],
  },
  'mmat-qual': mmat('qualitative', [
    '1.1 Qualitative approach appropriate to the research question',
    '1.2 Data collection methods adequate to the research question',
    '1.3 Findings adequately derived from the data',
    '1.4 Interpretation sufficiently substantiated by data',
    '1.5 Coherence between data sources, collection, analysis and interpretation',
  ]),
  'mmat-rct': mmat('randomized', [
    '2.1 Randomization appropriately performed',
    '2.2 Groups comparable at baseline',
    '2.3 Complete outcome data',
    '2.4 Outcome assessors blinded to the intervention',
    '2.5 Participants adhered to the assigned intervention',
  ]),
  'mmat-nrs': mmat('non-randomized', [
    '3.1 Participants representative of the target population',
    '3.2 Measurements appropriate for outcome and intervention (or exposure)',
    '3.3 Complete outcome data',
    '3.4 Confounders accounted for in design and analysis',
    '3.5 Intervention administered (or exposure occurred) as intended',
  ]),
  'mmat-desc': mmat('descriptive', [
    '4.1 Sampling strategy relevant to the research question',
    '4.2 Sample representative of the target population',
    '4.3 Measurements appropriate',
    '4.4 Risk of nonresponse bias low',
    '4.5 Statistical analysis appropriate to the research question',
  ]),
  // MMAT asks mixed methods studies to be appraised on these and on their components' own categories;
  // the components' answers go in 5.5's support
  'mmat-mixed': mmat('mixed methods', [
    '5.1 Adequate rationale for a mixed methods design',
    '5.2 Components effectively integrated to answer the research question',
    '5.3 Outputs of the integration adequately interpreted',
    '5.4 Divergences between quantitative and qualitative results addressed',
    '5.5 Components adhere to the quality criteria of their traditions',
  ]),
  ...JBI_TOOLS,
};

/**
 * Reads a judgement as reviewers write it ("Low", "Some concerns", "High", "Serious", "Critical",
 * "No information", "Unclear", "+", "-", "x", "?"; for checklists "Yes", "No", "Can't tell"); undefined when unrecognised.
 * Given a tool's levels, a judgement it does not use is undefined too, except where the tool's own level
 * is meant beyond doubt: robvis's symbols (+ − × ? !) read as the tool's level drawn with them (× is "No"
 * on a checklist), and "Some concerns" and "Moderate" as whichever of the two the tool has.
 */
export function parseJudgement(s: string, levels?: readonly RobJudgement[]): RobJudgement | undefined {
  const j = readJudgement(s);
  if (!levels || j === undefined || levels.includes(j)) return j;
  const bySymbol = levels.filter((l) => ROB_STYLES[l].symbol !== '' && ROB_STYLES[l].symbol === ROB_STYLES[j].symbol);
  const symbolWritten = ['+', '-', '−', 'x', '×', '?', '!'].includes(s.trim().toLowerCase());
  const someOrModerate = (j === 'some' && bySymbol[0] === 'moderate') || (j === 'moderate' && bySymbol[0] === 'some');
  return bySymbol.length === 1 && (symbolWritten || someOrModerate) ? bySymbol[0] : undefined;
}

function readJudgement(s: string): RobJudgement | undefined {
  const t = s.trim().toLowerCase();
  if (t === '') return undefined;
  if (['low', 'low risk', 'l', '+'].includes(t)) return 'low';
  if (['some concerns', 'some', 'moderate', 'm', '-', '−'].includes(t)) return t.startsWith('mod') || t === 'm' ? 'moderate' : 'some';
  if (['high', 'high risk', 'h', 'x', '×'].includes(t)) return 'high';
  if (['serious', 's'].includes(t)) return 'serious';
  if (['critical', 'c', '!'].includes(t)) return 'critical';
  if (['no information', 'unclear', 'ni', '?', 'no info', 'unclear risk'].includes(t)) return 'unclear';
  if (['na', 'n/a', 'not applicable'].includes(t)) return 'na';
  if (['yes', 'y'].includes(t)) return 'yes';
  if (['no', 'n'].includes(t)) return 'no';
  if (["can't tell", 'can’t tell', 'cant tell', 'cannot tell', 'ct'].includes(t)) return 'cant-tell';
  if (['include', 'included'].includes(t)) return 'include';
  if (['exclude', 'excluded'].includes(t)) return 'exclude';
  if (['seek further info', 'seek further information', 'seek'].includes(t)) return 'seek';
  return undefined;
}
