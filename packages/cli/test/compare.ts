/** Tolerance comparison used by the golden tests: |got − expected| ≤ rel·|expected| + abs, recursively. */
export const REL_TOL = 1e-6;
export const ABS_TOL = 1e-9;

/** Returns the paths where `got` disagrees with `expected` (empty when they agree). */
export function mismatches(expected: unknown, got: unknown, path = ''): string[] {
  if (typeof expected === 'number') {
    if (typeof got !== 'number') return [`${path}: expected ${expected}, got ${JSON.stringify(got)}`];
    return Math.abs(got - expected) <= REL_TOL * Math.abs(expected) + ABS_TOL ? [] : [`${path}: expected ${expected}, got ${got}`];
  }
  if (expected === null || typeof expected !== 'object') {
    return expected === got ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length)
      return [`${path}: expected array of ${expected.length}, got ${Array.isArray(got) ? `array of ${got.length}` : typeof got}`];
    return expected.flatMap((e, i) => mismatches(e, got[i], `${path}[${i}]`));
  }
  if (got === null || typeof got !== 'object') return [`${path}: expected an object, got ${JSON.stringify(got)}`];
  const g = got as Record<string, unknown>;
  return Object.entries(expected).flatMap(([k, v]) => (k in g ? mismatches(v, g[k], `${path}.${k}`) : [`${path}.${k}: missing`]));
}
