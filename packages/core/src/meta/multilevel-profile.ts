/**
 * Inference on the three-level model's variances, as metafor gives it for rma.mv: profile-likelihood
 * confidence intervals (confint(res)) — the σ² where the (restricted) log-likelihood, maximised over the
 * other variance, falls qχ²(level, 1)/2 below its maximum — and the likelihood-ratio test of each level
 * against the model without it (anova(res, update(res, sigma2 = c(0, NA)))).
 */
import { pchisqUpper, qchisq } from '../stats/distributions.js';
import { zeroin } from '../stats/zeroin.js';
import { maximiseFrom, type Problem } from './multilevel-likelihood.js';

export interface LevelInference {
  /** Profile-likelihood interval of σ² (lower 0 when the likelihood at 0 is within reach). */
  readonly ci: [number, number];
  /** The upper bound lies beyond the end of the search, where ci[1] stops (metafor prints it as "> 10"). */
  readonly capped: boolean;
  /** 2·(logLik − logLik without this level), and its p from χ²(1) (metafor's anova()). */
  readonly LRT: number;
  readonly pval: number;
}

/** The end of the search for an upper bound, as metafor's confint.rma.mv sets vc.max: 10, or 100 σ² above 0.1. */
export function searchLimit(sigma2: number): number {
  return sigma2 <= Math.sqrt(Number.EPSILON) ? 10 : Math.max(10, 100 * sigma2);
}

/** Each level's profile interval and likelihood-ratio test at the fitted σ² (logLik `ll`; `scale` a typical variance). */
export function levelInference(problem: Problem, sigma2: readonly [number, number], ll: number, level: number, scale: number): [LevelInference, LevelInference] {
  const drop = qchisq(level / 100, 1) / 2;
  const infer = (j: 0 | 1): LevelInference => {
    const other = 1 - j;
    // the profile: σ²_j held, the other maximised from where the full fit put it and from a typical
    // variance (held at 0, the likelihood can have a second, lesser maximum on the boundary)
    const profile = (v: number): number => {
      const fixed: (number | undefined)[] = [undefined, undefined];
      fixed[j] = v;
      const starts = [Math.max(sigma2[other]!, scale / 100), scale].map((x): [number, number] => (j === 0 ? [v, x] : [x, v]));
      return maximiseFrom(problem, starts, fixed).state.ll;
    };
    const f = (v: number): number => profile(v) - (ll - drop);
    const est = sigma2[j]!;
    const withoutLevel = profile(0);
    const LRT = Math.max(0, 2 * (ll - withoutLevel));
    const atZero = withoutLevel - (ll - drop);
    const tol = 1e-10 * Math.max(est, 1e-8);
    const fEst = f(est);
    const lower = atZero >= 0 ? 0 : zeroin(f, 0, est, atZero, fEst, tol, 1000).root;
    const hi = searchLimit(est);
    const fHi = f(hi);
    const upper = fHi > 0 ? hi : zeroin(f, est, hi, fEst, fHi, tol, 1000).root;
    return { ci: [lower, upper], capped: fHi > 0, LRT, pval: pchisqUpper(LRT, 1) };
  };
  return [infer(0), infer(1)];
}
