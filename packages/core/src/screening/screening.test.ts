import { describe, expect, it } from 'vitest';
import { linearSvm, naiveBayes, logisticRegression } from './classifiers/index.js';
import { maxQuery, mixedQuery, seededRandom, uncertaintyQuery } from './queries.js';
import { hypergeometricCdf, stoppingTest } from './stopping.js';
import { featuresFor, SCREENING_CONFIG_V2, simulate } from './simulate.js';
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

describe('stemming', () => {
  it('merges inflections into one feature and removes stop words after stemming', () => {
    expect(tokenize('Treating treated the treats; trials trial', true)).toEqual(['treat', 'treat', 'treat', 'trial', 'trial']);
    expect(tokenize('Trials treated', false)).toEqual(['trials', 'treated']);
    const X = tfidf(['patients randomised trials', 'patient randomized trial', 'surgery'], { stem: true, minDf: 2, bigrams: false });
    expect(X.cols).toBe(2); // "patient" and "trial"; randomised/randomized stem apart, surgery is in one record
  });
  it('a version-1 configuration (no stem, minDf fields) gets version 1 features', () => {
    const v1 = { features: 'tfidf', bigrams: false, classifier: 'nb', query: 'max', version: '1' } as const;
    expect(featuresFor(v1, texts)).toEqual(tfidf(texts, { bigrams: false }));
    expect(featuresFor(SCREENING_CONFIG_V2, texts)).toEqual(tfidf(texts, { bigrams: true, stem: true, minDf: 1, collapseSingletons: true }));
  });
});

