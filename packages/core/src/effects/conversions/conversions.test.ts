import { describe, expect, it } from 'vitest';
import { ciDivisor, sdFromCi, sdFromMeanDifferenceP, sdFromSe } from './se-ci.js';
import { eta, meanFromMedian, sdFromMedian, xi } from './median.js';
import { changeSd, combineAllGroups, combineGroups, correlationFromSds, flipDirection } from './groups.js';

const sd = (x: number[]): number => {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
};

describe('SD from SE and CI (Cochrane Handbook 6.5.2.2)', () => {
  it('SD = SE × √N', () => {
    expect(sdFromSe(2, 25)).toBe(10);
  });
  it('large groups: a 95% CI is 3.92 standard errors wide', () => {
    expect(ciDivisor(200)).toBeCloseTo(3.92, 2);
    expect(sdFromCi(10, 13.92, 100)).toBeCloseTo(10, 2);
  });
  it('small groups use t: for n = 25 the divisor is 2 × 2.0639 = 4.128 (Handbook worked example)', () => {
    expect(ciDivisor(25) / 2).toBeCloseTo(2.0639, 4);
    expect(ciDivisor(25)).toBeCloseTo(4.128, 3);
    expect(ciDivisor(25, { distribution: 'z' })).toBeCloseTo(3.92, 2);
  });
  it('90% and 99% intervals use 3.29 and 5.15 (Handbook)', () => {
    expect(ciDivisor(1000, { level: 90 })).toBeCloseTo(3.29, 2);
    expect(ciDivisor(1000, { level: 99 })).toBeCloseTo(5.15, 2);
  });
  it('rejects a reversed interval and a non-positive n with codes', () => {
    expect(() => sdFromCi(5, 4, 10)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE', field: 'upper' }));
    expect(() => sdFromSe(1, 0)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE', field: 'n' }));
  });
});

describe('SD from a mean difference and its P value (Handbook 6.5.2.3 worked example)', () => {
  it('MD 3.8, P = 0.008, groups of 25 and 22: t = 2.78, SE = 1.37, SD ≈ 4.69', () => {
    // The Handbook obtains t with =tinv(0.008, 45) = 2.78 and SE = 3.8 / 2.78 = 1.37.
    const got = sdFromMeanDifferenceP(3.8, 0.008, 25, 22);
    expect(3.8 / (got * Math.sqrt(1 / 25 + 1 / 22))).toBeCloseTo(2.78, 2);
    expect(got).toBeCloseTo(4.68, 1);
  });
});

describe('mean and SD from median, quartiles and range', () => {
  // Values cross-checked with R's qnorm (independent of @stdlib): Rscript on the same equations.
  const five = { n: 50, min: 2, q1: 4, median: 5, q3: 7, max: 10 };
  it('Wan et al. 2014 SD: range (S1), IQR (S3), both (S2)', () => {
    expect(sdFromMedian({ n: 50, min: 2, median: 5, max: 10 })).toBeCloseTo(1.78306455384109, 10);
    expect(sdFromMedian({ n: 50, q1: 4, median: 5, q3: 7 })).toBeCloseTo(2.28991374246949, 10);
    expect(sdFromMedian(five, 'wan')).toBeCloseTo(2.03648914815529, 10);
  });
  it('Shi et al. 2020 optimally weighted SD from five numbers', () => {
    expect(sdFromMedian(five)).toBeCloseTo(1.99726680371535, 10);
  });
  it('Luo et al. 2018 means for S1, S2, S3', () => {
    expect(meanFromMedian({ n: 50, min: 2, median: 5, max: 10 })).toBeCloseTo(5.17541539653226, 10);
    expect(meanFromMedian(five)).toBeCloseTo(5.41288013795504, 10);
    expect(meanFromMedian({ n: 50, q1: 4, median: 5, q3: 7 })).toBeCloseTo(5.3539, 10);
  });
  it("Blom's ξ(n) is close to the exact expected range of normal samples (d2 constants)", () => {
    // d2 for n = 5, 10, 25 is 2.326, 3.078, 3.931 (expected range of n standard normal draws)
    expect(Math.abs(xi(5) - 2.326) / 2.326).toBeLessThan(0.02);
    expect(Math.abs(xi(10) - 3.078) / 3.078).toBeLessThan(0.02);
    expect(Math.abs(xi(25) - 3.931) / 3.931).toBeLessThan(0.02);
    // the expected IQR of a standard normal tends to 2 × 0.6745
    expect(eta(100000)).toBeCloseTo(1.349, 3);
  });
  it('symmetric data: the mean estimate is the median', () => {
    expect(meanFromMedian({ n: 30, min: 1, q1: 3, median: 5, q3: 7, max: 9 })).toBeCloseTo(5, 12);
  });
  it('rejects out-of-order summaries and missing spread', () => {
    expect(() => sdFromMedian({ n: 20, q1: 6, median: 5, q3: 7 })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
    expect(() => sdFromMedian({ n: 20, median: 5 })).toThrow(expect.objectContaining({ code: 'MISSING_VALUE' }));
  });
});

describe('combining groups (Handbook 6.5.2.10, Table 6.5.a)', () => {
  it('agrees exactly with the mean and SD of the pooled raw data', () => {
    const g1 = [12, 15, 9, 20, 14, 11];
    const g2 = [22, 18, 25, 19, 30];
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const c = combineGroups({ n: g1.length, mean: mean(g1), sd: sd(g1) }, { n: g2.length, mean: mean(g2), sd: sd(g2) });
    const all = [...g1, ...g2];
    expect(c.n).toBe(11);
    expect(c.mean).toBeCloseTo(mean(all), 12);
    expect(c.sd).toBeCloseTo(sd(all), 12);
  });
  it('folds more than two groups', () => {
    const groups = [
      [1, 2, 3],
      [4, 6, 9, 11],
      [2, 2, 7],
    ];
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const c = combineAllGroups(groups.map((g) => ({ n: g.length, mean: mean(g), sd: sd(g) })));
    expect(c.sd).toBeCloseTo(sd(groups.flat()), 12);
  });
});

describe('change-from-baseline SD (Handbook 6.5.2.8; worked example of 16.4.6.4)', () => {
  it('SDs 2.38 and 2.21 with r = 0.68 give an SD of differences whose SE for n = 10 is 0.583', () => {
    const sdDiff = changeSd(2.38, 2.21, 0.68);
    expect(sdDiff / Math.sqrt(10)).toBeCloseTo(0.583, 3);
  });
  it('recovers the correlation it was given', () => {
    expect(correlationFromSds(2.38, 2.21, changeSd(2.38, 2.21, 0.68))).toBeCloseTo(0.68, 12);
  });
  it('rejects a correlation outside [-1, 1]', () => {
    expect(() => changeSd(1, 1, 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE', field: 'r' }));
  });
});

describe('direction flip', () => {
  it('negates the mean and keeps the SD', () => {
    expect(flipDirection({ n: 10, mean: 4.5, sd: 2 })).toEqual({ n: 10, mean: -4.5, sd: 2 });
  });
});
