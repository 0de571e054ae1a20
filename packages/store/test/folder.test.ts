import { expect, it } from 'vitest';
import { amendProtocol, createReview, createUser, decide, exportReview, importReview, importSearchRun, openStore, resolve, setMember } from '../src/index.js';
import { PROTOCOL } from './fixtures/protocol.js';

const RIS = 'TY  - JOUR\nTI  - One\nAU  - Smith, J\nXX  - kept raw\nER  - \n\nTY  - JOUR\nTI  - Two "quoted" \\ back\nER  - \n';

it('export → import → export gives the same bytes, into another store and into the same one', async () => {
  const a = await openStore({ file: ':memory:' });
  const owner = await createUser(a, { email: 'owner@x.org', displayName: 'Owner', password: 'correct horse' });
  const rev = await createUser(a, { email: 'rev@x.org', displayName: 'Rev', password: 'correct horse' });
  const review = await createReview(a, owner, { title: 'Folder test', protocol: PROTOCOL });
  await setMember(a, owner, review, rev, 'reviewer');
  await amendProtocol(a, owner, review, { ...PROTOCOL, analyses: ['REML', 'subgroups'] }, 'added subgroups');
  await importSearchRun(a, rev, review, { database: 'Embase', platform: 'Ovid', searchedOn: '2024-01-01', strategy: 'x', fileName: 'e.ris', text: RIS });
  const recs = await a.db.selectFrom('records').select('id').orderBy('id').execute();
  await decide(a, rev, review, { stage: 'title_abstract', recordId: recs[0]!.id, verdict: 'include' });
  await decide(a, owner, review, { stage: 'title_abstract', recordId: recs[0]!.id, verdict: 'exclude', reasons: ['E1'] });
  await decide(a, rev, review, { stage: 'title_abstract', recordId: recs[1]!.id, verdict: 'maybe' });
  await decide(a, rev, review, { stage: 'title_abstract', recordId: recs[1]!.id, verdict: null });
  await resolve(a, owner, review, { stage: 'title_abstract', recordId: recs[0]!.id, verdict: 'include', reason: 'agreed' });
  // a second review in the same store must not leak into the export
  await createReview(a, rev, { title: 'Other', protocol: PROTOCOL });

  const first = await exportReview(a, review);
  expect(first.get('records.jsonl')!.split('\n').filter(Boolean)).toHaveLength(2);
  expect(JSON.parse(first.get('records.jsonl')!.split('\n')[0]!).raw).toMatchObject({ XX: ['kept raw'] });
  expect(first.get('decisions.jsonl')!.split('\n').filter(Boolean)).toHaveLength(4);
  expect(first.get('review.json')).not.toMatch(/scrypt/);

  const b = await openStore({ file: ':memory:' });
  const copy = await importReview(b, first);
  const second = await exportReview(b, copy);
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [name, text] of first) expect(second.get(name), name).toBe(text);

  const again = await importReview(a, first);
  expect(again).not.toBe(review);
  const third = await exportReview(a, again);
  for (const [name, text] of first) expect(third.get(name), name).toBe(text);
  await a.close();
  await b.close();
});

it('a broken folder names the file and line and imports nothing', async () => {
  const a = await openStore({ file: ':memory:' });
  const owner = await createUser(a, { email: 'owner@x.org', displayName: 'Owner', password: 'correct horse' });
  const review = await createReview(a, owner, { title: 'Folder test', protocol: PROTOCOL });
  await importSearchRun(a, owner, review, { database: 'Embase', platform: 'Ovid', searchedOn: '2024-01-01', strategy: 'x', fileName: 'e.ris', text: RIS });
  const files = await exportReview(a, review);
  const before = (await a.db.selectFrom('reviews').select('id').execute()).length;
  const broken = new Map(files);
  broken.set('records.jsonl', files.get('records.jsonl')!.replace(/\n$/, '\n{"id": 3, "search_run_id": 99, "position": 2, "raw": "{}", "fields": "{}", "title": "x", "year": null, "doi": ""}\n'));
  await expect(importReview(a, broken)).rejects.toThrow(/records\.jsonl line 3: search_run_id 99 points to nothing/);
  broken.set('records.jsonl', '{"id": 1,\n');
  await expect(importReview(a, broken)).rejects.toThrow(/records\.jsonl line 1/);
  const missing = new Map(files);
  missing.delete('decisions.jsonl');
  await expect(importReview(a, missing)).rejects.toThrow(/decisions\.jsonl: missing/);
  expect((await a.db.selectFrom('reviews').select('id').execute()).length).toBe(before);
  await a.close();
});