describe('linear SVM (squared hinge, dual coordinate descent)', () => {
  it('scores the same on a matrix whose one-record terms are folded into private columns', () => {
    const varied = texts.map((t, i) => `${t} unique${i}word alsounique${i} ${i % 7 ? '' : 'rare'}`);
    const full = tfidf(varied, { bigrams: true, minDf: 1 });
    const folded = tfidf(varied, { bigrams: true, minDf: 1, collapseSingletons: true });
    expect(folded.cols).toBeLessThan(full.cols);
    expect(folded.rowStart[folded.rows]).toBeLessThan(full.rowStart[full.rows]!);
    const opts = { tolerance: 1e-10, maxPasses: 20_000 };
    const rows = [60, 0, 61, 5, 9, 62, 30, 100];
    const a = new Float64Array(full.rows);
    const b = new Float64Array(full.rows);
    linearSvm(opts).fitScore(full, rows, rows.map((r) => labels[r]!), a);
    linearSvm(opts).fitScore(folded, rows, rows.map((r) => labels[r]!), b);
    for (let i = 0; i < a.length; i++) expect(b[i]!).toBeCloseTo(a[i]!, 7);
  });
  it('reaches the optimum: the weights implied by its own margins reproduce its scores', () => {
    // at the optimum of ½‖w‖² + Σ Cᵢ max(0, 1 − yᵢ w·xᵢ)², with the intercept as a feature of value 1,
    // w = Σ 2 Cᵢ yᵢ ξᵢ xᵢ where ξᵢ = max(0, 1 − yᵢ·scoreᵢ); recomputing every score from that w checks stationarity
    const X = tfidf(texts, { bigrams: true });
    const rows = [60, 0, 61, 5, 9, 62, 30, 100, 131, 7];
    const labs = rows.map((r) => labels[r]!);
    const C = 0.5;
    const out = new Float64Array(X.rows);
    linearSvm({ C, tolerance: 1e-8, maxPasses: 10_000 }).fitScore(X, rows, labs, out);
    const nRel = labs.filter((l) => l === 1).length;
    const w = new Float64Array(X.cols);
    let bias = 0;
    rows.forEach((r, k) => {
      const y = labs[k] === 1 ? 1 : -1;
      const cost = labs[k] === 1 ? (C * (rows.length - nRel)) / nRel : C;
      const coef = 2 * cost * y * Math.max(0, 1 - y * out[r]!);
      for (let p = X.rowStart[r]!; p < X.rowStart[r + 1]!; p++) w[X.indices[p]!]! += coef * X.values[p]!;
      bias += coef;
    });
    for (let i = 0; i < X.rows; i++) {
      let z = bias;
      for (let p = X.rowStart[i]!; p < X.rowStart[i + 1]!; p++) z += w[X.indices[p]!]! * X.values[p]!;
      expect(z).toBeCloseTo(out[i]!, 6);
    }
    // relevant training rows sit on the relevant side, irrelevant ones on the other
    rows.forEach((r, k) => expect(Math.sign(out[r]!)).toBe(labs[k] === 1 ? 1 : -1));
  });
  it('carries its state to a rebuilt matrix of more records, rows renumbered, and reaches the cold optimum', () => {
    const opts = { tolerance: 1e-9, maxPasses: 10_000 };
    const X1 = tfidf(texts);
    const before = linearSvm(opts);
    const rows1 = [60, 61, 62, 0, 1, 2, 3, 4];
    const labs = [1, 1, 1, 0, 0, 0, 0, 0];
    before.fitScore(X1, rows1, labs, new Float64Array(X1.rows));
    const state = before.warmState!();
    expect([...state.keys()].sort((a, b) => a - b)).toEqual([...rows1].sort((a, b) => a - b));
    expect(state.get(60)!).toBeGreaterThan(0); // signed: relevant rows positive
    expect(state.get(0)!).toBeLessThan(0);
    // five new records arrive first: old row r is new row r + 5, and the vocabulary's idf changes
    const more = ['Telephone follow-up palliative nurse', 'Knee arthroplasty infection', 'Video visits hospice', 'Hip fracture rehabilitation', 'Text messages cancer pain'];
    const X2 = tfidf([...more, ...texts]);
    const rows2 = rows1.map((r) => r + 5);
    const cold = new Float64Array(X2.rows);
    linearSvm(opts).fitScore(X2, rows2, labs, cold);
    const after = linearSvm(opts);
    after.startFrom!(X2, new Map([...state].map(([r, a]) => [r + 5, a])));
    const warm = new Float64Array(X2.rows);
    after.fitScore(X2, rows2, labs, warm);
    for (let i = 0; i < X2.rows; i++) expect(warm[i]!).toBeCloseTo(cold[i]!, 6);
    // a state for another matrix is ignored: the fit on X1 starts from nothing and still agrees
    const stale = linearSvm(opts);
    stale.startFrom!(X2, new Map([[0, 5]]));
    const again = new Float64Array(X1.rows);
    stale.fitScore(X1, rows1, labs, again);
    const fresh = new Float64Array(X1.rows);
    linearSvm(opts).fitScore(X1, rows1, labs, fresh);
    for (let i = 0; i < X1.rows; i++) expect(again[i]!).toBeCloseTo(fresh[i]!, 6);
  });
  it('a warm refit reaches the optimum a cold fit reaches, also after a label changes', () => {
    const X = tfidf(texts);
    const opts = { tolerance: 1e-9, maxPasses: 10_000 };
    const cold = new Float64Array(X.rows);
    linearSvm(opts).fitScore(X, [60, 0, 1, 2], [1, 0, 1, 0], cold);
    const warm = new Float64Array(X.rows);
    const clf = linearSvm(opts);
    clf.fitScore(X, [60, 0], [1, 0], warm);
    clf.fitScore(X, [60, 0, 1, 2], [1, 0, 0, 0], warm); // record 1 first judged irrelevant…
    clf.fitScore(X, [60, 0, 1, 2], [1, 0, 1, 0], warm); // …then relevant
    for (let i = 0; i < X.rows; i++) expect(warm[i]!).toBeCloseTo(cold[i]!, 6);
    // at the default tolerance the two agree to two decimals
    const a = new Float64Array(X.rows);
    const b = new Float64Array(X.rows);
    linearSvm().fitScore(X, [60, 0, 1, 2], [1, 0, 1, 0], a);
    const c2 = linearSvm();
    c2.fitScore(X, [60, 0], [1, 0], b);
    c2.fitScore(X, [60, 0, 1, 2], [1, 0, 1, 0], b);
    for (let i = 0; i < X.rows; i++) expect(b[i]!).toBeCloseTo(a[i]!, 2);
  });
});

describe('classifiers (one contract for all)', () => {
  it.each([naiveBayes(), logisticRegression(), linearSvm()])('%s ranks relevant records first after two labels', (clf) => {
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

describe('simulation', () => {
  it('is reproducible from its seed, puts priors first and finds the relevant records early', () => {
    const a = simulate({ texts, labels, seed: 7, config: SCREENING_CONFIG_V2 });
    const b = simulate({ texts, labels, seed: 7, config: SCREENING_CONFIG_V2 });
    expect(a.order).toEqual(b.order);
    expect([...a.order].sort((x, y) => x - y)).toEqual(texts.map((_, i) => i));
    expect(labels[a.order[0]!]).toBe(1);
    expect(labels[a.order[1]!]).toBe(0);
    expect(a.wss95).toBeGreaterThan(70);
    expect(a.config).toMatchObject({ classifier: 'svm', query: 'max', stem: true, version: '2' });
  });
  it('copes with empty texts and duplicate texts under every classifier', () => {
    const odd = texts.map((t, i) => (i % 10 === 0 ? '' : i % 10 === 1 ? texts[0]! : t));
    for (const classifier of ['svm', 'nb', 'logistic'] as const) {
      const res = simulate({ texts: odd, labels, seed: 3, config: { ...SCREENING_CONFIG_V2, classifier } });
      expect([...res.order].sort((x, y) => x - y)).toEqual(odd.map((_, i) => i));
      expect(Number.isFinite(res.wss95)).toBe(true);
    }
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
