import { describe, expect, it } from 'vitest';
import type { OutcomeResult } from './form.js';
import { resultsTables } from './results-table.js';
import type { ExtractedStudy } from './table.js';

const OUTCOMES = [
  { name: 'Quality of life', direction: 'higher' as const, measure: 'SMD' },
  { name: 'Mortality', direction: 'lower' as const, measure: 'RR' },
];
const result = (r: Partial<OutcomeResult> & Pick<OutcomeResult, 'kind' | 'values'>): OutcomeResult => ({ timepoint: '12 weeks', instrument: '', note: '', ...r });

describe('the results of individual studies (PRISMA item 19, SWiM tabulation)', () => {
  const studies: ExtractedStudy[] = [
    { label: 'Hoek 2017', data: { characteristics: { design: 'RCT' }, outcomes: { 'Quality of life': result({ kind: 'continuous', values: { m1i: 58, sd1i: 10, n1i: 40, m2i: 50, sd2i: 11, n2i: 41 }, instrument: 'FACT-G' }), Mortality: result({ kind: 'binary', values: { ai: 3, n1i: 40, ci: 6, n2i: 40 } }) } } },
    { label: 'Kidd 2019', data: { characteristics: { design: 'Cohort' }, outcomes: { 'Quality of life': result({ kind: 'direction', values: { n1i: 31, n2i: 29 }, favours: 'intervention', note: 'Median 70 vs 62, p = 0.03' }) } } },
    { label: 'Lee 2021', data: { characteristics: {}, outcomes: { Mortality: result({ kind: 'estimate', values: { estimate: 1.4, ci_lower: 0.9, ci_upper: 2.2 } }), 'Quality of life': result({ kind: 'continuous', values: { m1i: 60 } }) } } },
  ];

  it('tabulates every study with a result, pooled or not, with the effect as escalc computes it on the reader’s scale', () => {
    const [qol, mortality] = resultsTables(studies, OUTCOMES);
    expect(qol!.columns).toEqual(['Study', 'Design', 'Participants', 'Time point', 'Instrument', 'Result as reported', 'SMD (95% CI)', 'Direction']);
    // R: escalc("SMD", m1i=58, sd1i=10, n1i=40, m2i=50, sd2i=11, n2i=41): yi 0.75333759, CI 0.30257384 to 1.20410135
    expect(qol!.rows).toEqual([
      ['Hoek 2017', 'RCT', '81', '12 weeks', 'FACT-G', '58 (10), n = 40 vs 50 (11), n = 41', '0.75 (0.30 to 1.20)', '▲ favours the intervention'],
      ['Kidd 2019', 'Cohort', '60', '12 weeks', '', 'Median 70 vs 62, p = 0.03', 'not estimable', '▲ favours the intervention'],
      ['Lee 2021', '', '', '12 weeks', '', '60 (–) vs – (–)', 'not estimable', ''],
    ]);
    // R: exp of escalc("RR", ai=3, n1i=40, ci=6, n2i=40) and its CI: 0.5, 0.13426619 to 1.86197291; a reported RR as reported
    expect(mortality!.rows.map((r) => [r[0], r[5], r[6], r[7]])).toEqual([
      ['Hoek 2017', '3/40 vs 6/40', '0.50 (0.13 to 1.86)', '▲ favours the intervention'],
      ['Lee 2021', '1.4 (0.9 to 2.2)', '1.40 (0.90 to 2.20)', '▼ favours the comparator'],
    ]);
    expect(mortality!.columns[6]).toBe('RR (95% CI)');
  });

  it('gives each study’s risk of bias for the outcome when judgements are given, and says when a study has none', () => {
    const [qol] = resultsTables(studies, OUTCOMES, (outcome) => new Map(outcome === 'Quality of life' ? [['Hoek 2017', 'Some concerns']] : []));
    expect(qol!.columns.at(-1)).toBe('Risk of bias');
    expect(qol!.rows.map((r) => r.at(-1))).toEqual(['Some concerns', 'not assessed', 'not assessed']);
  });

  it('leaves the effect out for a measure metasift does not compute, keeping the rest', () => {
    const [t] = resultsTables(studies.slice(0, 1), [{ name: 'Quality of life', direction: 'higher', measure: 'HR' }]);
    expect(t!.columns[6]).toBe('HR (95% CI)');
    expect(t!.rows[0]!.slice(6)).toEqual(['not estimable', '']);
  });
});
