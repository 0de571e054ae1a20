import { describe, expect, it } from 'vitest';
import { abstractDraft, type AbstractInput } from './abstract.js';

const input: AbstractInput = {
  question: 'In adults with advanced cancer, does telehealth improve quality of life?',
  criteria: [
    { kind: 'inclusion', text: 'Adults with advanced cancer' },
    { kind: 'inclusion', text: 'Palliative care delivered at least partly by telehealth.' },
    { kind: 'exclusion', text: 'Caregivers only' },
  ],
  searches: [
    { database: 'MEDLINE', source: 'database', searchedOn: '2024-03-01' },
    { database: 'Embase', source: 'database', searchedOn: '2024-02-20' },
    { database: 'MEDLINE', source: 'database', searchedOn: '2023-01-05' },
    { database: 'ClinicalTrials.gov', source: 'register', searchedOn: '2024-03-02' },
    { database: 'Citation searching', source: 'other', searchedOn: null },
  ],
  robTools: ['RoB 2', 'ROBINS-I'],
  analyses: [
    { measure: 'SMD', method: 'REML' },
    { measure: 'SMD', method: 'REML' },
    { measure: 'RR', method: 'MH', level: 95 },
  ],
  studies: 42,
  results: [
    { outcome: 'Quality of life', k: 6, participants: 1204, effect: 'SMD 0.81 (0.09 to 1.53)', pooled: true, certainty: 'low' },
    { outcome: 'Depression', k: 1, participants: 74, effect: 'a single study', pooled: false, certainty: null },
    { outcome: 'Pain', k: 0, participants: null, effect: 'no study with final data', pooled: false, certainty: null },
  ],
  registryId: 'CRD42023400000',
};

describe('the structured abstract drafted from the records (PRISMA 2020 for Abstracts)', () => {
  it('writes each item in order, from the protocol, the searches, the tools and the pooled results', () => {
    const parts = abstractDraft(input);
    expect(parts.map((p) => `${p.section}: ${p.label}`)).toEqual([
      'Background: Objectives',
      'Methods: Eligibility criteria',
      'Methods: Information sources',
      'Methods: Risk of bias',
      'Methods: Synthesis methods',
      'Results: Included studies',
      'Results: Synthesis of results',
      'Discussion: Limitations of evidence',
      'Discussion: Interpretation',
      'Other: Funding',
      'Other: Registration',
    ]);
    const text = (label: string): string => parts.find((p) => p.label === label)!.text;
    expect(text('Eligibility criteria')).toBe('Included: Adults with advanced cancer; Palliative care delivered at least partly by telehealth. Excluded: Caregivers only.');
    // each database once, the latest search date of any source
    expect(text('Information sources')).toBe('MEDLINE and Embase, the trial register ClinicalTrials.gov and citation searching, searched up to 2 March 2024.');
    expect(text('Risk of bias')).toBe('Assessed with RoB 2 and ROBINS-I.');
    expect(text('Synthesis methods')).toBe(
      "Random-effects meta-analysis (REML) of standardised mean differences (Hedges' g) and Mantel–Haenszel common-effect meta-analysis of risk ratios (analysed on the log scale) with 95% confidence intervals; certainty of evidence by GRADE.",
    );
    expect(text('Included studies')).toBe('42 studies were included.');
    expect(text('Synthesis of results')).toBe(
      'Quality of life: SMD 0.81 (0.09 to 1.53) (6 studies, 1,204 participants; low certainty). Depression: 1 study, not pooled (a single study). Pain: no study with data.',
    );
    expect(parts.filter((p) => p.forAuthors).map((p) => p.label)).toEqual(['Limitations of evidence', 'Interpretation', 'Funding']);
    expect(text('Registration')).toBe('PROSPERO CRD42023400000.');
  });

  it('names the confidence levels used', () => {
    const parts = abstractDraft({ ...input, analyses: [{ measure: 'MD', method: 'DL', level: 90 }, { measure: 'MD', method: 'DL', level: 95 }] });
    expect(parts.find((p) => p.label === 'Synthesis methods')!.text).toBe('Random-effects meta-analysis (DerSimonian–Laird) of mean differences with 95% and 90% confidence intervals; certainty of evidence by GRADE.');
  });

  it('says what is not there yet rather than leaving a gap', () => {
    const parts = abstractDraft({ ...input, criteria: [], searches: [], robTools: [], analyses: [], studies: 1, results: [], registryId: '' });
    expect(parts.map((p) => p.text).slice(1, 7)).toEqual(['No eligibility criteria recorded.', 'No search recorded yet.', 'Not yet assessed.', 'No outcome pooled yet.', '1 study was included.', 'No outcome named in the protocol.']);
    expect(parts.at(-1)!.text).toBe('Not registered.');
  });
});
