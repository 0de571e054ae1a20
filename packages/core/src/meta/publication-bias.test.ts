import { describe, expect, it } from 'vitest';
import { escalc } from '../effects/escalc.js';
import { BCG_TABLES } from '../testing/bcg.js';
import { errorOf } from '../testing/error-of.js';
import { fsnRosenberg, fsnRosenthal } from './fsn.js';
import { petPeese, regtest } from './regtest.js';
import { rma } from './rma.js';
import { selmodel } from './selmodel.js';

// dat.bcg (shared/reference/metafor/bcg.csv), log risk ratios; dat.raudenbush1985's yi and vi
const bcg = escalc({ measure: 'RR', data: BCG_TABLES, k: 13 });
const raud = {
  yi: [0.03, 0.12, -0.14, 1.18, 0.26, -0.06, -0.02, -0.32, 0.27, 0.8, 0.54, 0.18, -0.02, 0.23, -0.18, -0.06, 0.3, 0.07, -0.07],
  vi: [0.0156, 0.0216, 0.0279, 0.1391, 0.1362, 0.0106, 0.0106, 0.0484, 0.0269, 0.0630, 0.0912, 0.0497, 0.0835, 0.0841, 0.0253, 0.0279, 0.0193, 0.0088, 0.0303],
};
const close = (got: number, want: number, rel = 1e-6): void => expect(Math.abs(got - want)).toBeLessThanOrEqual(rel * Math.abs(want) + 1e-9);

describe('regression tests for funnel plot asymmetry (metafor regtest())', () => {
  it("metafor's default: the model's own meta-regression on the standard error, with Knapp–Hartung", () => {
    // R: regtest(rma(yi, vi, data = dat.raudenbush1985, test = "knha", control = ctrl)), τ² fitted to 1e-13
    const r = regtest(rma({ ...raud, method: 'REML', test: 'knha' }));
    close(r.statistic, 2.24521811543011);
    close(r.pval, 0.0383446144818556);
    expect(r.df).toBe(17);
    close(r.limit.estimate, -0.216909273640095);
    close(r.limit.ci_lower, -0.516420195844355);
    close(r.limit.ci_upper, 0.0826016485641653);
  });
  it('PET and PEESE: weighted least squares on the standard error and on the variance', () => {
    // R: regtest(res, model = "lm") and regtest(res, model = "lm", predictor = "vi") on dat.bcg
    const pp = petPeese(rma({ yi: bcg.yi, vi: bcg.vi }));
    close(pp.peese.estimate, -0.379953506428270);
    close(pp.peese.ci_lower, -0.726070069766682);
    close(pp.peese.ci_upper, -0.0338369430898586);
    expect(pp.chosen).toBe('PET');
    // raudenbush: PET's limit estimate and its p-value, coef(summary(pet$fit))[1, 4]
    const pet = petPeese(rma(raud)).pet;
    close(pet.estimate, -0.179031123081981);
    close(pet.ci_lower, -0.446333923297927);
    close(pet.pval, 0.175677701282352);
  });
  it('refuses equally precise studies by name', () => {
    expect(errorOf(() => regtest(rma({ yi: [0.1, 0.3, 0.2], vi: [0.1, 0.1, 0.1] }))).message).toContain('different precision');
  });
});

describe('fail-safe N (metafor fsn())', () => {
  it('Rosenthal and Rosenberg', () => {
    expect(fsnRosenthal(bcg.yi, bcg.vi).fsnum).toBe(598);
    expect(fsnRosenberg(bcg.yi, bcg.vi).fsnum).toBe(370);
    const r = fsnRosenthal(raud.yi, raud.vi);
    expect(r.fsnum).toBe(26);
    close(r.pval, 0.00572972676194506);
    const b = fsnRosenberg(raud.yi, raud.vi);
    expect(b.fsnum).toBe(0);
    close(b.pval, 0.0978618018248291);
  });
});

