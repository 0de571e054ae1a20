import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, parseText, type HumanDecision } from '@metasift/core';
import { dedupRows, type DedupRow } from '../src/dedup-run.js';

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
