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
