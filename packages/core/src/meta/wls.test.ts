import { describe, expect, it } from 'vitest';
import { glsAt, inverseVarianceWeights, wls } from './wls.js';
import { designWithIntercept } from './rma.js';

/** The k×k projection P = W − WX(XᵀWX)⁻¹XᵀW formed densely, as metafor does. */
function denseP(X: number[][], w: number[]): number[][] {
  const k = w.length;
  const p = X[0]!.length;
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, c) => X.reduce((s, row, i) => s + row[a]! * row[c]! * w[i]!, 0)));
  // invert A (p ≤ 3 here) by Gauss-Jordan
  const inv = A.map((row, i) => [...row, ...Array.from({ length: p }, (_, j) => (i === j ? 1 : 0))]);
  for (let i = 0; i < p; i++) {
    const piv = inv[i]![i]!;
    inv[i] = inv[i]!.map((v) => v / piv);
    for (let r = 0; r < p; r++) if (r !== i) inv[r] = inv[r]!.map((v, c) => v - inv[r]![i]! * inv[i]![c]!);
  }
  const Ainv = inv.map((row) => row.slice(p));
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) s += X[i]![a]! * Ainv[a]![c]! * X[j]![c]!;
      return (i === j ? w[i]! : 0) - w[i]! * s * w[j]!;
    }),
  );
}

describe('O(k·p²) weighted least squares kernel', () => {
  const yi = [0.1, -0.4, 0.35, 0.9, -0.2, 0.05, 0.6, -0.7];
  const vi = [0.04, 0.1, 0.02, 0.3, 0.05, 0.08, 0.12, 0.2];
  const mod1 = [1, 3, 2, 8, 5, 4, 7, 6];
  const mod2 = [0, 1, 0, 1, 1, 0, 0, 1];
  const design = designWithIntercept(8, { names: ['m1', 'm2'], columns: [mod1, mod2] });
  const rows = yi.map((_, i) => [1, mod1[i]!, mod2[i]!]);

  it.each([0, 0.07, 1.3])('yᵀPy, yᵀPPy, tr P and tr PP equal the dense k×k forms at τ² = %s', (tau2) => {
    const w = Array.from(inverseVarianceWeights(vi, tau2));
    const fit = wls(yi, design, w)!;
    const P = denseP(rows, w);
    const Py = P.map((row) => row.reduce((s, v, j) => s + v * yi[j]!, 0));
    const yPy = Py.reduce((s, v, i) => s + v * yi[i]!, 0);
    const yPPyDense = Py.reduce((s, v) => s + v * v, 0);
    const trP = P.reduce((s, row, i) => s + row[i]!, 0);
    const trPP = P.reduce((s, row) => s + row.reduce((t, v) => t + v * v, 0), 0);
    expect(fit.yPy).toBeCloseTo(yPy, 10);
    expect(fit.yPPy).toBeCloseTo(yPPyDense, 10);
    expect(fit.trP).toBeCloseTo(trP, 10);
    expect(fit.trPP).toBeCloseTo(trPP, 10);
  });

  it.each([0, 0.07, 1.3])('the allocation-free intercept-only path equals the dense forms at τ² = %s', (tau2) => {
    const w = Array.from(inverseVarianceWeights(vi, tau2));
    const fit = glsAt(yi, vi, designWithIntercept(8), tau2)!;
    const P = denseP(yi.map(() => [1]), w);
    const Py = P.map((row) => row.reduce((s, v, j) => s + v * yi[j]!, 0));
    expect(fit.yPy).toBeCloseTo(Py.reduce((s, v, i) => s + v * yi[i]!, 0), 10);
    expect(fit.yPPy).toBeCloseTo(Py.reduce((s, v) => s + v * v, 0), 10);
    expect(fit.trP).toBeCloseTo(P.reduce((s, row, i) => s + row[i]!, 0), 10);
    expect(fit.trPP).toBeCloseTo(P.reduce((s, row) => s + row.reduce((t, v) => t + v * v, 0), 0), 10);
  });

  it('reports a singular design instead of dividing by zero', () => {
    const collinear = designWithIntercept(8, { names: ['a', 'b'], columns: [mod1, mod1.map((v) => 2 * v)] });
    expect(wls(yi, collinear, inverseVarianceWeights(vi, 0))).toBeUndefined();
  });
});
