import { describe, expect, it } from 'vitest';
import { armFromSummary } from './arm.js';
import { meanFromMedian, sdFromMedian } from './median.js';

describe("an arm's mean and SD from what the report gives", () => {
  it('takes the SD from an SE, and mean and SD from a CI of the mean with t below 60 participants, z above', () => {
    expect(armFromSummary({ from: 'se', n: 25, se: 2 })).toEqual({ sd: 10, how: 'SD from the SE (SD = SE × √n; Cochrane Handbook 6.5.2.2)' });
    // R: sqrt(41) * 8 / (2 * qt(0.975, 40)) = 12.6727073481
    const small = armFromSummary({ from: 'ci', n: 41, lower: 46, upper: 54 });
    expect(small.mean).toBe(50);
    expect(small.sd).toBeCloseTo(12.6727073481, 9);
    expect(small.how).toBe('mean and SD from the 95% CI (divisor 4.042, t, 40 df; Cochrane Handbook 6.5.2.2)');
    // R: sqrt(100) * 8 / (2 * qnorm(0.975)) = 20.408538277
    const large = armFromSummary({ from: 'ci', n: 100, lower: 46, upper: 54 });
    expect(large.sd).toBeCloseTo(20.408538277, 9);
    expect(large.how).toContain('divisor 3.920, z');
  });

  it('estimates mean and SD from the median with its IQR and/or range, saying which', () => {
    const five = { n: 40, min: 1, q1: 3, median: 5, q3: 7, max: 12 };
    const r = armFromSummary({ from: 'median', ...five });
    expect([r.mean, r.sd]).toEqual([meanFromMedian(five), sdFromMedian(five)]);
    expect(r.how).toMatch(/^mean and SD estimated from the median, IQR and range, assuming roughly normal data/);
    expect(armFromSummary({ from: 'median', n: 40, q1: 3, median: 5, q3: 7 }).how).toContain('from the median and IQR');
  });

  it('combines two groups into one arm, N, mean and SD (Handbook Table 6.5.a)', () => {
    // the pooled sample of both: mean (20·10 + 30·12)/50 = 11.2; SD √((19·4 + 29·9 + 20·30/50·(10 − 12)²)/49) = √(385/49)
    const r = armFromSummary({ from: 'groups', n: 20, mean: 10, sd: 2, n2: 30, mean2: 12, sd2: 3 });
    expect([r.n, r.mean]).toEqual([50, 11.2]);
    expect(r.sd).toBeCloseTo(Math.sqrt(385 / 49), 12);
    expect(r.how).toBe('N, mean and SD of two groups combined (20 + 30; Cochrane Handbook 6.5.2.10)');
    expect(() => armFromSummary({ from: 'groups', n: 20, mean: 10, sd: 2, n2: 30.5, mean2: 12, sd2: 3 })).toThrow('n2 must be a whole number of at least 1, got 30.5');
    expect(() => armFromSummary({ from: 'groups', n: 20, mean: 10, sd: -2, n2: 30, mean2: 12, sd2: 3 })).toThrow('first group: sd must be zero or more, got -2');
  });

  it('names what is wrong', () => {
    expect(() => armFromSummary({ from: 'ci', n: 41, lower: 54, upper: 46 })).toThrow('upper limit 46 is below lower limit 54');
    expect(() => armFromSummary({ from: 'se', n: 0, se: 2 })).toThrow('n must be a positive number, got 0');
    expect(() => armFromSummary({ from: 'median', n: 40, median: 5 })).toThrow('need min and max, q1 and q3, or all of them besides the median');
    expect(() => armFromSummary({ from: 'median', n: 40, q1: 6, median: 5, q3: 7 })).toThrow('values must satisfy min ≤ q1 ≤ median ≤ q3 ≤ max');
  });
});
