import { describe, expect, it } from 'vitest';
import { appendDense, documentVectors, wordVectors } from './embeddings.js';
import { DEFAULT_SCREENING_CONFIG, featuresFor, SCREENING_CONFIG_V2, simulate } from './simulate.js';
import { linearSvm, logisticRegression, naiveBayes } from './classifiers/index.js';
import { tfidf } from './tfidf.js';

// a tiny vector table: two topics (remote contact, cancer care) and one unrelated (joint surgery)
const TABLE: Record<string, number[]> = {
  telephone: [1, 0.1, 0],
  phone: [0.95, 0.15, 0],
  video: [0.9, 0, 0.1],
  calls: [0.8, 0.2, 0],
  cancer: [0.1, 1, 0],
  tumour: [0.15, 0.95, 0],
  palliative: [0, 0.9, 0.1],
  knee: [0, 0, 1],
  hip: [0.05, 0, 0.95],
  surgery: [0, 0.1, 0.9],
  replacement: [0, 0, 0.8],
  follow: [0.3, 0.3, 0.3],
};
const words = Object.keys(TABLE);
const V = wordVectors('test-vectors@1', words, Float32Array.from(words.flatMap((w) => TABLE[w]!)), 3);
const config = { ...DEFAULT_SCREENING_CONFIG, embeddings: 'test-vectors@1' };
const norm = (D: Float64Array, i: number, k: number): number => Math.hypot(...D.subarray(i * k, i * k + k));

describe('word vectors', () => {
  it('refuse a table whose numbers do not make whole vectors', () => {
    expect(() => wordVectors('x', ['a', 'b'], new Float32Array(5), 3)).toThrow(expect.objectContaining({ code: 'BAD_WORD_VECTORS' }));
    expect(V.indexOf('phone')).toBe(1);
    expect(V.indexOf('unknown')).toBe(-1);
  });
  it('make each text the unit-length mean of its known words; stop words and unknown words count for nothing', () => {
    const D = documentVectors(['Telephone and the CANCER', 'telephone cancer zzz', 'nothing known here', ''], V);
    const mean = [(1 + 0.1) / 2, (0.1 + 1) / 2, 0];
    const len = Math.hypot(...mean);
    expect([...D.subarray(0, 3)].map((x) => +x.toFixed(12))).toEqual(mean.map((x) => +(x / len).toFixed(12)));
    expect([...D.subarray(3, 6)]).toEqual([...D.subarray(0, 3)]);
    expect(norm(D, 0, 3)).toBeCloseTo(1, 12);
    expect([...D.subarray(6, 12)]).toEqual([0, 0, 0, 0, 0, 0]);
  });
  it('read a hyphenated word without a vector of its own as its parts', () => {
    const D = documentVectors(['video-telephone', 'video telephone'], V);
    expect([...D.subarray(0, 3)]).toEqual([...D.subarray(3, 6)]);
  });
});

