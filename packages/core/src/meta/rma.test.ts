import { describe, expect, it } from 'vitest';
import { rma } from './rma.js';
import { leave1out } from './influence.js';

const yi = [0.1, -0.4, 0.35, 0.9, -0.2, 0.05, 0.6, -0.7, 1.2];
const vi = [0.04, 0.1, 0.02, 0.3, 0.05, 0.08, 0.12, 0.2, 0.06];

describe('rma edge cases', () => {
  it('k = 0 is an error naming the problem', () => {
    expect(() => rma({ yi: [], vi: [] })).toThrow(expect.objectContaining({ code: 'NO_STUDIES' }));
  });
  it('k = 1: τ² = 0, the estimate is the study, Q = 0 with df 0, and a warning says so', () => {
    const m = rma({ yi: [0.5], vi: [0.04] });
    expect(m.estimate).toBeCloseTo(0.5, 14);
    expect(m.se).toBeCloseTo(0.2, 12);
    expect(m.tau2).toBe(0);
    expect(m.Q_df).toBe(0);
    expect(m.Q_pval).toBe(1);
    expect(m.warnings.map((w) => w.code)).toContain('K_ONE');
  });
  it('τ² at 0 gives the equal-effects estimate and a TAU2_ZERO warning', () => {
    const m = rma({ yi: [0.2, 0.21, 0.19, 0.2], vi: [0.1, 0.2, 0.15, 0.3], method: 'DL' });
    const ee = rma({ yi: [0.2, 0.21, 0.19, 0.2], vi: [0.1, 0.2, 0.15, 0.3], method: 'EE' });
    expect(m.tau2).toBe(0);
    expect(m.estimate).toBeCloseTo(ee.estimate, 14);
    expect(m.pi_lower).toBeCloseTo(m.ci_lower, 14);
    expect(m.warnings.map((w) => w.code)).toContain('TAU2_ZERO');
  });
  it('weights sum to 100%', () => {
    expect(rma({ yi, vi }).weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 10);
  });
  it('rejects a non-positive sampling variance naming the study', () => {
    expect(() => rma({ yi: [1, 2], vi: [0.1, 0] })).toThrow(expect.objectContaining({ code: 'INVALID_VALUE', row: 1, field: 'vi' }));
  });
  it('rejects a collinear moderator', () => {
    const x = yi.map((_, i) => i);
    expect(() => rma({ yi, vi, mods: { names: ['a', 'b'], columns: [x, x.map((v) => v * 3)] } })).toThrow(
      expect.objectContaining({ code: 'SINGULAR_DESIGN' }),
    );
  });
  it('knha widens the interval with t(k − 1)', () => {
    const z = rma({ yi, vi, method: 'DL' });
    const t = rma({ yi, vi, method: 'DL', test: 'knha' });
    expect(t.df).toBe(8);
    expect(t.estimate).toBeCloseTo(z.estimate, 14);
    expect(t.ci_upper - t.ci_lower).not.toBeCloseTo(z.ci_upper - z.ci_lower, 3);
  });
  it('level changes the interval width', () => {
    const a = rma({ yi, vi, level: 90 });
    const b = rma({ yi, vi, level: 99 });
    expect(b.ci_upper - b.ci_lower).toBeGreaterThan(a.ci_upper - a.ci_lower);
  });
});

describe('leave-one-out', () => {
  it('each entry equals a model fitted without that study', () => {
    const m = rma({ yi, vi, method: 'REML' });
    const l = leave1out(m);
    const without3 = rma({ yi: yi.filter((_, i) => i !== 3), vi: vi.filter((_, i) => i !== 3), method: 'REML' });
    expect(l.estimate).toHaveLength(9);
    expect(l.estimate[3]).toBeCloseTo(without3.estimate, 14);
    expect(l.tau2[3]).toBeCloseTo(without3.tau2, 14);
  });
});
