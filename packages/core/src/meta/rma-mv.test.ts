import { describe, expect, it } from 'vitest';
import { errorOf } from '../testing/error-of.js';
import { rmaMultilevel } from './rma-mv.js';

// The first 24 rows of metadat's dat.konstantopoulos2011 (schools within districts); expected values
// from R 4.2.2 metafor 3.8.1: rma.mv(yi, vi, random = ~ 1 | district/school, control = list(rel.tol = 1e-10))
const district = ['11', '11', '11', '11', '12', '12', '12', '12', '18', '18', '18', '27', '27', '27', '27', '56', '56', '56', '56', '58', '58', '58', '58', '58'];
const yi = [-0.18, -0.22, 0.23, -0.3, 0.13, -0.26, 0.19, 0.32, 0.45, 0.38, 0.29, 0.16, 0.65, 0.36, 0.6, 0.08, 0.04, 0.19, -0.06, -0.18, 0, 0, -0.28, -0.04];
const vi = [0.118, 0.118, 0.144, 0.144, 0.014, 0.014, 0.015, 0.024, 0.023, 0.043, 0.012, 0.02, 0.004, 0.004, 0.007, 0.019, 0.007, 0.005, 0.004, 0.02, 0.018, 0.019, 0.022, 0.02];
const year = [1976, 1976, 1976, 1976, 1989, 1989, 1989, 1989, 1994, 1994, 1994, 1976, 1976, 1976, 1976, 1997, 1997, 1997, 1997, 1976, 1976, 1976, 1976, 1976];

/** The reference cases' rule: |got − expected| ≤ 1e-6·|expected| + 1e-9. */
function near(got: number, expected: number): void {
  expect(Math.abs(got - expected), `${got} vs ${expected}`).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-9);
}

