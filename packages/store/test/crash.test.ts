import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReview, createUser, importSearchRun } from '../src/index.js';
import { backends } from './backends.js';

const N = 100_000;
const PROTOCOL = { question: 'q', pico: {}, criteria: [], outcomes: [], analyses: [], registry_id: '' };

for (const backend of backends('crash')) describe(`crash on ${backend.name}`, () => {
  it(`SIGKILL in the middle of a ${N.toLocaleString('en')}-record import leaves no partial import, and a retry succeeds`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasift-crash-'));
    try {
      let store = await backend.open(dir);
      const user = await createUser(store, { email: 'a@example.org', displayName: 'A', password: 'correct horse' });
      const review = await createReview(store, user, { title: 'crash test', protocol: PROTOCOL });
      await store.close();
      const t = backend.target(dir);
      const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures/import-child.mjs'), 'file' in t ? t.file : t.url, String(review), String(user), String(N)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      const exited = new Promise<NodeJS.Signals | null>((res) => child.once('exit', (_code, signal) => res(signal)));
      // kill once the transaction has written a fifth of the records, long before it commits
      const deadline = Date.now() + 120_000;
      const written = (): number => Math.max(0, ...[...out.matchAll(/written (\d+)/g)].map((m) => Number(m[1])));
      while (Date.now() < deadline && written() < N / 5 && !/imported/.test(out)) await new Promise((r) => setTimeout(r, 5));
      expect(out, 'the import finished before it could be killed').not.toMatch(/imported/);
      expect(written()).toBeGreaterThanOrEqual(N / 5);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      store = await backend.open(dir, false);
      const count = async (t: 'records' | 'search_runs') => Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(await count('records')).toBe(0);
      expect(await count('search_runs')).toBe(0);
      expect((await store.db.selectFrom('audit_log').select('action').where('entity', '=', 'search_run').execute()).length).toBe(0);

      const text = Array.from({ length: 1000 }, (_, i) => `TY  - JOUR\nTI  - Retry ${i}\nER  - \n`).join('\n');
      const retry = await importSearchRun(store, user, review, { database: 'Embase', platform: 'Ovid', searchedOn: '2024-01-01', strategy: 'x', fileName: 'retry.ris', text });
      expect(retry.records).toBe(1000);
      expect(await count('records')).toBe(1000);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
