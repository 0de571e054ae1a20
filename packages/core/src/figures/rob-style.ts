/**
 * Risk-of-bias judgements and their colours/symbols as robvis draws them (McGuinness & Higgins 2021):
 * green +, yellow −, red ×, dark red !, blue ? — readable without colour through the symbols.
 */
export type RobJudgement = 'low' | 'some' | 'moderate' | 'high' | 'serious' | 'critical' | 'unclear' | 'na' | 'yes' | 'cant-tell' | 'no';

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
};

/** Judgement levels of each tool, from best to worst, with the labels the tool uses. */
export const ROB_TOOLS: Readonly<Record<string, { readonly name: string; readonly levels: readonly RobJudgement[]; readonly domains: readonly string[] }>> = {
  rob2: {
    name: 'RoB 2',
    levels: ['low', 'some', 'high', 'unclear'],
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
    levels: ['yes', 'cant-tell', 'no'],
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
};

/**
 * Reads a judgement as reviewers write it ("Low", "Some concerns", "High", "Serious", "Critical",
 * "No information", "Unclear", "+", "-", "x", "?"; for checklists "Yes", "No", "Can't tell"); undefined when unrecognised.
 */
export function parseJudgement(s: string): RobJudgement | undefined {
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
  return undefined;
}