describe('rmaMultilevel (metafor rma.mv, random = ~ 1 | cluster/es_id)', () => {
  it('REML, z: variance components, the pooled effect, its prediction interval, logLik, Q and weights as metafor', () => {
    const r = rmaMultilevel({ yi, vi, cluster: district });
    const expected = [0.0470497867371, 0.0169532563526, 0.138351691354, 0.0987108661474, 1.40158522313, 0.16103914215, -0.0551180511772, 0.331821433886, -0.393903506557, 0.670606889266, 0.989358740507, 150.748712734, 1.16887259446, 1.16887259446];
    const got = [...r.sigma2, r.estimate, r.se, r.statistic, r.pval, r.ci_lower, r.ci_upper, r.pi_lower, r.pi_upper, r.logLik, r.Q, r.weights[0]!, r.weights[1]!];
    got.forEach((g, i) => near(g, expected[i]!));
    expect(r.nlevels).toEqual([6, 24]);
    expect(r.Q_df).toBe(23);
    expect(r.df).toBeNull();
    expect(r.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    // I² per level and in all add up: σ²₁ and σ²₂ over the same total
    near(r.I2, r.I2_levels[0] + r.I2_levels[1]);
    expect(r.I2_levels[0] / r.I2_levels[1]).toBeCloseTo(r.sigma2[0] / r.sigma2[1], 10);
  });

  it("each level's profile-likelihood interval and likelihood-ratio test as metafor's confint() and anova()", () => {
    const r = rmaMultilevel({ yi, vi, cluster: district, levelInference: true });
    const [between, within] = r.levels!;
    // confint(res, control = list(tol = 1e-10)); anova(res, update(res, sigma2 = c(0, NA))) and c(NA, 0)
    [...between.ci, ...within.ci].forEach((g, i) => near(g, [0.0094279195, 0.266288907, 0.0041376076, 0.0524101296][i]!));
    near(between.LRT, 8.39093326437);
    near(between.pval, 0.00377097242608);
    near(within.LRT, 12.5851144108);
    near(within.pval, 0.000388831230682);
    expect(rmaMultilevel({ yi, vi, cluster: district }).levels).toBeUndefined();
  });

  it('ML with a moderator and t tests (k − p df): coefficients and the F test as metafor', () => {
    const r = rmaMultilevel({ yi, vi, cluster: district, method: 'ML', test: 't', mods: { names: ['year'], columns: [year] } });
    const expected = [0.0376836745553, 0.0171293536026, -4.46216299585, 0.00231834912348, 19.8950890481, 0.0100221457163, 0.0535101599872, 0.819202066275, 0.871051320539];
    const got = [...r.sigma2, r.coefficients[0]!.estimate, r.coefficients[1]!.estimate, r.coefficients[0]!.se, r.coefficients[1]!.se, r.QM!, r.QM_pval!, r.logLik];
    got.forEach((g, i) => near(g, expected[i]!));
    expect(r.df).toBe(22);
    expect(r.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'year']);
  });

  it('holds a variance at 0 when its optimum is on the boundary (metafor stops at 2.3e-12 on the log scale)', () => {
    const r = rmaMultilevel({ yi: [0.1, 0.12, 0.5, 0.52, 0.3, 0.28, 0.9, 0.88], vi: [0.01, 0.012, 0.02, 0.015, 0.01, 0.02, 0.03, 0.01], cluster: ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'] });
    expect(r.sigma2[1]).toBe(0);
    // a level estimated at 0: its interval starts at 0, and the model without it is the same model
    const inferred = rmaMultilevel({ yi: [0.1, 0.12, 0.5, 0.52, 0.3, 0.28, 0.9, 0.88], vi: [0.01, 0.012, 0.02, 0.015, 0.01, 0.02, 0.03, 0.01], cluster: ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'], levelInference: true });
    expect(inferred.levels![1].ci[0]).toBe(0);
    expect(inferred.levels![1].ci[1]).toBeGreaterThan(0);
    expect([inferred.levels![1].LRT, inferred.levels![1].pval]).toEqual([0, 1]);
    [r.sigma2[0], r.estimate, r.se, r.logLik].forEach((g, i) => near(g, [0.104822455622, 0.447704033489, 0.167226615137, 2.6245887163][i]!));
    expect(r.warnings.map((w) => w.message)).toEqual(['the variance within clusters is estimated at 0']);
  });

  it("ends the search for an upper bound where metafor's confint() does (10, or 100 σ²), and says the bound lies beyond", () => {
    const yiMd = [-0.61, -0.8, -0.06, -5.63, -1.79, -5.68, 1.58, 0.93, 1.8, -6.05, -2.82];
    const viMd = [4.336714055448098, 2.7978196721311477, 2.040615873015873, 4.856071709401711, 10.358673529411766, 2.90242, 3.816954051012754, 8.868475714285715, 20.593251648351643, 15.278435034013606, 2.960809735654417];
    const r = rmaMultilevel({ yi: yiMd, vi: viMd, cluster: ['c0', 'c0', 'c1', 'c1', 'c2', 'c2', 'c3', 'c3', 'c4', 'c4', 'c5'], levelInference: true });
    expect(r.sigma2[0]).toBe(0);
    expect(r.levels![0]).toMatchObject({ ci: [0, 10], capped: true });
    // within clusters: σ² 3.11, so the search runs to 311 and finds the bound
    expect(r.levels![1].capped).toBe(false);
    expect(r.levels![1].ci[1]).toBeGreaterThan(10);
    expect(r.levels![1].ci[1]).toBeLessThan(100 * r.sigma2[1]);
  });

  it('tests a level against the best model without it, not a lesser maximum on the boundary', () => {
    // five proportions (PLO) in three clusters: without the within-cluster level the likelihood has a
    // maximum at σ²₁ = 0 (−30.614) and a higher one at σ²₁ = 0.190 (−30.518), which metafor finds
    const x = [63, 21, 43, 60, 13];
    const n = [68, 84, 133, 113, 18];
    const r = rmaMultilevel({ yi: x.map((v, i) => Math.log(v / (n[i]! - v))), vi: x.map((v, i) => 1 / v + 1 / (n[i]! - v)), cluster: ['c0', 'c0', 'c1', 'c1', 'c2'], levelInference: true });
    near(r.logLik, -7.14764118406);
    near(r.levels![1].LRT, 2 * (-7.14764118406 + 30.51785776928));
  });

  it('refuses one residual degree of freedom (it informs one combination of the two variances), where metafor returns an arbitrary split', () => {
    // three odds ratios in two clusters with a moderator: metafor's σ² (0.687, 2.376) and ours from
    // another start (1.589, 2.035) have the same likelihood, and give different pooled effects
    const args = { yi: [0.665481857901, 0.777032260859, 0.773569049547], vi: [1 / 165, 1 / 37, 1 / 87], cluster: ['c0', 'c0', 'c1'] };
    expect(errorOf(() => rmaMultilevel({ ...args, mods: { names: ['x'], columns: [[6.1, 8.6, 5.3]] } })).message).toBe(
      'k = 3 rows beside 2 coefficients leave 1 degree of freedom: too few to tell the two variances apart; use fewer moderators or the usual random-effects model',
    );
    expect(rmaMultilevel(args).k).toBe(3);
  });

  it('refuses what cannot be fitted, saying why', () => {
    expect(errorOf(() => rmaMultilevel({ yi, vi, cluster: yi.map(() => 'one') })).message).toMatch(/at least 2 clusters \(found 1\)/);
    expect(errorOf(() => rmaMultilevel({ yi, vi, cluster: yi.map((_, i) => `s${i}`) })).message).toMatch(/every cluster has one row/);
    expect(errorOf(() => rmaMultilevel({ yi: [0.1, 0.2], vi: [0.01, 0.02], cluster: ['a', 'b'] })).message).toMatch(/one row|2 rows/);
    expect(errorOf(() => rmaMultilevel({ yi: [0.1, 0.2, 0.3], vi: [0.01, 0, 0.02], cluster: ['a', 'a', 'b'] })).message).toMatch(/row 2: .*sampling variance above 0/);
    expect(errorOf(() => rmaMultilevel({ yi, vi, cluster: district, mods: { names: ['same'], columns: [yi.map(() => 1)] } })).message).toMatch(/not of full rank/);
  });
});
