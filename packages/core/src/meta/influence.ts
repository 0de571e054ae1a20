/** Leave-one-out analysis (metafor leave1out()): the model refitted without each study in turn. */
import { rma } from './rma.js';
import type { RmaResult } from './types.js';

export interface LeaveOneOut {
  readonly estimate: number[];
  readonly se: number[];
  readonly ci_lower: number[];
  readonly ci_upper: number[];
  readonly pval: number[];
  readonly tau2: number[];
  readonly I2: number[];
  readonly Q: number[];
}

export function leave1out(model: RmaResult): LeaveOneOut {
  const out: LeaveOneOut = { estimate: [], se: [], ci_lower: [], ci_upper: [], pval: [], tau2: [], I2: [], Q: [] };
  const k = model.k;
  // one pair of buffers reused for every refit (the fits are read at once and not kept); built by
  // slicing so that V8 keeps them packed — `new Array(n)` would be holey and every access slower
  const yi = model.yi.slice(1);
  const vi = model.vi.slice(1);
  for (let omit = 0; omit < k; omit++) {
    for (let i = 0, j = 0; i < k; i++) {
      if (i === omit) continue;
      yi[j] = model.yi[i]!;
      vi[j++] = model.vi[i]!;
    }
    // warm start ML/REML from the full model's τ² (same optimum, a few Newton steps instead of ten)
    const fit = rma({ yi, vi, method: model.method, test: model.test, level: model.level, control: { tau2Init: model.tau2 }, lean: true });
    out.estimate.push(fit.estimate);
    out.se.push(fit.se);
    out.ci_lower.push(fit.ci_lower);
    out.ci_upper.push(fit.ci_upper);
    out.pval.push(fit.pval);
    out.tau2.push(fit.tau2);
    out.I2.push(fit.I2);
    out.Q.push(fit.Q);
  }
  return out;
}
