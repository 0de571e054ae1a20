/** What route handlers can read from the context. */
import type { SessionUser, Store } from '@metasift/store';
import type { ImportJobs } from './jobs.js';

export interface AppEnv {
  Variables: {
    store: Store;
    user: SessionUser | null;
    token: string | null;
    jobs: ImportJobs;
  };
}
