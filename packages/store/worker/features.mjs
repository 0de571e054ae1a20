// Worker thread of the review store's relevance order (src/features.ts): builds one review's feature
// matrix off the main thread, so a server keeps answering other requests meanwhile, and hands the
// typed arrays back without copying them.
import { parentPort, workerData } from 'node:worker_threads';
import { featuresFor, needsWordVectors } from '@metasift/core';
import { loadWordVectors } from '../dist/word-vectors.js';

const { config, texts } = workerData;
const vectors = needsWordVectors(config) ? await loadWordVectors(config.embeddings) : undefined;
const X = featuresFor(config, texts, vectors);
parentPort.postMessage({ ok: true, value: X }, [X.rowStart.buffer, X.indices.buffer, X.values.buffer, ...(X.dense ? [X.dense.values.buffer] : [])]);
