/** τ² estimators registered by metafor's method codes. */
import { dl } from './dl.js';
import { eb } from './eb.js';
import { he } from './he.js';
import { hs } from './hs.js';
import { ml } from './ml.js';
import { pm } from './pm.js';
import { reml } from './reml.js';
import { sj } from './sj.js';
import type { Tau2Estimator } from './types.js';

export const TAU2_ESTIMATORS = { DL: dl, REML: reml, ML: ml, PM: pm, HE: he, SJ: sj, EB: eb, HS: hs } as const satisfies Record<
  string,
  Tau2Estimator
>;

export type Tau2Method = keyof typeof TAU2_ESTIMATORS;
export type { Tau2Estimator, Tau2Fit, Tau2Input } from './types.js';
