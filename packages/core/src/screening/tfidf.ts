/**
 * TF-IDF features with word unigrams and bigrams (ASReview's default feature extractor is TF-IDF):
 * lower-case word tokens of two or more letters, optionally reduced to their Porter stems (so "trial",
 * "trials" and "trialled" are one feature), English stop words removed (after stemming, so the list
 * applies to the normalised forms), sublinear term frequency (raw counts optional), a minimum document
 * frequency, smoothed idf, rows L2-normalised. The matrix is sparse (CSR); nothing is downloaded.
 */
import { stemmer } from 'stemmer';

export interface SparseMatrix {
  /** Row i's entries are indices[rowStart[i] .. rowStart[i+1]) with values[…]. */
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly rows: number;
  /** All columns, the dense block's last. */
  readonly cols: number;
  /**
   * Columns every row fills (word embeddings), kept row-major without column indices: row i's value in
   * column cols − dims + c is values[i·dims + c].
   */
  readonly dense?: { readonly dims: number; readonly values: Float64Array };
}

/** English stop words, left out of the features. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its may more most no not of on or our she should so such than that the their them then there these they this those to was we were what when which who will with would you your also between both each during however into over than through under using used within without'.split(
    ' ',
  ),
);

/** Lower-case word tokens: a letter followed by letters, digits or hyphens. */
const wordsOf = (text: string): string[] => text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? [];

export function tokenize(text: string, stem = false): string[] {
  const words = wordsOf(text);
  return (stem ? words.map((w) => stemmer(w)) : words).filter(keep);
}

const keep = (w: string): boolean => w.length > 1 && !STOP_WORDS.has(w);

export interface TfidfOptions {
  /** Include word bigrams (default true). */
  readonly bigrams?: boolean;
  /** Reduce words to their Porter stems (default false). */
  readonly stem?: boolean;
  /** Ignore terms in fewer documents than this (default 2). */
  readonly minDf?: number;
  /** 1 + log(tf) instead of raw counts (default true). */
  readonly sublinear?: boolean;
  /**
   * With minDf 1: fold the terms found in one record only into one column private to that record,
   * holding their combined weight (the square root of the sum of their squared weights). For a linear
   * model with an L2 penalty this is exactly the same as keeping them — such a term's weight can only
   * come from its record and only reaches its record's score — with far fewer columns (default false).
   */
  readonly collapseSingletons?: boolean;
}

/**
 * Builds the matrix in two passes over integer term ids: words are interned once (with their stems,
 * so each distinct word is stemmed once), a bigram is found by its first word's id, then its second's, and a record's terms
 * are counted by sorting its ids. Columns follow the order in which terms are first seen (a record's
 * words, then its bigrams), so the same texts always give the same matrix.
 */
export function tfidf(texts: readonly string[], options: TfidfOptions = {}): SparseMatrix {
  const bigrams = options.bigrams ?? true;
  const minDf = options.minDf ?? 2;
  const sublinear = options.sublinear ?? true;
  const stem = options.stem ?? false;
  const wordId = new Map<string, number>(); // surface word → word id, or -1 for a stop word
  const stemId = new Map<string, number>(); // normalised form → word id
  const termOfWord: number[] = [];
  const termOfPair: Map<number, number>[] = []; // first word id → second word id → term id
  const df: number[] = [];
  let terms = 0;
  const docs: Int32Array[] = [];
  for (const text of texts) {
    const words = wordsOf(text);
    const ids: number[] = [];
    for (const w of words) {
      let id = wordId.get(w);
      if (id === undefined) {
        const form = stem ? stemmer(w) : w;
        id = keep(form) ? (stemId.get(form) ?? stemId.set(form, stemId.size).get(form)!) : -1;
        wordId.set(w, id);
      }
      if (id >= 0) ids.push(id);
    }
    const doc: number[] = [];
    for (const id of ids) doc.push((termOfWord[id] ??= terms++));
    if (bigrams) {
      for (let i = 1; i < ids.length; i++) {
        const next = (termOfPair[ids[i - 1]!] ??= new Map());
        let t = next.get(ids[i]!);
        if (t === undefined) next.set(ids[i]!, (t = terms++));
        doc.push(t);
      }
    }
    const sorted = Int32Array.from(doc).sort();
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) df[sorted[i]!] = (df[sorted[i]!] ?? 0) + 1;
    docs.push(sorted);
  }
  // columns: terms in at least minDf records, in first-seen order
  const collapse = (options.collapseSingletons ?? false) && minDf <= 1;
  const column = new Int32Array(terms).fill(-1);
  let cols = 0;
  for (let t = 0; t < terms; t++) if (df[t]! >= Math.max(minDf, collapse ? 2 : 1)) column[t] = cols++;
  const n = texts.length;
  const idf = new Float64Array(terms);
  for (let t = 0; t < terms; t++) idf[t] = Math.log((1 + n) / (1 + df[t]!)) + 1;
  const rowStart = new Int32Array(n + 1);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const d = docs[i]!;
    let single = false;
    for (let k = 0; k < d.length; k++) {
      if (k > 0 && d[k] === d[k - 1]) continue;
      if (column[d[k]!]! >= 0) nnz++;
      else if (collapse) single = true;
    }
    if (single) nnz++;
    rowStart[i + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const entries: [number, number][] = [];
  let privateCols = 0;
  for (let i = 0; i < n; i++) {
    const d = docs[i]!;
    entries.length = 0;
    let privateSq = 0;
    for (let k = 0; k < d.length; ) {
      const t = d[k]!;
      let c = 0;
      while (k < d.length && d[k] === t) {
        c++;
        k++;
      }
      const j = column[t]!;
      const v = (sublinear ? 1 + Math.log(c) : c) * idf[t]!;
      if (j >= 0) entries.push([j, v]);
      else if (collapse) privateSq += v * v;
    }
    if (privateSq > 0) entries.push([cols + privateCols++, Math.sqrt(privateSq)]);
    entries.sort((x, y) => x[0] - y[0]);
    const norm = Math.sqrt(entries.reduce((s2, [, v]) => s2 + v * v, 0)) || 1;
    let p = rowStart[i]!;
    for (const [j, v] of entries) {
      indices[p] = j;
      values[p++] = v / norm;
    }
  }
  return { rowStart, indices, values, rows: n, cols: cols + privateCols };
}
