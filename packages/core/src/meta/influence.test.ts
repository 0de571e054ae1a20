import { describe, expect, it } from 'vitest';
import { escalc } from '../effects/escalc.js';
import { BCG_TABLES } from '../testing/bcg.js';
import { rankTest } from './bias.js';
import { influence } from './influence.js';
import { rma } from './rma.js';

// dat.bcg (shared/reference/metafor/bcg.csv), log risk ratios
const bcg = escalc({ measure: 'RR', data: BCG_TABLES, k: 13 });
const close = (got: number | undefined, want: number): void => expect(Math.abs(got! - want)).toBeLessThanOrEqual(1e-9 * Math.abs(want) + 1e-12);

describe('influence diagnostics (metafor influence())', () => {
  it('match metafor with the Knapp–Hartung factor of each refit', () => {
    // R 4.2.2, metafor 3.8.1: influence(rma(yi, vi, data = dat, method = "DL", test = "knha")), studies 1, 4 and 8
    const inf = influence(rma({ yi: bcg.yi, vi: bcg.vi, method: 'DL', test: 'knha' }));
    const want: Record<string, number[]> = {
      rstudent: [-0.214140353239854, -1.46256019558995, 1.4783182141916],
      dffits: [-0.0478075704256805, -0.574165649671491, 0.46441532894842],
      cook_d: [0.00247636571967039, 0.278857240078748, 0.176757170445739],
      cov_r: [1.14512762967619, 0.989789433011186, 0.993037615557377],
      tau2_del: [0.312171499040679, 0.216733557945814, 0.21088523257487],
      QE_del: [151.582572747109, 96.5625949713915, 67.9858114990849],
      hat: [0.0503649168323172, 0.0971764635681429, 0.102163425332843],
      dfbetas: [-0.0477245848688871, -0.560151495389651, 0.447248500243251],
    };
    const got: Record<string, number[]> = { ...inf, dfbetas: inf.dfbetas['intrcpt']! } as unknown as Record<string, number[]>;
    for (const [name, values] of Object.entries(want)) [0, 3, 7].forEach((study, j) => close(got[name]![study], values[j]!));
    expect(inf.inf.some(Boolean)).toBe(false);
  });
  it('flags the studies metafor flags', () => {
    // which(influence(rma(yi, vi, data = dat, method = "EE"))$is.infl): 4 6 8
    const inf = influence(rma({ yi: bcg.yi, vi: bcg.vi, method: 'EE' }));
    expect(inf.inf.flatMap((x, i) => (x ? [i + 1] : []))).toEqual([4, 6, 8]);
  });
});

describe("Begg and Mazumdar's rank correlation test (metafor ranktest())", () => {
  it('matches metafor, exact without ties', () => {
    // ranktest(rma(yi, vi, data = dat)): tau = 0.0256, p = 0.9524
    const r = rankTest({ yi: bcg.yi, vi: bcg.vi });
    close(r.tau, 0.0256410256410256);
    close(r.pval, 0.952361907960866);
    expect(r.exact).toBe(true);
  });
  it('needs three studies of different precision', () => {
    expect(() => rankTest({ yi: [0.1, 0.2], vi: [0.1, 0.2] })).toThrow('at least 3 studies');
    expect(() => rankTest({ yi: [0.1, 0.2, 0.3], vi: [0.1, 0.1, 0.1] })).toThrow('studies of different precision');
  });
});
