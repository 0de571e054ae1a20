import { expect, it } from 'vitest';
import { amendProtocol, attachReport, createReview, createUser, decide, dedupReview, exportReview, importReview, importSearchRun, openStore, resolve, saveExtraction, setMember, setSettings } from '../src/index.js';
import { PROTOCOL } from './fixtures/protocol.js';

const RIS = 'TY  - JOUR\nTI  - One trial of video consultations\nAU  - Smith, J\nDO  - 10.1000/one\nXX  - kept raw\nER  - \n\nTY  - JOUR\nTI  - Two "quoted" \\ back: telephone follow-up\nDO  - 10.1000/two\nER  - \n';

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
  await importSearchRun(a, rev, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-02', strategy: 'y', fileName: 'm.ris', text: RIS });
  expect((await dedupReview(a, owner, review)).duplicatesRemoved).toBe(2);
  await setSettings(a, owner, review, { reviewersPerRecord: 1, exclusionReasons: ['E1', 'E2'] });
  await attachReport(a, rev, review, { recordId: recs[0]!.id, fileName: 'one.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 one\n%%EOF\n') });
  await decide(a, rev, review, { stage: 'full_text', recordId: recs[0]!.id, verdict: 'include' });
  await saveExtraction(a, rev, review, { recordId: recs[0]!.id }, { characteristics: { mode: 'video' }, outcomes: { 'Quality of life': { kind: 'binary', values: { ai: 3, n1i: 20 } } } });
  // a second review in the same store must not leak into the export
  await createReview(a, rev, { title: 'Other', protocol: PROTOCOL });

  const first = await exportReview(a, review);
  expect(first.get('records.jsonl')!.split('\n').filter(Boolean)).toHaveLength(4);
  expect(first.get('records.jsonl')!.split('\n')[2]).toMatch(/"duplicate_of":1/);
  expect(JSON.parse(first.get('review.json')!).settings).toMatchObject({ reviewersPerRecord: 1, exclusionReasons: ['E1', 'E2'] });
  expect(JSON.parse(first.get('files.jsonl')!).base64).toBe(Buffer.from('%PDF-1.4 one\n%%EOF\n').toString('base64'));
  expect(JSON.parse(first.get('records.jsonl')!.split('\n')[0]!).raw).toMatchObject({ XX: ['kept raw'] });
  expect(first.get('decisions.jsonl')!.split('\n').filter(Boolean)).toHaveLength(5);
  expect(first.get('review.json')).not.toMatch(/scrypt/);
  // the study founded for the extraction points at its record, which the import renumbers
  expect(JSON.parse(first.get('studies.jsonl')!)).toMatchObject({ record_id: JSON.parse(first.get('records.jsonl')!.split('\n')[0]!).id });
  expect(JSON.parse(first.get('extractions.jsonl')!).data).toMatchObject({ characteristics: { mode: 'video' } });

  const b = await openStore({ file: ':memory:' });
  const copy = await importReview(b, first);
  const second = await exportReview(b, copy);
  expect([...second.keys()]).toEqual([...first.keys()]);
  for (const [name, text] of first) expect(second.get(name), name).toBe(text);

  const again = await importReview(a, first);
  expect(again).not.toBe(review);
  const founded = await a.db.selectFrom('studies').innerJoin('records', 'records.id', 'studies.record_id').select('records.review_id').where('studies.review_id', '=', again).execute();
  expect(founded).toEqual([{ review_id: again }]);
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
  await expect(importReview(a, new Map([...files, ['files.jsonl', '{"sha256": "00", "base64": "AAAA"}\n']]))).rejects.toThrow(/files\.jsonl line 1: the bytes do not match/);
  await expect(importReview(a, broken)).rejects.toThrow(/records\.jsonl line 1/);
  const missing = new Map(files);
  missing.delete('decisions.jsonl');
  await expect(importReview(a, missing)).rejects.toThrow(/decisions\.jsonl: missing/);
  expect((await a.db.selectFrom('reviews').select('id').execute()).length).toBe(before);
  await a.close();
});
