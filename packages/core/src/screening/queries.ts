/**
 * Query strategies: which unlabelled record to show next. `max` takes the highest score (certainty
 * sampling, ASReview's default), `uncertainty` the score nearest the decision boundary, `mixed` is max
 * with a share of random picks (exploration). Every strategy returns a permutation of the pool.
 */
export type QueryStrategy = (scores: Float64Array, pool: readonly number[], rand: () => number) => number;

export const maxQuery: QueryStrategy = (scores, pool) => {
  let best = pool[0]!;
  for (const i of pool) if (scores[i]! > scores[best]!) best = i;
  return best;
};

export const uncertaintyQuery: QueryStrategy = (scores, pool) => {
  let best = pool[0]!;
  for (const i of pool) if (Math.abs(scores[i]!) < Math.abs(scores[best]!)) best = i;
  return best;
};

export function mixedQuery(randomShare = 0.05): QueryStrategy {
  return (scores, pool, rand) => (rand() < randomShare ? pool[Math.floor(rand() * pool.length)]! : maxQuery(scores, pool, rand));
}

/** Seeded PRNG (mulberry32) so that every simulation can be reproduced from its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
