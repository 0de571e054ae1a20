// Worker thread of the review store's imports (src/parse.ts): parses one uploaded BibTeX export off the
// main thread (a large one takes tens of seconds), answering with the records or the parse error.
import { parentPort, workerData } from 'node:worker_threads';
import { parseText } from '@metasift/core';

const { text, options } = workerData;
let answer;
try {
  answer = { ok: true, value: parseText(text, options) };
} catch (e) {
  answer = { ok: false, message: e instanceof Error ? e.message : String(e) };
}
parentPort.postMessage(answer);
