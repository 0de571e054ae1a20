import { describe, expect, it } from 'vitest';
import { evaluate, maximise, multilevelProblem } from './multilevel-likelihood.js';

// three correlations (ZCOR) in two clusters beside an intercept and a moderator: k − p = 1, so the
// restricted likelihood depends on one combination of σ²₁ and σ²₂ and its information has rank one
const yi = [0.665481857901, 0.777032260859, 0.773569049547];
const vi = [1 / 165, 1 / 37, 1 / 87];
const X = [
  [1, 6.1],
  [1, 8.6],
  [1, 5.3],
];

describe('the three-level likelihood', () => {
  it('has information of rank one where the data inform one combination of the variances', () => {
    const s = evaluate(multilevelProblem(yi, vi, ['c0', 'c0', 'c1'], X, true), 0.01, 0.01)!;
    const [[a, b], [c, d]] = s.info as [[number, number], [number, number]];
    expect(Math.abs(a * d - b * c)).toBeLessThan(1e-10 * a * d);
  });
  it('still climbs there, along the score, to the maximum (metafor with Nelder–Mead: σ² = (0, 0))', () => {
    const problem = multilevelProblem(yi, vi, ['c0', 'c0', 'c1'], X, true);
    const fit = maximise(problem, [0.01, 0.01]);
    expect(fit.sigma2).toEqual([0, 0]);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.state.ll).toBeGreaterThan(evaluate(problem, 0.01, 0.01)!.ll);
  });
  it('holds a component where it is told to', () => {
    const problem = multilevelProblem(yi, vi, ['c0', 'c0', 'c1'], X, false);
    expect(maximise(problem, [0.5, 0.2], [0.5, undefined]).sigma2[0]).toBe(0.5);
  });
});
