/**
 * Background import jobs: the upload returns at once with a job id; the import (one transaction) and
 * the dedup that follows run in the background, and GET on the job reports the phase and how many
 * records are written. Jobs live in the server's memory: a restart forgets finished jobs, and a job
 * cut off by a crash left nothing behind (its transaction never committed), so it is simply retried.
 */
import { randomUUID } from 'node:crypto';
import { dedupReview, importSearchRun, type DedupSummary, type ImportOutcome, type SearchRunInput, type Store } from '@metasift/store';

export interface ImportJob {
  id: string;
  reviewId: number;
  userId: number;
  fileName: string;
  state: 'running' | 'done' | 'failed';
  phase: 'parsing' | 'writing' | 'deduplicating' | 'done';
  written: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  result: (ImportOutcome & { dedup: DedupSummary }) | null;
  error: { code: string; message: string } | null;
}

const KEEP = 500;

export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();
  /** One import at a time per review, in arrival order, so two uploads never race for the same dedup. */
  private readonly queues = new Map<number, Promise<void>>();

  constructor(private readonly store: Store) {}

  start(userId: number, reviewId: number, input: SearchRunInput): ImportJob {
    const job: ImportJob = { id: randomUUID(), reviewId, userId, fileName: input.fileName, state: 'running', phase: 'parsing', written: 0, total: 0, startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null };
    this.jobs.set(job.id, job);
    if (this.jobs.size > KEEP) for (const [id, j] of this.jobs) if (j.state !== 'running') { this.jobs.delete(id); break; }
    const prev = this.queues.get(reviewId) ?? Promise.resolve();
    const run = prev.then(() => this.run(job, input));
    this.queues.set(reviewId, run);
    void run.finally(() => { if (this.queues.get(reviewId) === run) this.queues.delete(reviewId); });
    return job;
  }

  private async run(job: ImportJob, input: SearchRunInput): Promise<void> {
    try {
      const outcome = await importSearchRun(this.store, job.userId, job.reviewId, input, (written, total) => {
        job.phase = 'writing';
        job.written = written;
        job.total = total;
      });
      job.phase = 'deduplicating';
      const dedup = await dedupReview(this.store, job.userId, job.reviewId);
      job.result = { ...outcome, dedup };
      job.state = 'done';
      job.phase = 'done';
    } catch (e) {
      job.state = 'failed';
      const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'INTERNAL';
      if (code === 'INTERNAL') console.error(e);
      job.error = { code, message: code === 'INTERNAL' ? 'internal error' : e instanceof Error ? e.message : String(e) };
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  /** A job of this review (the caller's role is checked by the route). */
  get(id: string, reviewId: number): ImportJob | null {
    const j = this.jobs.get(id);
    return j && j.reviewId === reviewId ? j : null;
  }

  /** Resolves when every job has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.allSettled([...this.queues.values()]);
  }
}
