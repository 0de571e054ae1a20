import type { Design } from '../wls.js';
import type { Tau2Control } from '../control.js';

/** What every τ² estimator sees: effects, sampling variances and the design matrix. */
export interface Tau2Input {
  readonly yi: ArrayLike<number>;
  readonly vi: ArrayLike<number>;
  readonly X: Design;
}

/** An estimator's answer. τ² is never negative. */
export interface Tau2Fit {
  readonly tau2: number;
  readonly iterations: number;
  /** Set when the estimate was truncated at zero. */
  readonly truncated?: boolean;
}

export type Tau2Estimator = (input: Tau2Input, control: Tau2Control) => Tau2Fit;
