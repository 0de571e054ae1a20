import { describe, expect, it } from 'vitest';
import { absoluteEffects, comparatorRisk, interventionRisk, smdSize } from './absolute-effects.js';

const arms = { columns: ['study', 'ai', 'n1i', 'ci', 'n2i'], rows: [['A', '5', '100', '12', '100'], ['B', '8', '150', '18', '150']] };

describe('anticipated absolute effects (Summary of findings)', () => {
  it('takes the study population risk from the comparator arms', () => {
    // (12 + 18) / (100 + 150)
    expect(comparatorRisk(arms)).toBeCloseTo(0.12, 12);
    expect(comparatorRisk({ columns: ['ai', 'bi', 'ci', 'di'], rows: [['1', '9', '3', '7'], ['2', '8', '', '']] })).toBeCloseTo(0.3, 12);
    expect(comparatorRisk({ columns: ['yi', 'vi'], rows: [['0.1', '0.2']] })).toBeNull();
  });

  it('applies a risk ratio, an odds ratio and a risk difference to the comparator risk', () => {
    // Cochrane Handbook 14.1.5.1: RR × ACR; OR × ACR / (1 − ACR + OR × ACR); ACR + RD
    expect(interventionRisk('RR', Math.log(0.5), 0.12)).toBeCloseTo(0.06, 12);
    expect(interventionRisk('OR', Math.log(2), 0.2)).toBeCloseTo(0.4 / 1.2, 12);
    expect(interventionRisk('RD', -0.05, 0.12)).toBeCloseTo(0.07, 12);
    // never beyond 0 or 1
    expect(interventionRisk('RR', Math.log(10), 0.3)).toBe(1);
    expect(interventionRisk('RD', -0.5, 0.12)).toBe(0);
  });

  it('writes the cells as GRADE’s tables do: per 1,000, with the difference and the relative effect', () => {
    const e = absoluteEffects({ measure: 'RR', estimate: Math.log(0.49), ciLower: Math.log(0.34), ciUpper: Math.log(0.7) }, arms);
    // 120 × 0.49 = 58.8; × 0.34 = 40.8; × 0.70 = 84
    expect(e).toEqual({ comparator: '120 per 1,000', intervention: '59 per 1,000 (41 to 84)', difference: '61 fewer per 1,000 (from 79 fewer to 36 fewer)', relative: 'RR 0.49 (0.34 to 0.70)', comment: '' });
    const crossing = absoluteEffects({ measure: 'OR', estimate: Math.log(1.1), ciLower: Math.log(0.8), ciUpper: Math.log(1.5) }, arms, 0.12);
    expect(crossing.difference).toMatch(/^\d+ more per 1,000 \(from \d+ fewer to \d+ more\)$/);
    expect(absoluteEffects({ measure: 'PETO', estimate: 0, ciLower: -0.1, ciUpper: 0.1 }, arms).relative).toBe('Peto OR 1.00 (0.90 to 1.11)');
    // no arm data: the relative effect alone
    expect(absoluteEffects({ measure: 'RR', estimate: 0, ciLower: -0.2, ciUpper: 0.2 }, { columns: ['yi', 'vi'], rows: [] })).toMatchObject({ comparator: '', intervention: '', relative: 'RR 1.00 (0.82 to 1.22)' });
  });

  it('puts a continuous outcome’s pooled difference in words, with the comparator means for an MD', () => {
    const table = { columns: ['study', 'm1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'], rows: [['A', '3', '1', '40', '5.5', '1', '40'], ['B', '4', '1', '40', '6.25', '1', '40']] };
    expect(absoluteEffects({ measure: 'MD', estimate: -2.1, ciLower: -3.04, ciUpper: -1.2 }, table)).toEqual({
      comparator: 'mean 5.50 to 6.25',
      intervention: 'MD 2.10 lower (3.04 lower to 1.20 lower)',
      difference: '',
      relative: '',
      comment: '',
    });
    const smd = absoluteEffects({ measure: 'SMD', estimate: 0.81, ciLower: 0.09, ciUpper: 1.53 }, table);
    expect([smd.comparator, smd.intervention, smd.comment]).toEqual(['', 'SMD 0.81 higher (0.09 higher to 1.53 higher)', "A large effect by Cochrane's rule of thumb (SMD 0.2 small, 0.5 moderate, 0.8 large)."]);
    expect(absoluteEffects({ measure: 'SMD', estimate: -0.3, ciLower: -0.6, ciUpper: 0.05 }, table).intervention).toBe('SMD 0.30 lower (0.60 lower to 0.05 higher)');
    expect([0.1, 0.2, 0.5, 0.8, -1.44].map(smdSize)).toEqual(['a trivial difference', 'a small effect', 'a moderate effect', 'a large effect', 'a large effect']);
  });
});
