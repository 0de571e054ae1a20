import { describe, expect, it } from 'vitest';
import { metaAnalysis } from '../analysis/meta-analysis.js';
import { parseDataTable } from '../analysis/parse-table.js';
import { errorOf } from '../testing/error-of.js';
import { metaText } from '../report/meta-text.js';
import { compareExtractions } from './compare.js';
import { expandComparisons, splitWhole } from './comparisons.js';
import { effectDirections } from './direction.js';
import type { ExtractionData, OutcomeResult } from './form.js';
import { resultsTables } from './results-table.js';
import { characteristicsTable, outcomeTable, tableToCsv, type ExtractedStudy } from './table.js';
import { parseExtraction } from './validate.js';

const OUTCOMES = ['Quality of life', 'Mortality'];
const cont = (m1i: number, sd1i: number, n1i: number, m2i: number, sd2i: number, n2i: number): OutcomeResult => ({ kind: 'continuous', values: { m1i, sd1i, n1i, m2i, sd2i, n2i }, timepoint: '12 weeks', instrument: 'FACT-G', note: '' });
const bin = (ai: number, n1i: number, ci: number, n2i: number): OutcomeResult => ({ kind: 'binary', values: { ai, n1i, ci, n2i }, timepoint: '', instrument: '', note: '' });

/** A three-arm trial (video, telephone, one usual-care group of 51) beside two two-arm studies. */
const SMITH: ExtractionData = {
  characteristics: { design: 'RCT', intervention: 'video consultations', mode: 'video', comparator: 'usual care' },
  outcomes: { 'Quality of life': cont(62.1, 14.2, 48, 54.3, 15.0, 51), Mortality: bin(3, 48, 7, 51) },
  comparisonLabel: 'video',
  moreComparisons: [{ label: 'telephone', sharedComparator: true, characteristics: { intervention: 'nurse telephone calls', mode: 'telephone' }, outcomes: { 'Quality of life': cont(58.4, 15.1, 50, 54.3, 15.0, 51), Mortality: bin(5, 50, 7, 51) } }],
};
const STUDIES: ExtractedStudy[] = [
  { label: 'Smith 2020', data: SMITH },
  { label: 'Lee 2019', data: { characteristics: { design: 'RCT', mode: 'telephone' }, outcomes: { 'Quality of life': cont(70.2, 12.8, 60, 66.0, 13.5, 58), Mortality: bin(9, 60, 15, 58) } } },
  { label: 'Ortiz 2021', data: { characteristics: { design: 'RCT', mode: 'video' }, outcomes: { 'Quality of life': cont(55.0, 16.4, 35, 52.1, 15.9, 36) } } },
];


describe('a multi-arm trial in the extraction', () => {
  it('is kept with its comparisons, trimmed, their characteristics checked like the study\'s', () => {
    const d = parseExtraction({ ...SMITH, comparisonLabel: ' video ', moreComparisons: [{ ...SMITH.moreComparisons![0], label: ' telephone ' }] }, OUTCOMES);
    expect(d.comparisonLabel).toBe('video');
    expect(d.moreComparisons).toEqual([{ ...SMITH.moreComparisons![0], label: 'telephone' }]);
    // a two-arm study stays as it was: no comparison fields appear
    expect(parseExtraction({ characteristics: {}, outcomes: {} }, OUTCOMES)).toEqual({ characteristics: {}, outcomes: {} });
  });

  it('names every bad part of a comparison by its path', () => {
    const e = errorOf(() =>
      parseExtraction(
        {
          characteristics: {},
          outcomes: {},
          moreComparisons: [
            { label: '', sharedComparator: 'yes', characteristics: { colour: 'red' }, outcomes: { Pain: {}, Mortality: { kind: 'binary', values: { ai: 9, n1i: 5 } } } },
            { label: 'Text', sharedComparator: true, characteristics: {}, outcomes: {} },
            { label: 'text', sharedComparator: true, characteristics: {}, outcomes: {} },
            'four',
          ],
        },
        OUTCOMES,
      ),
    );
    for (const part of [
      'comparisonLabel: a study with more than one comparison labels each, the first too',
      'moreComparisons.0.label: each comparison needs a label',
      'moreComparisons.0.sharedComparator: must be true or false',
      'moreComparisons.0.characteristics.colour: unknown characteristic',
      'moreComparisons.0.outcomes.Pain: not an outcome of the protocol',
      "moreComparisons.0.outcomes.Mortality.values.ai: 9 events is more than the arm's 5 participants",
      'moreComparisons.2.label: "text" labels another comparison of the study',
      'moreComparisons.3: must be an object',
    ])
      expect(e.message).toContain(part);
    expect(errorOf(() => parseExtraction({ characteristics: {}, outcomes: {}, moreComparisons: {} }, OUTCOMES)).field).toBe('moreComparisons');
    const nine = Array.from({ length: 9 }, (_, i) => ({ label: `arm ${i}`, sharedComparator: true, characteristics: {}, outcomes: {} }));
    expect(errorOf(() => parseExtraction({ characteristics: {}, outcomes: {}, comparisonLabel: 'a', moreComparisons: nine }, OUTCOMES)).message).toContain('at most 8 comparisons besides the first');
  });

  it('is compared comparison by comparison, a comparison one reviewer lacks counted once', () => {
    const other: ExtractionData = { ...SMITH, comparisonLabel: 'Video', moreComparisons: [{ ...SMITH.moreComparisons![0]!, sharedComparator: false, outcomes: { 'Quality of life': cont(58.4, 15.1, 50, 54.3, 15.0, 50) } }] };
    const c = compareExtractions(SMITH, other, OUTCOMES);
    expect(c.differences.map((d) => [d.path, d.label, d.a, d.b])).toEqual([
      ['comparisonLabel', 'Comparison 1: label', 'video', 'Video'],
      ['moreComparisons.0.sharedComparator', "Comparison 2: shares the first comparison's comparator group", 'yes', 'no'],
      ['moreComparisons.0.outcomes.Quality of life.values.n2i', 'Comparison 2: Quality of life: N, comparator', '51', '50'],
      ['moreComparisons.0.outcomes.Mortality', 'Comparison 2: Mortality: how the result is reported', 'binary', 'not reported'],
    ]);
    expect(c.differences.slice(1).every((d) => d.comparison === 0)).toBe(true);
    const twoArm = compareExtractions(SMITH, { ...SMITH, moreComparisons: [] }, OUTCOMES);
    expect(twoArm.differences.map((d) => [d.path, d.key, d.a, d.b])).toEqual([['moreComparisons.0', 'comparison', 'telephone', 'none']]);
  });
});

