/**
 * PRISMA 2020 items 9 (data collection process) and 11 (study risk of bias assessment) written from the
 * recorded extractions and assessments: how many reviewers worked on each study, whether blinded, the
 * tools, how differences were settled, how often the two agreed, and — while the work goes on — what is
 * still open. Pure: the caller gathers the inputs.
 */
import { listOf, type ReportParagraph } from './selection-text.js';

export interface ExtractionProgress {
  readonly status: 'not started' | 'in progress' | 'to settle' | 'agreed' | 'settled';
  /** The first two extractions compared (fields either filled, fields both filled alike), when two exist. */
  readonly fields: { readonly compared: number; readonly agreed: number } | null;
}

export interface ExtractionTextInput {
  readonly reviewersPerRecord: 1 | 2;
  readonly blinding: boolean;
  /** One entry per included study. */
  readonly studies: readonly ExtractionProgress[];
}

const studies = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'study' : 'studies'}`;

/** What is still open, and how often the two agreed: the sentences items 9 and 11 share. */
function progressAndAgreement(input: ExtractionTextInput, work: string, unit: string): string[] {
  const n = input.studies.length;
  const out: string[] = [];
  const by = (s: ExtractionProgress['status']): number => input.studies.filter((x) => x.status === s).length;
  const open = [
    [by('not started'), `not yet ${work}`],
    [by('in progress'), input.reviewersPerRecord === 2 ? `${work} by one reviewer so far` : 'in progress'],
    [by('to settle'), 'awaiting consensus'],
  ] as const;
  const parts = open.filter(([k]) => k > 0).map(([k, what]) => `${studies(k)} ${what}`);
  if (parts.length) out.push(`${work === 'extracted' ? 'Data extraction' : 'Risk-of-bias assessment'} is not finished: of ${studies(n)} included, ${listOf(parts)}.`);
  const compared = input.studies.filter((x) => x.fields !== null);
  if (input.reviewersPerRecord === 2 && compared.length > 0) {
    const fields = compared.reduce((sum, x) => sum + x.fields!.compared, 0);
    const agreed = compared.reduce((sum, x) => sum + x.fields!.agreed, 0);
    const share = fields ? ` on ${((100 * agreed) / fields).toFixed(1)}% of the ${fields.toLocaleString('en-GB')} ${unit}` : '';
    const settled = by('settled');
    out.push(`For the ${studies(compared.length)} ${work} by both, the reviewers agreed${share}${settled ? `; ${studies(settled)} ${settled === 1 ? 'was' : 'were'} settled by consensus` : ''}.`);
  }
  return out;
}

/** The paragraph for item 9, or null while no study is included. */
export function extractionText(input: ExtractionTextInput): ReportParagraph | null {
  if (input.studies.length === 0) return null;
  const form =
    'on a form with the study’s characteristics and, for each outcome of the protocol, the result as reported (means, standard deviations and numbers per arm; events per arm; or an estimate with its 95% confidence interval), with the time point and instrument';
  const first =
    input.reviewersPerRecord === 2
      ? `Two reviewers extracted the data of each included study independently${input.blinding ? ', blinded to each other’s extractions until both were saved,' : ''} ${form}; the two extractions were compared field by field in metasift and differences were settled by consensus.`
      : `One reviewer extracted the data of each included study ${form}.`;
  return { item: '9', heading: 'Data collection process', text: [first, ...progressAndAgreement(input, 'extracted', 'fields either filled')].join(' ') };
}

export interface AppraisalTextInput extends ExtractionTextInput {
  /** The tools the final and ongoing assessments use, by name ("RoB 2", "ROBINS-I"). */
  readonly tools: readonly string[];
  /** Outcomes whose result some study's final assessment judged apart from its other results (RoB 2, ROBINS-I). */
  readonly outcomesApart?: readonly string[];
}

const TOOL_USE: Readonly<Record<string, string>> = {
  'RoB 2': 'the Cochrane RoB 2 tool for randomised trials',
  'ROBINS-I': 'ROBINS-I for non-randomised studies of interventions',
  'CASP qualitative': 'the CASP checklist for qualitative studies',
};

/** Tool families named once with their categories: the MMAT's and JBI's checklists, one per design. */
const FAMILIES: readonly { readonly categories: Readonly<Record<string, string>>; readonly use: (categories: string) => string }[] = [
  {
    categories: { 'MMAT qualitative': 'qualitative', 'MMAT randomized': 'randomised', 'MMAT non-randomized': 'non-randomised', 'MMAT descriptive': 'quantitative descriptive', 'MMAT mixed methods': 'mixed methods' },
    use: (c) => `the Mixed Methods Appraisal Tool (MMAT, version 2018) for ${c} studies`,
  },
  {
    categories: {
      'JBI randomized controlled trial': 'randomised controlled trials',
      'JBI quasi-experimental': 'quasi-experimental studies',
      'JBI cohort': 'cohort studies',
      'JBI analytical cross-sectional': 'analytical cross-sectional studies',
      'JBI case series': 'case series',
      'JBI qualitative': 'qualitative research',
    },
    use: (c) => `the JBI critical appraisal checklists for ${c}`,
  },
];

/** The tools by name, each family's categories said once ("the MMAT (version 2018) for its non-randomised and mixed methods categories"). */
function toolsUsed(names: readonly string[]): string {
  const grouped = FAMILIES.flatMap((f) => {
    const cats = names.filter((t) => f.categories[t]).map((t) => f.categories[t]!);
    return cats.length ? [f.use(listOf(cats))] : [];
  });
  const others = names.filter((t) => !FAMILIES.some((f) => f.categories[t])).map((t) => TOOL_USE[t] ?? t);
  return listOf([...others, ...grouped]);
}

/** The paragraph for item 11 (study risk of bias assessment), or null while no study is included. */
export function appraisalText(input: AppraisalTextInput): ReportParagraph | null {
  if (input.studies.length === 0) return null;
  const tools = input.tools.length ? toolsUsed(input.tools) : 'RoB 2 for randomised trials and ROBINS-I for non-randomised studies of interventions';
  const how = `with ${tools}, judging each domain and the study overall with support from the report`;
  const first =
    input.reviewersPerRecord === 2
      ? `Two reviewers assessed the risk of bias of each included study independently${input.blinding ? ', blinded to each other’s assessments until both were saved,' : ''} ${how}; differences in judgements were settled by consensus.`
      : `One reviewer assessed the risk of bias of each included study ${how}.`;
  const apart = input.outcomesApart ?? [];
  const results = apart.length
    ? [`As RoB 2 and ROBINS-I judge results rather than studies, a study's result for ${apart.length === 1 ? 'an outcome' : 'some outcomes'} (${listOf(apart)}) was judged apart where its risk of bias differed from the study's other results; the study's judgements hold for the rest.`]
    : [];
  return { item: '11', heading: 'Study risk of bias assessment', text: [first, ...results, ...progressAndAgreement(input, 'assessed', 'judgements')].join(' ') };
}
