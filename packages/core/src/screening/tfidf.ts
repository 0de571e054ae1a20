/**
 * TF-IDF features with word unigrams and bigrams (ASReview's default feature extractor is TF-IDF):
 * lower-case word tokens of two or more letters, English stop words removed, sublinear term frequency
 * (raw counts optional), terms in at least two documents, smoothed idf, rows L2-normalised. The matrix is sparse (CSR); nothing is downloaded.
 */
export interface SparseMatrix {
  /** Row i's entries are indices[rowStart[i] .. rowStart[i+1]) with values[…]. */
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

const STOP = new Set(
  'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its may more most no not of on or our she should so such than that the their them then there these they this those to was we were what when which who will with would you your also between both each during however into over than through under using used within without'.split(
    ' ',
  ),
);

export function tokenize(text: string): string[] {
  const words = text.toLowerCase().match(/[a-z][a-z0-9-]+/g) ?? [];
  return words.filter((w) => !STOP.has(w));
}

export interface TfidfOptions {
  /** Include word bigrams (default true). */
  readonly bigrams?: boolean;
  /** Ignore terms in fewer documents than this (default 2). */
  readonly minDf?: number;
  /** 1 + log(tf) instead of raw counts (default true). */
  readonly sublinear?: boolean;
}

export function tfidf(texts: readonly string[], options: TfidfOptions = {}): SparseMatrix {
  const bigrams = options.bigrams ?? true;
  const minDf = options.minDf ?? 2;
  const sublinear = options.sublinear ?? true;
  const docs = texts.map((t) => {
    const toks = tokenize(t);
    const terms = [...toks];
    if (bigrams) for (let i = 1; i < toks.length; i++) terms.push(`${toks[i - 1]} ${toks[i]}`);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    return counts;
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const term of d.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [term, n] of df) if (n >= minDf) vocab.set(term, vocab.size);
  const n = texts.length;
  const idf = new Float64Array(vocab.size);
  for (const [term, j] of vocab) idf[j] = Math.log((1 + n) / (1 + df.get(term)!)) + 1;
  const rowStart = new Int32Array(n + 1);
  const idx: number[] = [];
  const val: number[] = [];
  docs.forEach((d, i) => {
    const entries: [number, number][] = [];
    for (const [term, c] of d) {
      const j = vocab.get(term);
      if (j !== undefined) entries.push([j, (sublinear ? 1 + Math.log(c) : c) * idf[j]!]);
    }
    entries.sort((x, y) => x[0] - y[0]);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    for (const [j, v] of entries) {
      idx.push(j);
      val.push(v / norm);
    }
    rowStart[i + 1] = idx.length;
  });
  return { rowStart, indices: Int32Array.from(idx), values: Float64Array.from(val), rows: n, cols: vocab.size };
}
