import { describe, expect, it } from 'vitest';
import { naiveBayes, logisticRegression } from './classifiers.js';
import { maxQuery, mixedQuery, seededRandom, uncertaintyQuery } from './queries.js';
import { hypergeometricCdf, stoppingTest } from './stopping.js';
import { screeningMetrics, simulate } from './simulate.js';
import { tfidf, tokenize } from './tfidf.js';

// a small corpus where relevant records talk about telehealth palliative care
const relevantTexts = Array.from({ length: 12 }, (_, i) => `Telehealth video consultation palliative care advanced cancer trial ${i} symptom burden quality of life`);
const irrelevantTexts = Array.from({ length: 120 }, (_, i) => `Orthopaedic surgery outcomes knee replacement cohort ${i} ${i % 3 ? 'rehabilitation' : 'infection'} hospital stay`);
const texts = [...irrelevantTexts.slice(0, 60), ...relevantTexts, ...irrelevantTexts.slice(60)];
const labels = texts.map((t) => (t.startsWith('Telehealth') ? 1 : 0));

describe('features', () => {
  it('tokenizes without stop words and builds L2-normalised TF-IDF rows', () => {
    expect(tokenize('The effect of Telehealth on care')).toEqual(['effect', 'telehealth', 'care']);
    const X = tfidf(texts);
    expect(X.rows).toBe(texts.length);
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let p = X.rowStart[i]!; p < X.rowStart[i + 1]!; p++) s += X.values[p]! ** 2;
      expect(s).toBeCloseTo(1, 10);
    }
  });
});

describe('classifiers (one contract for all)', () => {
  it.each([naiveBayes(), logisticRegression()])('%s ranks relevant records first after two labels', (clf) => {
    const X = tfidf(texts);
    const out = new Float64Array(X.rows);
    clf.fitScore(X, [60, 0], [1, 0], out);
    const top = [...out.keys()].sort((a, b) => out[b]! - out[a]!).slice(0, 12);
    expect(top.filter((i) => labels[i] === 1).length).toBeGreaterThanOrEqual(11);
  });
});

describe('query strategies return a permutation of the pool', () => {
  it.each([
    ['max', maxQuery],
    ['uncertainty', uncertaintyQuery],
    ['mixed', mixedQuery(0.3)],
  ] as const)('%s', (_n, q) => {
    const scores = Float64Array.from({ length: 20 }, (_, i) => Math.sin(i));
    const pool = Array.from({ length: 20 }, (_, i) => i);
    const rand = seededRandom(1);
    const picked: number[] = [];
    while (pool.length) {
      const next = q(scores, pool, rand);
      picked.push(next);
      pool.splice(pool.indexOf(next), 1);
    }
    expect([...picked].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('metrics', () => {
  it('WSS@95, RRF@10 and ATD of a known order', () => {
    // 20 records, 2 relevant at positions 1 and 4: 95% recall needs both (4 screened)
    const order = Array.from({ length: 20 }, (_, i) => i);
    const labs = order.map((i) => (i === 0 || i === 3 ? 1 : 0));
    const m = screeningMetrics(order, labs);
    expect(m.wss95).toBeCloseTo(100 * ((20 - 4) / 20 - 0.05), 10);
    expect(m.rrf10).toBe(50); // 10% = 2 records, one relevant among them
    expect(m.atd).toBeCloseTo((100 * (1 + 4)) / 2 / 20, 10);
  });
});

describe('simulation', () => {
  it('is reproducible from its seed, puts priors first and finds the relevant records early', () => {
    const a = simulate({ texts, labels, seed: 7 });
    const b = simulate({ texts, labels, seed: 7 });
    expect(a.order).toEqual(b.order);
    expect([...a.order].sort((x, y) => x - y)).toEqual(texts.map((_, i) => i));
    expect(labels[a.order[0]!]).toBe(1);
    expect(labels[a.order[1]!]).toBe(0);
    expect(a.wss95).toBeGreaterThan(70);
    expect(a.config).toMatchObject({ classifier: 'nb', query: 'max' });
  });
  it('needs both kinds of label', () => {
    expect(() => simulate({ texts: ['a', 'b'], labels: [0, 0] })).toThrow(expect.objectContaining({ code: 'NEED_BOTH_LABELS' }));
  });
});

describe('stopping rule (Callaghan & Müller-Hansen 2020)', () => {
  it('hypergeometric CDF matches direct computation', () => {
    // N = 10, K = 3 successes, n = 4 draws: P(X = 0) = C(7,4)/C(10,4) = 35/210
    expect(hypergeometricCdf(0, 10, 3, 4)).toBeCloseTo(35 / 210, 12);
    expect(hypergeometricCdf(3, 10, 3, 4)).toBeCloseTo(1, 12);
  });
  it('stops only when a random sample makes "recall below target" unlikely', () => {
    const base = { relevantBeforeSample: 95, poolAtSample: 1000, recallTarget: 0.95, confidence: 0.95 };
    expect(stoppingTest({ ...base, sampled: 10, sampledRelevant: 0 }).stop).toBe(false);
    const late = stoppingTest({ ...base, sampled: 600, sampledRelevant: 0 });
    expect(late.stop).toBe(true);
    expect(late.pValue).toBeLessThan(0.05);
    expect(late.explanation).toMatch(/H0: recall < 95%/);
  });
});
