// Worker thread of the review store's relevance order (src/features.ts): builds one review's TF-IDF
// matrix off the main thread, so a server keeps answering other requests meanwhile, and hands the
// typed arrays back without copying them.
import { parentPort, workerData } from 'node:worker_threads';
import { featuresFor } from '@metasift/core';

const { config, texts } = workerData;
const X = featuresFor(config, texts);
parentPort.postMessage({ ok: true, value: X }, [X.rowStart.buffer, X.indices.buffer, X.values.buffer]);
