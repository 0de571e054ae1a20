import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { influence, leave1out } from './influence.js';
import { rma } from './rma.js';

// dat.hackshaw1998 (shared/reference/metafor/hackshaw1998.csv): 37 studies whose Knapp–Hartung factor is below 1 (0.874),
// so the ad hoc correction (never below 1) differs from knha and agrees with the plain t test
const csv = readFileSync(join(import.meta.dirname, '../../../../../shared/reference/metafor/hackshaw1998.csv'), 'utf8').trim().split('\n').slice(1);
const rows = csv.map((line) => line.split(','));
const yi = rows.map((r) => Number(r[1]));
const vi = rows.map((r) => Number(r[2]));
const design = rows.map((r) => (r[3] === '"cohort"' ? 1 : 0));
const close = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-8 * Math.abs(want) + 1e-12);

describe('the tests of metafor’s rma(test = "t" | "knha" | "adhoc")', () => {
  it('t: t(k − p) with the model-based variance; knha: rescaled by s² = 0.874; adhoc: by max(1, s²)', () => {
    // R: rma(yi, vi, data = dat.hackshaw1998, test = …, control = ctrl): se, zval, pval, ci.lb, ci.ub, predict()$pi.lb
    const want = {
      t: [0.0493955340128994, 4.4313567204709, 8.41114938691451e-5, 0.118710445402524, 0.319068017816098, -0.100717083084688],
      knha: [0.0461686764117198, 4.74107660478103, 3.30548711465961e-5, 0.125254815945494, 0.312523647273128, -0.0987265913326807],
      adhoc: [0.0493955340128994, 4.4313567204709, 8.41114938691451e-5, 0.118710445402524, 0.319068017816098, -0.100717083084688],
    };
    for (const [test, w] of Object.entries(want)) {
      const m = rma({ yi, vi, test: test as 't' | 'knha' | 'adhoc' });
      expect(m.df).toBe(36);
      [m.se, m.statistic, m.pval, m.ci_lower, m.ci_upper, m.pi_lower].forEach((got, j) => close(got, w[j]!));
    }
  });
  it('adhoc carries into leave-one-out and the influence diagnostics', () => {
    const m = rma({ yi, vi, test: 'adhoc' });
    // R: leave1out(res)$se[1:3]; influence(res)$inf$rstudent[1:3] and cov.r[1:3]
    const l = leave1out(m);
    [0.0522228220950922, 0.0508114456506185, 0.049485410782806].forEach((w, i) => close(l.se[i]!, w));
    const inf = influence(m);
    [-0.273581332323258, 0.656385418189224, 0.647036234294831].forEach((w, i) => close(inf.rstudent[i]!, w));
    [1.11775161102156, 1.05815120971439, 1.00364237530973].forEach((w, i) => close(inf.cov_r[i]!, w));
  });
  it('t: the test of moderators is F(m, k − p), as with knha', () => {
    // R: rma(yi, vi, mods = ~ design, data = dat.hackshaw1998, test = "t"): QM 0.0447233899052343, QMp 0.833740098161353, QMdf c(1, 35)
    const m = rma({ yi, vi, test: 't', mods: { names: ['designcohort'], columns: [design] } });
    close(m.QM!, 0.0447233899052343);
    close(m.QM_pval!, 0.833740098161353);
    expect(m.df).toBe(35);
    close(m.coefficients[0]!.se, 0.0546273390971958);
    close(m.coefficients[1]!.se, 0.14022589358396);
  });
});
