/**
 * Runs one of the store's worker scripts (`../worker/NAME.mjs`, the same relative path from src/ and
 * dist/) on a thread of its own and returns what it posts back. A script posts `{ ok: true, value }`
 * or `{ ok: false, message }` (an error of the work itself, such as a file that cannot be parsed);
 * the promise rejects only when the thread could not run, so callers can fall back to working in place.
 */
import { Worker } from 'node:worker_threads';

export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

export function runWorker<T>(script: string, data: unknown): Promise<WorkerAnswer<T>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(`../worker/${script}`, import.meta.url), { workerData: data });
    let settled = false;
    worker.once('message', (answer: WorkerAnswer<T>) => {
      settled = true;
      resolve(answer);
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`worker ${script} exited with code ${code}`));
    });
  });
}

/**
 * The value a worker script computes, or — when the thread cannot run — what `inPlace` computes (at
 * once or in a promise); an error of the work itself is thrown with its message.
 */
export async function inWorkerOr<T>(script: string, data: unknown, inPlace: () => T | Promise<T>): Promise<T> {
  let answer: WorkerAnswer<T>;
  try {
    answer = await runWorker<T>(script, data);
  } catch {
    return inPlace();
  }
  if (!answer.ok) throw new Error(answer.message);
  return answer.value;
}