describe('TF-IDF with word vectors', () => {
  const texts = ['telephone calls cancer', 'knee surgery', 'phone follow up tumour', 'hip replacement'];
  it('appends the dense columns with the weight, keeping rows of unit length', () => {
    const X = tfidf(texts, { minDf: 1 });
    const D = documentVectors(texts, V);
    const Z = appendDense(X, D, 3, 1);
    expect(Z.cols).toBe(X.cols + 3);
    expect(Z.dense?.dims).toBe(3);
    for (let i = 0; i < Z.rows; i++) {
      let sparse = 0;
      for (let p = Z.rowStart[i]!; p < Z.rowStart[i + 1]!; p++) sparse += Z.values[p]! ** 2;
      const dense = Z.dense!.values.subarray(i * 3, i * 3 + 3).reduce((a, v) => a + v * v, 0);
      expect(sparse).toBeCloseTo(0.5, 12);
      expect(dense).toBeCloseTo(0.5, 12);
    }
    const light = appendDense(X, D, 3, 0.5);
    expect(light.dense!.values.subarray(0, 3).reduce((a, v) => a + v * v, 0)).toBeCloseTo(0.25 / 1.25, 12);
    expect([...X.values].every((v, p) => v === tfidf(texts, { minDf: 1 }).values[p])).toBe(true); // X itself unchanged
  });
  it('score as the same columns written out in the sparse rows would, under every linear classifier', () => {
    const X = tfidf(texts, { minDf: 1 });
    const Z = appendDense(X, documentVectors(texts, V), 3, 0.8);
    // the dense block written out as ordinary sparse entries
    const rowStart = new Int32Array(Z.rows + 1);
    const indices: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < Z.rows; i++) {
      for (let p = Z.rowStart[i]!; p < Z.rowStart[i + 1]!; p++) {
        indices.push(Z.indices[p]!);
        values.push(Z.values[p]!);
      }
      for (let c = 0; c < 3; c++) {
        indices.push(X.cols + c);
        values.push(Z.dense!.values[i * 3 + c]!);
      }
      rowStart[i + 1] = indices.length;
    }
    const flat = { rowStart, indices: Int32Array.from(indices), values: Float64Array.from(values), rows: Z.rows, cols: Z.cols };
    for (const make of [() => linearSvm({ tolerance: 1e-12, maxPasses: 5000 }), () => logisticRegression()]) {
      const a = new Float64Array(Z.rows);
      const b = new Float64Array(Z.rows);
      make().fitScore(Z, [0, 1, 3], [1, 0, 0], a);
      make().fitScore(flat, [0, 1, 3], [1, 0, 0], b);
      for (let i = 0; i < Z.rows; i++) expect(a[i]!).toBeCloseTo(b[i]!, 12);
      expect(a[2]).not.toBe(a[3]); // the dense columns count
    }
    expect(() => naiveBayes().fitScore(Z, [0, 1], [1, 0], new Float64Array(Z.rows))).toThrow(expect.objectContaining({ code: 'BAD_SCREENING_CONFIG' }));
  });
  it('are what the default configuration screens with, given the vectors it names', () => {
    const Z = featuresFor(config, texts, V);
    const expected = appendDense(tfidf(texts, { bigrams: true, stem: true, minDf: 1, collapseSingletons: true }), documentVectors(texts, V), 3, 0.5);
    expect(Z).toEqual(expected);
    expect(() => featuresFor(config, texts)).toThrow(expect.objectContaining({ code: 'WORD_VECTORS_NEEDED' }));
    expect(() => featuresFor(DEFAULT_SCREENING_CONFIG, texts, V)).toThrow(expect.objectContaining({ code: 'WORD_VECTORS_MISMATCH' }));
    expect(() => featuresFor({ ...config, classifier: 'nb' }, texts, V)).toThrow(expect.objectContaining({ code: 'BAD_SCREENING_CONFIG' }));
    expect(featuresFor(SCREENING_CONFIG_V2, texts)).toEqual(tfidf(texts, { bigrams: true, stem: true, minDf: 1, collapseSingletons: true }));
  });
  it('rank a paraphrase of a relevant record above unrelated records, where TF-IDF alone cannot tell', () => {
    // the relevant prior and the paraphrase share no word; only their vectors are close
    const pool = ['telephone calls cancer', 'knee surgery', 'phone follow tumour', 'hip replacement', 'knee replacement surgery'];
    const rows = [0, 1];
    const labels = [1, 0];
    const score = (X: ReturnType<typeof tfidf>): Float64Array => {
      const out = new Float64Array(X.rows);
      linearSvm().fitScore(X, rows, labels, out);
      return out;
    };
    const withVectors = score(featuresFor(config, pool, V));
    expect(withVectors[2]!).toBeGreaterThan(Math.max(withVectors[3]!, withVectors[4]!));
    const plain = score(featuresFor(SCREENING_CONFIG_V2, pool));
    expect(plain[2]!).toBeLessThanOrEqual(plain[3]!); // no shared word: no better than the unrelated record
  });
  it('simulate with them, recording the vectors in the configuration', () => {
    const texts2 = Array.from({ length: 40 }, (_, i) => (i % 8 === 0 ? `telephone palliative cancer ${i}` : `knee hip surgery replacement ${i}`));
    const labels2 = texts2.map((t) => (t.startsWith('telephone') ? 1 : 0));
    const res = simulate({ texts: texts2, labels: labels2, seed: 2, config, vectors: V });
    expect(res.config).toMatchObject({ features: 'tfidf+embeddings', embeddings: 'test-vectors@1', nearestWeight: 0.25, version: '4' });
    expect(res.order.slice(0, 5).every((r) => labels2[r] === 1 || r === res.order[1])).toBe(true);
    expect(() => simulate({ texts: texts2, labels: labels2, seed: 2 })).toThrow(expect.objectContaining({ code: 'WORD_VECTORS_NEEDED' }));
  });
  it('simulate with empty texts, texts of no known word and duplicate texts, under both linear classifiers', () => {
    const odd = Array.from({ length: 40 }, (_, i) => (i % 8 === 0 ? 'telephone palliative cancer' : i % 5 === 0 ? '' : i % 7 === 0 ? 'zzz qqq' : 'knee hip surgery replacement'));
    const oddLabels = odd.map((t) => (t.startsWith('telephone') ? 1 : 0));
    for (const classifier of ['svm', 'logistic'] as const) {
      const res = simulate({ texts: odd, labels: oddLabels, seed: 5, config: { ...config, classifier }, vectors: V });
      expect([...res.order].sort((x, y) => x - y)).toEqual(odd.map((_, i) => i));
      expect(Number.isFinite(res.wss95)).toBe(true);
    }
  });
});
