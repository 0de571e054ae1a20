import { describe, expect, it } from 'vitest';
import { cohenKappa } from './agreement.js';

/** Expands a k×k table of counts (rows: screener A, columns: screener B) into paired ratings. */
function pairs(table: number[][]): [number[], number[]] {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) => row.forEach((n, j) => { for (let t = 0; t < n; t++) { a.push(i); b.push(j); } }));
  return [a, b];
}

describe("Cohen's kappa", () => {
  // reference values from R psych::cohen.kappa (Fleiss, Cohen & Everitt 1969 variance), psych 2.2.9
  it('matches psych::cohen.kappa on a 2×2 table', () => {
    const [a, b] = pairs([[20, 5], [10, 15]]);
    const k = cohenKappa(a, b);
    expect(k.n).toBe(50);
    expect(k.agreement).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
    expect(k.se ** 2).toBeCloseTo(0.016128, 9);
    expect(k.ci[0]).toBeCloseTo(0.151092290477, 9);
    expect(k.ci[1]).toBeCloseTo(0.648907709523, 9);
    expect(k.pabak).toBeCloseTo(0.4, 12);
  });

  it('matches psych::cohen.kappa on a 3×3 table (include / maybe / exclude)', () => {
    // R: matrix(c(40,3,2,5,9,1,2,4,30),3) is filled by column
    const [a, b] = pairs([[40, 5, 2], [3, 9, 4], [2, 1, 30]]);
    const k = cohenKappa(a, b, [0, 1, 2]);
    expect(k.kappa).toBeCloseTo(0.712321523004, 10);
    expect(k.ci[0]).toBeCloseTo(0.592192814492, 9);
    expect(k.ci[1]).toBeCloseTo(0.832450231516, 9);
    expect(k.pabak).toBeCloseTo((3 * (79 / 96) - 1) / 2, 12);
  });

  it('holds the interval to [−1, 1]: 20 records, 19 agreed (the browser test\'s two plans)', () => {
    // one includes 3 and the other 2 of the same 20, disagreeing on one: kappa 0.77, SE 0.215
    const [a, b] = pairs([[2, 1], [0, 17]]);
    const k = cohenKappa(a, b, [0, 1]);
    expect(k.kappa).toBeCloseTo(0.7727272727, 9);
    // psych's Wald bounds are kappa ± 1.96 SE: the lower one stays, the upper (1.19) is held at 1
    expect(k.ci[0]).toBeCloseTo(k.kappa - 1.959963984540054 * k.se, 12);
    expect(k.kappa + 1.959963984540054 * k.se).toBeGreaterThan(1);
    expect(k.ci[1]).toBe(1);
    // and at the other end: two screeners who never agree
    const never = cohenKappa([0, 1, 0, 1], [1, 0, 1, 0], [0, 1]);
    expect(never.kappa).toBe(-1);
    expect(never.ci[0]).toBeGreaterThanOrEqual(-1);
  });

  it('PABAK differs from kappa when one category dominates', () => {
    // 90 agreed excludes, 2 agreed includes, 8 split: high agreement, low kappa
    const [a, b] = pairs([[2, 4], [4, 90]]);
    const k = cohenKappa(a, b, [0, 1]);
    expect(k.agreement).toBeCloseTo(0.92, 12);
    expect(k.kappa).toBeLessThan(0.3);
    expect(k.pabak).toBeCloseTo(0.84, 12);
  });

  it('is undefined (NaN) when both screeners used one category throughout, with PABAK 1', () => {
    const k = cohenKappa(['out', 'out'], ['out', 'out'], ['in', 'out']);
    expect(k.kappa).toBeNaN();
    expect(k.pabak).toBe(1);
  });

  it('rejects unpaired, empty or out-of-category ratings', () => {
    expect(() => cohenKappa([1], [1, 2])).toThrow(/pairs/);
    expect(() => cohenKappa([], [])).toThrow(/no item/);
    expect(() => cohenKappa(['in'], ['maybe'], ['in', 'out'])).toThrow(/item 1/);
  });
});
