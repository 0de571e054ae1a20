/**
 * Brent's (1973) root finder — bisection, secant and inverse quadratic interpolation — taking the same
 * steps as R's uniroot() (its C routine zeroin2), so that where metafor stops a root search at uniroot's
 * tolerance we stop at the same point. The search keeps a bracket [b, c] with f(b) and f(c) of opposite
 * signs, b the best estimate so far, and ends when half the bracket is within
 * 2·DBL_EPSILON·|b| + tol/2, or f(b) = 0.
 */

export interface RootResult {
  readonly root: number;
  /** Function evaluations after the two at the ends of the interval. */
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * A root of f in [lower, upper], given fLower = f(lower) and fUpper = f(upper) of opposite signs
 * (or one of them 0), as uniroot(f, c(lower, upper), tol = tol, maxiter = maxIter)$root.
 */
export function zeroin(f: (x: number) => number, lower: number, upper: number, fLower: number, fUpper: number, tol: number, maxIter: number): RootResult {
  if (fLower === 0) return { root: lower, iterations: 0, converged: true };
  if (fUpper === 0) return { root: upper, iterations: 0, converged: true };
  let a = lower;
  let fa = fLower;
  let b = upper;
  let fb = fUpper;
  let c = a;
  let fc = fa;
  for (let iterations = 0; iterations <= maxIter; iterations++) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // make b the better estimate: rotate b ← c, c ← a (= old b)
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolerance || fb === 0) return { root: b, iterations, converged: true };

    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // try interpolation, as p/q with the division left to the end
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        // two distinct points: secant
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        // three: inverse quadratic
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // accept when b + p/q stays well inside the bracket and the step shrinks fast enough
      if (p < 0.75 * cb * q - Math.abs(tolerance * q) / 2 && p < Math.abs((previousStep * q) / 2)) step = p / q;
    }
    if (Math.abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return { root: b, iterations: maxIter + 1, converged: false };
}
