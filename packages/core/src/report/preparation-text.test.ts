import { describe, expect, it } from 'vitest';
import { armFromSummary } from '../effects/conversions/arm.js';
import type { ExtractionData, OutcomeResult } from '../extraction/form.js';
import { outcomeTable, type ExtractedStudy } from '../extraction/table.js';
import { preparationText } from './preparation-text.js';

const result = (kind: OutcomeResult['kind'], values: OutcomeResult['values'], note = ''): OutcomeResult => ({ kind, values, timepoint: '', instrument: '', note });
const cont = (n2i: number, note = ''): OutcomeResult => result('continuous', { m1i: 60, sd1i: 14, n1i: 40, m2i: 54, sd2i: 15, n2i }, note);
const study = (label: string, data: Partial<ExtractionData>): ExtractedStudy => ({ label, data: { characteristics: {}, outcomes: {}, ...data } });

describe('the data preparation paragraph (PRISMA 2020 item 13b)', () => {
  it('says what each outcome needed, naming the results, from how its table was made', () => {
    // the note the form's calculator writes for a mean and SD from a CI
    const how = armFromSummary({ from: 'ci', lower: 46, upper: 54, n: 41 }).how;
    const studies = [
      study('Smith 2020', {
        outcomes: { 'Quality of life': cont(51), Mortality: result('binary', { ai: 3, n1i: 48, ci: 7, n2i: 51 }) },
        comparisonLabel: 'video',
        moreComparisons: [{ label: 'telephone', sharedComparator: true, characteristics: {}, outcomes: { 'Quality of life': cont(51), Mortality: result('binary', { ai: 5, n1i: 50, ci: 7, n2i: 51 }) } }],
      }),
      study('Lee 2019', { outcomes: { 'Quality of life': cont(58, `Comparator: ${how}`), Mortality: result('estimate', { estimate: 0.7, ci_lower: 0.5, ci_upper: 0.98 }) } }),
      study('Ortiz 2021', { outcomes: { 'Quality of life': result('direction', { n1i: 30, n2i: 30 }), Mortality: result('binary', { ai: 2, n1i: 30, ci: null, n2i: 30 }) } }),
    ];
    const prepared = ['Quality of life', 'Mortality'].map((o) => ({ outcome: o, preparation: outcomeTable(studies, o, o === 'Mortality' ? 'RR' : 'SMD').preparation }));
    const p = preparationText(prepared)!;
    expect(p.item).toBe('13b');
    expect(p.text).toBe(
      [
        "1 result reported only as an effect estimate with its 95% confidence interval (Mortality: Lee 2019) was analysed with the standard error derived from the interval, SE = (upper − lower)/3.92, on the log scale for ratio measures (Cochrane Handbook 6.3.1); for Mortality, which mixed such estimates with arm data, every study's effect and sampling variance were computed first (as metafor's escalc does) and pooled from them.",
        'Means and standard deviations not reported as such were derived from the statistics reported (Quality of life: Lee 2019): from a standard error or a confidence interval of the mean (Cochrane Handbook 6.5.2.2), from the median with the interquartile range or range (Luo et al. 2018; Wan et al. 2014; Shi et al. 2020), or by combining two groups into one (Cochrane Handbook 6.5.2.10), as each result\'s extraction note records.',
        '1 result without numbers usable for an effect size (Quality of life: Ortiz 2021) was recorded by the direction of effect the report gives and counted in the vote counting by direction of effect (SWiM), not in the meta-analyses.',
        'Multi-arm trials (Smith 2020, 2 comparisons) contributed one comparison per intervention arm, each with its own characteristics (so each falls in its own subgroup); a comparator group shared by the comparisons was split between them as evenly as whole numbers allow, so that no participant was counted twice (Cochrane Handbook 23.3.4).',
        "Results missing a value that the outcome's effect measure needs were left out of its meta-analysis (Mortality: Ortiz 2021).",
      ].join(' '),
    );
  });

  it('knows every note the calculator writes, and no other', () => {
    const notes = [
      armFromSummary({ from: 'se', se: 2, n: 30 }).how,
      armFromSummary({ from: 'median', median: 5, q1: 3, q3: 8, n: 30 }).how,
      armFromSummary({ from: 'groups', n: 20, mean: 10, sd: 2, n2: 30, mean2: 12, sd2: 3 }).how,
      'Table 2, page 5',
    ];
    const t = outcomeTable(notes.map((note, i) => study(`S${i}`, { outcomes: { QoL: cont(40, note) } })), 'QoL', 'SMD');
    expect(t.preparation.derived).toEqual(['S0', 'S1', 'S2']);
  });

  it('says when nothing needed preparing, and says nothing without results', () => {
    const plain = outcomeTable([study('A', { outcomes: { QoL: cont(40) } }), study('B', { outcomes: { QoL: cont(41) } })], 'QoL', 'SMD');
    expect(preparationText([{ outcome: 'QoL', preparation: plain.preparation }])?.text).toBe('Every result was extracted as means, standard deviations and numbers per arm, or as events per arm, and used as reported: no conversion was needed.');
    expect(preparationText([])).toBeNull();
  });
});
