import { describe, expect, it } from 'vitest';
import { TAU2_ESTIMATORS } from './index.js';
import { DEFAULT_TAU2_CONTROL } from '../control.js';
import { designWithIntercept } from '../rma.js';

// Registry contract: every estimator returns a finite τ² ≥ 0, deterministically, on heterogeneous and
// homogeneous data, with and without a moderator.
const heterogeneous = { yi: [0.1, -0.4, 0.35, 0.9, -0.2, 0.05, 0.6, -0.7, 1.2], vi: [0.04, 0.1, 0.02, 0.3, 0.05, 0.08, 0.12, 0.2, 0.06] };
const homogeneous = { yi: [0.2, 0.21, 0.19, 0.2, 0.205], vi: [0.1, 0.2, 0.15, 0.3, 0.25] };

describe.each(Object.entries(TAU2_ESTIMATORS))('%s estimator', (_name, estimate) => {
  it('gives a finite, non-negative, deterministic τ² on heterogeneous data', () => {
    const input = { ...heterogeneous, X: designWithIntercept(9) };
    const a = estimate(input, DEFAULT_TAU2_CONTROL);
    const b = estimate(input, DEFAULT_TAU2_CONTROL);
    expect(Number.isFinite(a.tau2)).toBe(true);
    expect(a.tau2).toBeGreaterThan(0);
    expect(a).toEqual(b);
  });
  it('handles homogeneous data (τ² at or near the boundary)', () => {
    const fit = estimate({ ...homogeneous, X: designWithIntercept(5) }, DEFAULT_TAU2_CONTROL);
    expect(fit.tau2).toBeGreaterThanOrEqual(0);
    expect(fit.tau2).toBeLessThan(0.01);
  });
  it('works with a moderator', () => {
    const X = designWithIntercept(9, { names: ['x'], columns: [[1, 2, 3, 4, 5, 6, 7, 8, 9]] });
    expect(estimate({ ...heterogeneous, X }, DEFAULT_TAU2_CONTROL).tau2).toBeGreaterThanOrEqual(0);
  });
});

describe('estimator identities', () => {
  it('EB and PM solve the same equation (as metafor documents)', () => {
    const input = { ...heterogeneous, X: designWithIntercept(9) };
    expect(TAU2_ESTIMATORS.EB(input, DEFAULT_TAU2_CONTROL).tau2).toBeCloseTo(TAU2_ESTIMATORS.PM(input, DEFAULT_TAU2_CONTROL).tau2, 12);
  });
  it('DL has the closed form max(0, (Q − (k − 1)) / (Σw − Σw²/Σw))', () => {
    const { yi, vi } = heterogeneous;
    const w = vi.map((v) => 1 / v);
    const sw = w.reduce((s, v) => s + v, 0);
    const mean = yi.reduce((s, y, i) => s + w[i]! * y, 0) / sw;
    const Q = yi.reduce((s, y, i) => s + w[i]! * (y - mean) ** 2, 0);
    const expected = Math.max(0, (Q - 8) / (sw - w.reduce((s, v) => s + v * v, 0) / sw));
    expect(TAU2_ESTIMATORS.DL({ yi, vi, X: designWithIntercept(9) }, DEFAULT_TAU2_CONTROL).tau2).toBeCloseTo(expected, 12);
  });
  it('REML stops with NONCONVERGENCE and a remedy when it runs out of iterations', () => {
    const input = { ...heterogeneous, X: designWithIntercept(9) };
    expect(() => TAU2_ESTIMATORS.REML(input, { ...DEFAULT_TAU2_CONTROL, maxIter: 1 })).toThrow(
      expect.objectContaining({ code: 'NONCONVERGENCE', message: expect.stringContaining('try method') }),
    );
  });
});