describe('a multi-arm trial in the analysis', () => {
  it('gives a row per comparison with its own characteristics, the shared comparator group split (Handbook 23.3.4)', () => {
    const t = outcomeTable(STUDIES, 'Quality of life', 'SMD', undefined, new Map([['Smith 2020', 'Some concerns'], ['Lee 2019', 'Low']]));
    expect(t.table.columns.slice(0, 6)).toEqual(['study', 'study_id', 'design', 'intervention', 'mode', 'comparator']);
    const col = (name: string): string[] => t.table.rows.map((r) => r[t.table.columns.indexOf(name)]!);
    expect(col('study')).toEqual(['Smith 2020 (video)', 'Smith 2020 (telephone)', 'Lee 2019', 'Ortiz 2021']);
    expect(col('study_id')).toEqual(['Smith 2020', 'Smith 2020', 'Lee 2019', 'Ortiz 2021']);
    expect(col('mode')).toEqual(['video', 'telephone', 'telephone', 'video']);
    expect(col('intervention')).toEqual(['video consultations', 'nurse telephone calls', '', '']);
    expect(col('risk_of_bias')).toEqual(['Some concerns', 'Some concerns', 'Low', '']);
    expect(col('n2i')).toEqual(['26', '25', '58', '36']);
    expect(col('m2i')).toEqual(['54.3', '54.3', '66', '52.1']);
    expect(t.notes).toContain('Smith 2020: its 2 comparisons share one comparator group (n = 51), split between them for Quality of life so no participant counts twice (Cochrane Handbook 23.3.4): n 26, 25.');
    // R: rma(measure = "SMD", ...) on the same four rows: 0.320585880267, SE 0.112033775692, tau² 0
    const r = metaAnalysis(parseDataTable(tableToCsv(t.table), 'qol.csv'), { measure: 'SMD' });
    expect(r['estimate']).toBeCloseTo(0.320585880267, 9);
    expect(r['se']).toBeCloseTo(0.112033775692, 9);
    expect([r['k'], r['studies']]).toEqual([4, 3]);
    expect(metaText(r).map((p) => p.text).join(' ')).toContain('Across 4 comparisons from 3 studies, the pooled SMD');
    // a table without multi-arm trials says studies, as before
    const two = metaAnalysis(parseDataTable(tableToCsv(outcomeTable(STUDIES.slice(1), 'Quality of life', 'SMD').table), 'two.csv'), { measure: 'SMD' });
    expect(two).not.toHaveProperty('studies');
    expect(metaText(two).map((p) => p.text).join(' ')).toContain('Across 2 studies, the pooled SMD');
  });

  it('splits events with the participants, as evenly as whole numbers allow', () => {
    const t = outcomeTable(STUDIES, 'Mortality', 'RR');
    const col = (name: string): string[] => t.table.rows.map((r) => r[t.table.columns.indexOf(name)]!);
    expect([col('ci'), col('n2i')]).toEqual([['4', '3', '15'], ['26', '25', '58']]);
    expect(t.notes).toContain('Smith 2020: its 2 comparisons share one comparator group (n = 51, 7 events), split between them for Mortality so no participant counts twice (Cochrane Handbook 23.3.4): n 26, 25; events 4, 3.');
    expect(t.notes).toContain('Ortiz 2021 does not report Mortality.');
    // R: rma(measure = "RR", method = "EE") on the split rows: −0.536871218453, SE 0.301900425287
    const r = metaAnalysis(parseDataTable(tableToCsv(t.table), 'm.csv'), { measure: 'RR', method: 'EE' });
    expect(r['estimate']).toBeCloseTo(-0.536871218453, 9);
    expect(r['se']).toBeCloseTo(0.301900425287, 9);
  });

  it('keeps separate comparator groups whole, and says what it cannot split', () => {
    const separate: ExtractedStudy = { label: 'Kim 2022', data: { ...SMITH, moreComparisons: [{ ...SMITH.moreComparisons![0]!, sharedComparator: false }] } };
    expect(outcomeTable([separate], 'Quality of life', 'SMD').table.rows.map((r) => r.at(-1))).toEqual(['51', '51']);
    const estimates: ExtractedStudy = {
      label: 'Ng 2018',
      data: { characteristics: {}, outcomes: { Mortality: { kind: 'estimate', values: { estimate: 0.8, ci_lower: 0.5, ci_upper: 1.3 }, timepoint: '', instrument: '', note: '' } }, comparisonLabel: 'a', moreComparisons: [{ label: 'b', sharedComparator: true, characteristics: {}, outcomes: { Mortality: bin(2, 20, 4, 21) } }] },
    };
    const e = outcomeTable([estimates], 'Mortality', 'RR');
    expect(e.table.rows).toHaveLength(2);
    expect(e.notes.join(' ')).toContain('Ng 2018: Ng 2018 (a), Ng 2018 (b) share a comparator group, but Mortality is not given as arm data of one kind for each, so it cannot be split');
    const differing: ExtractedStudy = { label: 'Poe 2017', data: { ...SMITH, outcomes: { 'Quality of life': cont(62.1, 14.2, 48, 54.3, 15.0, 50) } } };
    const d = outcomeTable([differing], 'Quality of life', 'SMD');
    expect(d.table.rows.map((r) => r.at(-1))).toEqual(['50', '51']);
    expect(d.notes.join(' ')).toContain('Poe 2017: Poe 2017 (video), Poe 2017 (telephone) are marked as sharing a comparator group, but its numbers differ between them for Quality of life');
  });

  it('leaves a two-arm review\'s tables exactly as they were', () => {
    const two = STUDIES.slice(1);
    expect(expandComparisons(two)).toEqual(two);
    expect(outcomeTable(two, 'Quality of life', 'SMD').table.columns).not.toContain('study_id');
    expect(characteristicsTable(two).columns).not.toContain('Comparisons');
  });

  it('stands each comparison in its own group of the effect direction plot, and in the results table as reported', () => {
    const d = effectDirections(STUDIES, [{ name: 'Quality of life', direction: 'higher', measure: 'SMD' }], 'mode');
    // the arrows sized as the analysis counts: Smith's usual-care group of 51 split 26/25
    expect(d.plot.studies.map((s) => [s.label, s.n])).toEqual([
      ['Smith 2020 (video)', 48 + 26],
      ['Ortiz 2021', 71],
      ['Smith 2020 (telephone)', 50 + 25],
      ['Lee 2019', 118],
    ]);
    expect(d.plot.studies.map((s) => [s.group, s.label])).toEqual([
      ['video', 'Smith 2020 (video)'],
      ['video', 'Ortiz 2021'],
      ['telephone', 'Smith 2020 (telephone)'],
      ['telephone', 'Lee 2019'],
    ]);
    const [qol] = resultsTables(STUDIES, [{ name: 'Quality of life', direction: 'higher', measure: 'SMD' }], () => new Map([['Smith 2020', 'High']]));
    expect(qol!.rows.map((r) => [r[0], r[2], r.at(-1)])).toEqual([
      ['Smith 2020 (video)', '99', 'High'],
      ['Smith 2020 (telephone)', '101', 'High'],
      ['Lee 2019', '118', 'not assessed'],
      ['Ortiz 2021', '71', 'not assessed'],
    ]);
  });

  it('lists the comparisons in the characteristics table', () => {
    const t = characteristicsTable(STUDIES, OUTCOMES);
    expect(t.columns).toContain('Comparisons');
    expect(t.rows[0]![t.columns.indexOf('Comparisons')]).toBe('video: video consultations; telephone: nurse telephone calls (shared comparator)');
    expect(t.rows[1]![t.columns.indexOf('Comparisons')]).toBe('');
  });
});

describe('splitWhole', () => {
  it('splits into whole numbers that add up, in proportion, earlier parts first on ties', () => {
    expect(splitWhole(51, [1, 1])).toEqual([26, 25]);
    expect(splitWhole(52, [1, 1, 1])).toEqual([18, 17, 17]);
    expect(splitWhole(7, [26, 25])).toEqual([4, 3]);
    expect(splitWhole(0, [26, 25])).toEqual([0, 0]);
    expect(splitWhole(10, [5, 5])).toEqual([5, 5]);
  });
});
