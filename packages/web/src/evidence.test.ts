import { describe, expect, it } from 'vitest';
import type { ExtractedOutcome } from './api.js';
import { evidenceOf, sofRow, withAssumed } from './evidence.js';

/** Mortality's table as the API gives it, nothing to say of its preparation. */
const extracted = (measure: string, csv: string, studies: number, comparisons = studies): ExtractedOutcome => ({
  outcome: 'Mortality',
  measure,
  csv,
  studies,
  comparisons,
  notes: [],
  preparation: { estimates: [], mixed: false, derived: [], directionOnly: [], incomplete: [], multiArm: [], split: [], unsplit: [] },
});

const grade = { outcome: 'Mortality', start: 'high' as const, domains: { riskOfBias: { levels: 0 as const, reason: '' }, inconsistency: { levels: 0 as const, reason: '' }, indirectness: { levels: 0 as const, reason: '' }, imprecision: { levels: 1 as const, reason: 'few events' }, publicationBias: { levels: 0 as const, reason: '' } }, up: { levels: 0 as const, reason: '' } };

describe('the Summary of findings row of an outcome', () => {
  it('gives a dichotomous outcome its risks per 1,000 from the study population and the pooled RR', () => {
    const csv = 'study,ai,n1i,ci,n2i\r\nA,5,100,12,100\r\nB,8,150,18,150\r\n';
    const e = evidenceOf(extracted('RR', csv, 2), new Map());
    // R metafor: rma(measure = "RR", …, method = "REML"): RR 0.4334 [0.2316, 0.8112]; comparator risk 30/250;
    // × 120 per 1,000: 52.01 (27.79 to 97.35)
    const row = sofRow(e, grade);
    expect([row.comparator, row.intervention, row.relative, row.studies]).toEqual(['120 per 1,000 (study population)', '52 per 1,000 (28 to 97); 68 fewer per 1,000 (from 92 fewer to 23 fewer)', 'RR 0.43 (0.23 to 0.81)', '2 (500)']);
    expect([row.certainty, row.comments]).toEqual(['⊕⊕⊕◯ MODERATE', 'Imprecision (−1): few events']);
    // the reviewers' assumed risk, 300 per 1,000 from a cohort: × 0.4334 (0.2316 to 0.8112) = 130 (69 to 243)
    const assumed = sofRow(e, { ...grade, assumedRisk: { perThousand: 300, source: 'high-risk cohort' } });
    expect([assumed.comparator, assumed.intervention]).toEqual(['300 per 1,000 (high-risk cohort)', '130 per 1,000 (69 to 243); 170 fewer per 1,000 (from 231 fewer to 57 fewer)']);
  });

  it('keeps an assumed risk off a continuous outcome, whose comparator is its groups’ means', () => {
    const csv = 'study,m1i,sd1i,n1i,m2i,sd2i,n2i\r\nA,3,1,40,5.5,1,40\r\nB,4,1,40,6.25,1,40\r\n';
    const e = evidenceOf(extracted('MD', csv, 2), new Map());
    const row = sofRow(e, { ...grade, assumedRisk: { perThousand: 300, source: 'cohort' } });
    expect(row.comparator).toBe('mean 5.50 to 6.25');
    expect(row.intervention).toMatch(/^MD 2\.\d\d lower \(/);
  });

  it('says why there is no effect where there is none', () => {
    const row = sofRow(evidenceOf(extracted('RR', 'study,ai,n1i,ci,n2i\r\n', 0), new Map()), undefined);
    expect([row.comparator, row.intervention, row.relative, row.certainty]).toEqual(['', 'no study with final data', '', 'not rated']);
  });

  it('reads the assumed risk as typed: blank for none, a number as a number, anything else as typed for the check to name', () => {
    const withRisk = { ...grade, assumedRisk: { perThousand: 300, source: 'cohort' } };
    expect(withAssumed(withRisk, '', '')).not.toHaveProperty('assumedRisk');
    expect(withAssumed(grade, '250', 'registry').assumedRisk).toEqual({ perThousand: 250, source: 'registry' });
    expect(withAssumed(grade, '2,5', 'registry').assumedRisk).toEqual({ perThousand: '2,5', source: 'registry' });
    expect(withAssumed(grade, '', 'registry').assumedRisk).toEqual({ perThousand: '', source: 'registry' });
  });

  it('tells the risk-of-bias domain what the effect is without the studies at high risk', () => {
    const csv = 'study,risk_of_bias,m1i,sd1i,n1i,m2i,sd2i,n2i\r\nA,Low,3,1,40,5.5,1,40\r\nB,High,4,1,40,6.25,1,40\r\nC,Low,3.5,1.2,30,5,1.1,30\r\n';
    const e = evidenceOf(extracted('MD', csv, 3), new Map([['B', 'high']]));
    // R: rma(measure = "MD", …, subset = rob != "High"): −2.019167 [−2.998428, −1.039905]
    expect(e.hints?.riskOfBias).toBe('1 of 1 studies at high risk of bias overall, 0 with some concerns (2 not assessed yet). Without the 1 study at high risk (High): MD −2.02 (−3.00 to −1.04), 2 studies.');
    const none = evidenceOf(extracted('MD', csv.replace(',High,', ',Low,'), 3), new Map());
    expect(none.hints?.riskOfBias).not.toContain('Without');
  });

  it('counts a multi-arm trial once, with its participants once, and finds its risk of bias by study', () => {
    // Smith's usual-care group of 51 split 26/25 between its video and telephone comparisons (as outcomeTable splits it)
    const csv = 'study,study_id,risk_of_bias,ai,n1i,ci,n2i\r\nSmith 2020 (video),Smith 2020,High,3,48,4,26\r\nSmith 2020 (telephone),Smith 2020,High,5,50,3,25\r\nLee 2019,Lee 2019,Low,9,60,15,58\r\n';
    const e = evidenceOf(extracted('RR', csv, 2, 3), new Map([['Smith 2020', 'high']]));
    expect([e.k, e.participants]).toEqual([2, 48 + 50 + 51 + 60 + 58]);
    expect(e.hints?.riskOfBias).toMatch(/^1 of 1 studies at high risk of bias overall, 0 with some concerns \(1 not assessed yet\)\./);
    expect(sofRow(e, grade).studies).toBe('2 (267)');
    expect(e.hints?.riskOfBias).toContain('Without the 1 study at high risk (High), fewer than two studies remain to pool.');
  });

  it('gives the publication-bias domain the funnel plot tests and adjusted estimates from ten studies on', () => {
    // dat.bcg's 13 trials as an extracted outcome (RR)
    const t = [[4, 123, 11, 139], [6, 306, 29, 303], [3, 231, 11, 220], [62, 13598, 248, 12867], [33, 5069, 47, 5808], [180, 1541, 372, 1451], [8, 2545, 10, 629], [505, 88391, 499, 88391], [29, 7499, 45, 7277], [17, 1716, 65, 1665], [186, 50634, 141, 27338], [5, 2498, 3, 2341], [27, 16913, 29, 17854]];
    const csv = `study,ai,n1i,ci,n2i\r\n${t.map((r, i) => `T${i + 1},${r.join(',')}`).join('\r\n')}\r\n`;
    const e = evidenceOf(extracted('RR', csv, 13), new Map());
    expect(e.hints?.publicationBias).toMatch(/^Egger's test p = 0\.19; trim-and-fill RR 0\.52 \(0\.37 to 0\.74\) with 1 imputed; PET-PEESE \(PET\) RR 0\.83 .*; selection model RR 0\.54 \(0\.32 to 0\.90\), test for selection p = 0\.62\.$/);
    const few = evidenceOf(extracted('RR', csv.split('\r\n').slice(0, 7).join('\r\n') + '\r\n', 6), new Map());
    expect(few.hints?.publicationBias).toBe('6 studies: too few for a funnel plot test (10 or more).');
  });
});