describe('step-function selection model (metafor selmodel(type = "stepfun"))', () => {
  const ml = rma({ yi: bcg.yi, vi: bcg.vi, method: 'ML' });
  it('the three-parameter model: estimates as metafor (BFGS at reltol 1e-15), standard errors from the information at the optimum', () => {
    const s = selmodel(ml, { alternative: 'less' });
    expect(s.counts).toEqual([8, 5]);
    close(s.estimate, -0.620562765878145);
    close(s.tau2, 0.291239343771337);
    close(s.delta[1]!, 0.635534655266313);
    close(s.logLik, -12.5438266065239, 1e-12);
    close(s.LRT, 0.242499483505881);
    close(s.LRT_pval, 0.622406655931469);
    // metafor's numDeriv Hessian at the same optimum
    close(s.se, 0.261322716851487);
    close(s.se_tau2, 0.156119261884744);
    close(s.delta_se[1]!, 0.586625946568238);
    expect(s.warnings).toEqual([]);
  });
  it('two steps (0.025 and 0.5)', () => {
    const s = selmodel(ml, { steps: [0.5, 0.025], alternative: 'less' });
    expect(s.steps).toEqual([0.025, 0.5, 1]);
    close(s.estimate, -0.671196973901108);
    close(s.se, 0.279968517922817);
    close(s.tau2, 0.263901614686537);
    close(s.delta[1]!, 0.631549217542642);
    close(s.delta[2]!, 0.927853224907469);
    close(s.delta_se[2]!, 1.35994436642249, 1e-5);
    close(s.LRT_pval, 0.840750861102045);
  });
  it('a common-effect model keeps τ² at 0', () => {
    const s = selmodel(rma({ yi: bcg.yi, vi: bcg.vi, method: 'EE' }), { alternative: 'less' });
    expect(s.tau2).toBe(0);
    expect(s.se_tau2).toBeNaN();
    close(s.estimate, -0.409939600563802);
    close(s.se, 0.0432950845370089);
    close(s.delta_se[1]!, 0.233379147764106);
    close(s.LRT, 2.3139267770681);
  });
  it('τ² on its boundary is held at 0, and the other standard errors leave it out', () => {
    const s = selmodel(rma({ ...raud, method: 'ML' }));
    expect(s.tau2).toBe(0);
    expect(s.se_tau2).toBeNaN();
    // metafor from its own start, τ² held at 0, reaches a likelihood no higher than ours
    expect(s.logLik).toBeGreaterThanOrEqual(-1.56508272571937 - 1e-12);
    close(s.estimate, 0.0158108, 1e-5);
    close(s.se, 0.0400486159193226, 1e-5);
    // against the ML fit without selection: logLik = -3.12257031248824
    close(s.LRT, -2 * (-3.12257031248824 - s.logLik), 1e-12);
    close(s.LRT, 3.11497517353774, 1e-9);
  });
  it('holds a δ that reaches metafor’s bound (100) there, with a warning and no standard error for it', () => {
    // one non-significant study among very significant ones: its δ runs to the bound
    const yi = [1, 1.1, 0.9, 0.15, 0.95];
    const vi = [0.01, 0.01, 0.01, 0.01, 0.012];
    const s = selmodel(rma({ yi, vi, method: 'ML' }));
    expect(s.delta).toEqual([1, 100]);
    expect(s.delta_se[1]).toBeNaN();
    expect(s.warnings.map((w) => w.code)).toEqual(['BOUNDARY']);
    // R: selmodel(rma(yi, vi, method = "ML"), type = "stepfun", steps = 0.025, delta = c(1, 100 * (1 - 1e-12))), BFGS at reltol 1e-15,
    // whose likelihood ours matches or passes; its standard errors from numDeriv
    expect(s.logLik).toBeGreaterThanOrEqual(0.983531205895035 - 1e-12);
    close(s.estimate, 0.916858320750147, 1e-5);
    close(s.tau2, 0.0474109224506638, 1e-4);
    close(s.se, 0.104745972711641, 1e-4);
    close(s.se_tau2, 0.0203430655932284, 1e-4);
    close(s.LRT, 5.42595810664533, 1e-9);
  });
  it('refuses an interval without studies, moderators and too few studies, by name', () => {
    // no BCG trial is significant in favour of control
    expect(errorOf(() => selmodel(ml, { alternative: 'greater' })).message).toMatch(/no study has a one-sided p-value \(greater\) in 0 < p ≤ 0.025/);
    expect(errorOf(() => selmodel(ml, { steps: [1.5] })).message).toContain('strictly between 0 and 1');
    const mods = rma({ yi: bcg.yi, vi: bcg.vi, mods: { names: ['x'], columns: [bcg.yi.map((_, i) => i)] } });
    expect(errorOf(() => selmodel(mods)).message).toContain('without moderators');
    expect(errorOf(() => selmodel(rma({ yi: [0.5, -0.2], vi: [0.01, 0.02] }))).message).toContain('too few');
  });
});
