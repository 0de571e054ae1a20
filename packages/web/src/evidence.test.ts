import { describe, expect, it } from 'vitest';
import { evidenceOf, sofRow } from './evidence.js';

const grade = { outcome: 'Mortality', start: 'high' as const, domains: { riskOfBias: { levels: 0 as const, reason: '' }, inconsistency: { levels: 0 as const, reason: '' }, indirectness: { levels: 0 as const, reason: '' }, imprecision: { levels: 1 as const, reason: 'few events' }, publicationBias: { levels: 0 as const, reason: '' } }, up: { levels: 0 as const, reason: '' } };

describe('the Summary of findings row of an outcome', () => {
  it('gives a dichotomous outcome its risks per 1,000 from the study population and the pooled RR', () => {
    const csv = 'study,ai,n1i,ci,n2i\r\nA,5,100,12,100\r\nB,8,150,18,150\r\n';
    const e = evidenceOf({ outcome: 'Mortality', measure: 'RR', csv, studies: 2, notes: [] }, new Map());
    // R metafor: rma(measure = "RR", …, method = "REML"): RR 0.4334 [0.2316, 0.8112]; comparator risk 30/250;
    // × 120 per 1,000: 52.01 (27.79 to 97.35)
    const row = sofRow(e, grade);
    expect([row.comparator, row.intervention, row.relative, row.studies]).toEqual(['120 per 1,000', '52 per 1,000 (28 to 97); 68 fewer per 1,000 (from 92 fewer to 23 fewer)', 'RR 0.43 (0.23 to 0.81)', '2 (500)']);
    expect([row.certainty, row.comments]).toEqual(['⊕⊕⊕◯ MODERATE', 'Imprecision (−1): few events']);
  });

  it('says why there is no effect where there is none', () => {
    const row = sofRow(evidenceOf({ outcome: 'Mortality', measure: 'RR', csv: 'study,ai,n1i,ci,n2i\r\n', studies: 0, notes: [] }, new Map()), undefined);
    expect([row.comparator, row.intervention, row.relative, row.certainty]).toEqual(['', 'no study with final data', '', 'not rated']);
  });
});
