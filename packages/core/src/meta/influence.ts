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
  const yi = new Array<number>(k - 1);
  const vi = new Array<number>(k - 1);
  for (let omit = 0; omit < k; omit++) {
    for (let i = 0, j = 0; i < k; i++) {
      if (i === omit) continue;
      yi[j] = model.yi[i]!;
      vi[j++] = model.vi[i]!;
    }
    const fit = rma({ yi, vi, method: model.method, test: model.test, level: model.level });
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
