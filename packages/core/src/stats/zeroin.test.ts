import { describe, expect, it } from 'vitest';
import { zeroin } from './zeroin.js';

describe('zeroin (R uniroot’s steps)', () => {
  // R 4.2.2: r <- uniroot(f, interval, tol = tol); c(r$root, r$iter) — uniroot counts the two end
  // evaluations out of iter, as zeroin's iterations do here
  it('stops where uniroot stops, not at the exact root', () => {
    const f = (x: number): number => x ** 3 - 2 * x - 5;
    const r = zeroin(f, 2, 3, f(2), f(3), 1e-4, 1000);
    expect(r.root).toBe(2.0945512665841388);
    expect(r.iterations).toBe(5);
    const g = (x: number): number => Math.exp(x) - 10;
    const s = zeroin(g, 0, 100, g(0), g(100), 2 ** -13, 1000);
    expect(s.root).toBe(2.3025797648639434);
    expect(s.iterations).toBe(16);
    expect(Math.abs(s.root - Math.log(10))).toBeGreaterThan(1e-9); // uniroot's answer, not the root
  });
  it('returns an end whose value is 0, and says when it ran out of iterations', () => {
    expect(zeroin((x) => x, 0, 1, 0, 1, 1e-8, 10)).toEqual({ root: 0, iterations: 0, converged: true });
    const cube = (x: number): number => x ** 3 - 0.3;
    expect(zeroin(cube, -1, 1, cube(-1), cube(1), 1e-12, 2).converged).toBe(false);
    expect(zeroin(cube, -1, 1, cube(-1), cube(1), 1e-12, 100).converged).toBe(true);
  });
});
