import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, parseText, type HumanDecision } from '@metasift/core';
import { dedupRows, type DedupRow } from '../src/dedup-run.js';
import { createReview, createUser, dedupReview, importSearchRun } from '../src/index.js';
import { backends } from './backends.js';
import { PROTOCOL } from './fixtures/protocol.js';

// a labelled deduplication set from ../shared: 1,988 records exported from several databases
const file = join(import.meta.dirname, '../../../../shared/benchmarks/dedup/sra_respiratory/records_pre_merged.csv');

describe('deduplication in a worker thread', () => {
  it('gives the same clusters, queue and counts as in place, with people\'s decisions applied', async () => {
    const records = parseText(decodeBytes(readFileSync(file)).text, { format: 'csv' }).records;
    const rows: DedupRow[] = records.map(({ raw: _raw, ...fields }, i) => ({ id: String(i + 1), database: i % 2 ? 'MEDLINE' : 'Embase', fields: JSON.stringify(fields) }));
    const first = await dedupRows(rows, [], { worker: false });
    expect(first.groups.length).toBeGreaterThan(100);
    // a person keeps one found pair apart and merges two records the rules left alone
    const decisions: HumanDecision[] = [
      { a: first.groups[0]![0]!, b: first.groups[0]![1]!, verdict: 'keep-apart' },
      { a: first.groups[1]![0]!, b: first.groups[2]![0]!, verdict: 'merge' },
    ];
    const inPlace = await dedupRows(rows, decisions, { worker: false });
    const inWorker = await dedupRows(rows, decisions, { worker: true });
    expect(inWorker).toEqual(inPlace);
    expect(inPlace.groups).not.toEqual(first.groups);
  });
});

// two articles of one volume by the same team, each on its own pages
const ris = (title: string, [sp, ep] = ['119', '127']) => `TY  - JOUR\nTI  - ${title}\nAU  - Hoek, P\nAU  - Schers, H\nPY  - 2017\nT2  - BMC Medicine\nVL  - 15\nSP  - ${sp}\nEP  - ${ep}\nER  - \n`;
const B_PAGES: [string, string] = ['201', '209'];
const A = 'Video consultations for patients with advanced cancer: a randomised controlled trial';
const B = 'Telephone follow-up of family carers after death in hospice care: a cohort study';

for (const backend of backends('dedup_run')) describe(`a review's deduplication on ${backend.name}`, () => {
  it('notices records imported while its clusters were being computed, and clusters them too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasift-dedup-run-'));
    const store = await backend.open(dir);
    try {
      const owner = await createUser(store, { email: 'owner@example.org', displayName: 'Owner', password: 'correct horse' });
      const review = await createReview(store, owner, { title: 'Dedup', protocol: PROTOCOL });
      const run = (database: string, text: string) => importSearchRun(store, owner, review, { database, platform: 'x', searchedOn: '2024-01-01', strategy: '', fileName: `${database}.ris`, text });
      await run('MEDLINE', ris(A) + ris(B, B_PAGES));
      await run('Embase', ris(A.toUpperCase()));
      // a search update lands between the computation and the write: a third copy of A, a second of B
      const s = await dedupReview(store, owner, review, { beforeWrite: async () => void (await run('CENTRAL', ris(`${A}.`) + ris(B, B_PAGES))) });
      expect(s).toMatchObject({ records: 5, unique: 2, duplicatesRemoved: 3, clusters: 2 });
      expect(await dedupReview(store, owner, review)).toEqual(s);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
