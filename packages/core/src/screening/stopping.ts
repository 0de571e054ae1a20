/**
 * A stopping rule that is honest about recall (Callaghan & Müller-Hansen 2020, Syst Rev 9:254): after
 * prioritised screening, records are drawn at random from those not yet screened; H0 is "recall is
 * below the target", i.e. the unscreened pool held at least K_tar relevant records, and it is rejected
 * with the hypergeometric probability of seeing so few relevant records in the random sample.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/** P(X ≤ k) for X ~ Hypergeometric(population N, successes K, draws n). */
export function hypergeometricCdf(k: number, N: number, K: number, n: number): number {
  let p = 0;
  const lo = Math.max(0, n - (N - K));
  const denom = logChoose(N, n);
  for (let x = lo; x <= Math.min(k, K, n); x++) p += Math.exp(logChoose(K, x) + logChoose(N - K, n - x) - denom);
  return Math.min(1, p);
}

export interface StoppingInput {
  /** Relevant records found during prioritised screening, before random sampling began. */
  readonly relevantBeforeSample: number;
  /** Records not screened when random sampling began (the urn). */
  readonly poolAtSample: number;
  /** Records drawn at random so far, and the relevant among them. */
  readonly sampled: number;
  readonly sampledRelevant: number;
  /** Recall target, e.g. 0.95. */
  readonly recallTarget: number;
  /** Confidence, e.g. 0.95. */
  readonly confidence: number;
}

export interface StoppingDecision {
  readonly stop: boolean;
  readonly pValue: number;
  /** The smallest number of relevant records in the pool that would leave recall below the target. */
  readonly kTarget: number;
  readonly explanation: string;
}

export function stoppingTest(s: StoppingInput): StoppingDecision {
  const seen = s.relevantBeforeSample + s.sampledRelevant;
  const kTarget = Math.floor(seen / s.recallTarget - s.relevantBeforeSample) + 1;
  if (kTarget > s.poolAtSample) {
    return { stop: true, pValue: 0, kTarget, explanation: 'the unscreened pool is too small to hold enough relevant records to miss the target' };
  }
  const p = hypergeometricCdf(s.sampledRelevant, s.poolAtSample, kTarget, s.sampled);
  // α = 1 − confidence, rounded so that 1 − 0.95 is 0.05 and not 0.05000000000000004 (p = 0.05 must not reject)
  const alpha = Math.round((1 - s.confidence) * 1e12) / 1e12;
  const stop = p < alpha;
  return {
    stop,
    pValue: p,
    kTarget,
    explanation: `H0: recall < ${Math.round(s.recallTarget * 100)}% (at least ${kTarget} relevant among the ${s.poolAtSample} records not screened when sampling began); ${s.sampledRelevant} relevant in a random sample of ${s.sampled}: p = ${p.toPrecision(3)}${stop ? ` < ${alpha}, stop` : ', keep screening'}`,
  };
}
