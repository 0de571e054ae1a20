import { describe, expect, it } from 'vitest';
import { trimfill } from './bias.js';
import { rma } from './rma.js';

// Hedges' g of the small SMD fixture (packages/cli/test/fixtures/metafor-extra/smallsmd.csv)
const yi = [0.4225353152117527, 0.6321553482963235, -0.03162955624830707, 0.7798645023809146, 0.28187813657108807, 0.8842884141828483, 0.4853158783742553];
const vi = [0.24136217265820215, 0.18292982390285134, 0.30956228755567355, 0.08787267321844046, 0.13465758806461314, 0.21954914998645042, 0.06752198392980806];
const close = (got: number, want: number): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);

describe('trimfill', () => {
  it('refits the filled data with a z test at 95% whatever the model’s test and level, as metafor does', () => {
    // R 4.2.2, metafor 3.8.1: tf <- trimfill(rma(yi, vi, method = "REML", test = "knha", level = 90,
    //   control = list(threshold = 1e-10))); c(tf$k0, tf$beta, tf$se, tf$ci.lb, tf$ci.ub)
    const model = rma({ yi, vi, method: 'REML', test: 'knha', level: 90 });
    const tf = trimfill(model);
    expect(tf.k0).toBe(1);
    close(tf.estimate, 0.573239188199243);
    close(tf.se, 0.135779372390297);
    close(tf.ci_lower, 0.307116508470809);
    close(tf.ci_upper, 0.839361867927678);
    // the same as trim-and-fill of the z model at 95%
    const z = trimfill(rma({ yi, vi, method: 'REML' }));
    close(tf.ci_lower, z.ci_lower);
    close(tf.se, z.se);
  });
  it('returns the model itself, with its own test and level, when no study is imputed', () => {
    const sym = [0.1, 0.3, 0.2, 0.25, 0.15];
    const model = rma({ yi: sym, vi: [0.04, 0.04, 0.02, 0.03, 0.03], method: 'DL', test: 'knha', level: 90 });
    const tf = trimfill(model);
    expect(tf.k0).toBe(0);
    expect([tf.estimate, tf.se, tf.ci_lower, tf.ci_upper]).toEqual([model.estimate, model.se, model.ci_lower, model.ci_upper]);
  });
  it('refits with Paule-Mandel and empirical Bayes where metafor’s default root search and iteration stop', () => {
    // risk differences of the zero-cell fixture (packages/cli/test/fixtures/metafor-extra/zeros.csv).
    // R 4.2.2, metafor 3.8.1: tf <- trimfill(rma(yi, vi, method = M, control = list(threshold = 1e-12,
    //   tol = 1e-12))); c(tf$k0, tf$beta, tf$se, tf$ci.lb, tf$ci.ub, tf$tau2, tf$yi[tf$fill])
    const y = [-0.14285714285714285, 0.2380952380952381, 0, -0.10000000000000003, -0.125, -0.05882352941176472];
    const v = [0.007720548536875068, 0.010312061332469497, 0.001450842057350933, 0.02375, 0.006591796875, 0.007221958371968549];
    const expected = {
      PM: [-0.00762253723611974, 0.0515071652119413, -0.108574725997279, 0.0933296515250395, 0.127629870988847],
      EB: [-0.00762313309674815, 0.0514927961855401, -0.108547159083668, 0.093300892890172, 0.127629373394734],
    } as const;
    for (const method of ['PM', 'EB'] as const) {
      const tf = trimfill(rma({ yi: y, vi: v, method }));
      expect(tf.k0).toBe(1);
      const [estimate, se, lower, upper, filled] = expected[method];
      close(tf.estimate, estimate);
      close(tf.se, se);
      close(tf.ci_lower, lower);
      close(tf.ci_upper, upper);
      close(tf.filled.yi[0]!, filled);
    }
  });
});
