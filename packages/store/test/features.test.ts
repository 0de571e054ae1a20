import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_CONFIG, featuresFor } from '@metasift/core';
import { buildFeatures, featuresInWorker, WORKER_MIN_RECORDS } from '../src/features.js';
import { loadWordVectors } from '../src/word-vectors.js';

const WORDS = 'telehealth video telephone palliative cancer advanced symptom quality life depression trial cohort randomised outcome patients care home nurse pain fatigue caregiver'.split(' ');
const sentence = (i: number, n: number): string => Array.from({ length: n }, (_, k) => WORDS[(i * 31 + k * 17 + ((i * k) % 5)) % WORDS.length]).join(' ');
const texts = (n: number): string[] => Array.from({ length: n }, (_, i) => `${sentence(i, 6)} record${i} ${i % 9 ? sentence(i + 1, 12 + (i % 7)) : ''}`);

describe('relevance features built in a worker thread', () => {
  it('give the same matrix as building them in place', async () => {
    const t = texts(300);
    const X = await featuresInWorker(DEFAULT_SCREENING_CONFIG, t);
    const Y = featuresFor(DEFAULT_SCREENING_CONFIG, t, await loadWordVectors());
    expect(Y.cols).toBeGreaterThan(100); // TF-IDF terms and the 100 word-vector columns
    expect(Y.dense?.values.length).toBe(300 * 100);
    expect(X.rows).toBe(Y.rows);
    expect(X.cols).toBe(Y.cols);
    expect([...X.rowStart]).toEqual([...Y.rowStart]);
    expect([...X.indices]).toEqual([...Y.indices]);
    expect([...X.values]).toEqual([...Y.values]);
    expect(X.dense?.dims).toBe(100);
    expect([...X.dense!.values]).toEqual([...Y.dense!.values]);
  });
  it('a large review goes to the worker, a small one is built in place, both the same as the core', async () => {
    for (const n of [WORKER_MIN_RECORDS + 10, 50]) {
      const t = texts(n);
      const X = await buildFeatures(DEFAULT_SCREENING_CONFIG, t);
      const Y = featuresFor(DEFAULT_SCREENING_CONFIG, t, await loadWordVectors());
      expect([X.rows, X.cols, X.indices.length]).toEqual([Y.rows, Y.cols, Y.indices.length]);
      expect([...X.values.subarray(0, 200)]).toEqual([...Y.values.subarray(0, 200)]);
      expect([...X.dense!.values.subarray(0, 500)]).toEqual([...Y.dense!.values.subarray(0, 500)]);
    }
  });
});
