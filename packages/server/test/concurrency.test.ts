import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReview, createUser, importSearchRun, setMember } from '@metasift/store';
import { backends } from '../../store/test/backends.js';
import { startServer } from '../src/index.js';

const REVIEWERS = 20;
const EACH = 50;

for (const backend of backends('concurrency')) describe(`concurrency on ${backend.name}`, () => {
  it(`${REVIEWERS} reviewers deciding at once over loopback HTTP lose no decision and duplicate none`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasift-conc-'));
    const store = await backend.open(dir);
    try {
      const owner = await createUser(store, { email: 'o@x.org', displayName: 'o', password: 'correct horse' });
      const review = await createReview(store, owner, { title: 'c', protocol: { question: 'q', pico: {}, criteria: [], outcomes: [], analyses: [], registry_id: '' } });
      const text = Array.from({ length: 600 }, (_, i) => `TY  - JOUR\nTI  - Record ${i}\nER  - \n`).join('\n');
      await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: '', fileName: 'c.ris', text });
      const emails: string[] = [];
      for (let i = 0; i < REVIEWERS; i++) {
        const id = await createUser(store, { email: `r${i}@x.org`, displayName: `r${i}`, password: 'correct horse' });
        await setMember(store, owner, review, id, 'reviewer');
        emails.push(`r${i}@x.org`);
      }
      const server = await startServer(store, { port: 0 });
      const base = server.url.replace(/\/$/, '');
      const statuses: number[] = [];
      await Promise.all(
        emails.map(async (email) => {
          const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
          const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
          const { csrf } = (await login.json()) as { csrf: string };
          for (let i = 0; i < EACH; i++) {
            const { record } = (await (await fetch(`${base}/api/reviews/${review}/screening/title_abstract/next`, { headers: { cookie } })).json()) as { record: { id: number } };
            const res = await fetch(`${base}/api/reviews/${review}/screening/title_abstract/decisions`, {
              method: 'POST',
              headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ recordId: record.id, verdict: i % 2 ? 'include' : 'exclude' }),
            });
            statuses.push(res.status);
            await res.arrayBuffer();
          }
        }),
      );
      await server.close();
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      const rows = await store.db.selectFrom('decisions').select(['reviewer_id', 'record_id']).execute();
      expect(rows).toHaveLength(REVIEWERS * EACH);
      expect(new Set(rows.map((r) => `${r.reviewer_id}:${r.record_id}`)).size).toBe(REVIEWERS * EACH);
      const audited = await store.db.selectFrom('audit_log').select('id').where('entity', '=', 'decision').execute();
      expect(audited).toHaveLength(REVIEWERS * EACH);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
