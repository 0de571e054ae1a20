import { describe, expect, it } from 'vitest';
import { metaAnalysis } from './meta-analysis.js';

// two studies and one moderator: two coefficients, no degree of freedom left for τ²
const two = { columns: ['study', 'yi', 'vi', 'x'], rows: [['A', '2.4355', '0.5074', '9.5'], ['B', '-1.9723', '0.3038', '2.2']] };

describe('metaAnalysis: what metafor refuses', () => {
  it('refuses a random-effects meta-regression with no more studies than coefficients, and fits the common-effect one', () => {
    // R: rma(yi, vi, mods = ~ x, method = "REML") stops: "Number of parameters to be estimated is larger than the number of observations."
    for (const method of ['REML', 'DL', 'HE'])
      expect(() => metaAnalysis(two, { method, mods: ['x'] })).toThrow('k = 2 studies cannot estimate τ² beside 2 coefficients (metafor refuses it too); use --method EE, or fewer moderators');
    // R: rma(yi, vi, mods = ~ x, method = "EE"): intercept SE 0.74872464279598
    const ee = metaAnalysis(two, { method: 'FE', mods: ['x'] });
    expect((ee['coefficients'] as { se: number }[])[0]!.se).toBeCloseTo(0.74872464279598, 10);
  });
});

describe('metaAnalysis: trim-and-fill that does not settle', () => {
  it('says so, as metafor stops ("Trim and fill algorithm did not converge"), instead of reporting the last swing', () => {
    // seven ratios of means (ROM) under the Hedges estimator: k0 swings between 1 and 0
    const table = {
      columns: ['study', 'm1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'],
      rows: [
        ['S1', '33.61', '3.2', '17', '35.98', '11.27', '21'],
        ['S2', '26.48', '3', '74', '27.63', '7.24', '68'],
        ['S3', '20.17', '6.54', '77', '22', '11.06', '62'],
        ['S4', '36.22', '2.27', '56', '35.94', '3.22', '32'],
        ['S5', '25.22', '5.15', '13', '25.2', '8.09', '17'],
        ['S6', '22.58', '11.08', '66', '21.19', '6.42', '57'],
        ['S7', '40.53', '8.06', '40', '47.08', '3.82', '39'],
      ],
    };
    const r = metaAnalysis(table, { measure: 'ROM', method: 'HE', level: 90 });
    expect(r['trimfill']).toBeUndefined();
    expect(r['warnings']).toContainEqual({ code: 'NONCONVERGENCE', message: 'trim-and-fill not computed: the trim-and-fill algorithm did not converge in 100 iterations (k0 swings between 1 and 0)' });
    expect(r['egger']).toBeDefined();
  });
});
