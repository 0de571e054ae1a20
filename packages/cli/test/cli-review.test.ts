import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createReview, createUser, decide, importSearchRun, openStore } from '@metasift/store';

const BIN = join(import.meta.dirname, '../bin/metasift.js');
const dir = mkdtempSync(join(tmpdir(), 'metasift-review-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'review', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });

it('review export → import → export writes the same bytes', async () => {
  const file = join(dir, 'a.sqlite');
  const store = await openStore({ file });
  const u = await createUser(store, { email: 'a@x.org', displayName: 'A', password: 'correct horse' });
  const r = await createReview(store, u, { title: 'CLI folder', protocol: { question: 'q', pico: {}, criteria: [{ id: 'I1', kind: 'inclusion', text: 'adults' }], outcomes: [], analyses: [], registry_id: '' } });
  await importSearchRun(store, u, r, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-01', strategy: 's', fileName: 'm.ris', text: 'TY  - JOUR\nTI  - A title\nER  - \n' });
  const rec = (await store.db.selectFrom('records').select('id').executeTakeFirstOrThrow()).id;
  await decide(store, u, r, { stage: 'title_abstract', recordId: rec, verdict: 'include' });
  await store.close();

  const out1 = join(dir, 'one');
  const out2 = join(dir, 'two');
  expect(run('export', out1, '--db', file).stdout).toMatch(/wrote review 1/);
  expect(run('import', out1, '--db', join(dir, 'b.sqlite')).stdout).toMatch(/imported .* as review 1/);
  expect(run('export', out2, '--db', join(dir, 'b.sqlite')).status).toBe(0);
  const names = readdirSync(out1).sort();
  expect(names).toContain('decisions.jsonl');
  expect(readdirSync(out2).sort()).toEqual(names);
  for (const n of names) expect(readFileSync(join(out2, n), 'utf8'), n).toBe(readFileSync(join(out1, n), 'utf8'));
});

it('names the file and line of a broken folder, and a missing folder, without a stack trace', () => {
  const out = join(dir, 'one');
  writeFileSync(join(out, 'decisions.jsonl'), 'not json\n');
  const r = run('import', out, '--db', join(dir, 'c.sqlite'));
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/error\[INVALID\]: decisions\.jsonl line 1/);
  const m = run('import', join(dir, 'nope'), '--db', join(dir, 'c.sqlite'));
  expect(m.stderr).toMatch(/error\[NOT_FOUND\]: .*nope: ENOENT/);
  expect(m.stderr + r.stderr).not.toMatch(/at .*\.(js|mjs):\d+/);
});
