#!/usr/bin/env node
// How long an import holds the event loop (other reviewers' requests wait that long): a large BibTeX
// export (../shared's 1,000-record Zotero file) and a generated 20,000-record RIS file parsed as the
// store parses uploads (parseExport: BibTeX in a worker thread, other formats in place) and, for
// comparison, in place; then each imported through the store on SQLite, and the review deduplicated.
// Usage: node bench/server/import-lag.mjs
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseText } from '@metasift/core';
import { createReview, createUser, dedupReview, importSearchRun, openStore, parseExport, parsesInWorker } from '@metasift/store';
import { held } from './lag.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const zotero = join(root, '../shared/fixtures/formats/bibtex/asysd__zotero_export.bib');
const ris = Array.from({ length: 20_000 }, (_, i) => `TY  - JOUR\nTI  - Telehealth in palliative care, record ${i}\nAU  - Smith, J\nPY  - ${2000 + (i % 20)}\nAB  - ${'Patients with advanced cancer received care by video and telephone. '.repeat(8)}\nER  - \n`).join('');
const files = [...(existsSync(zotero) ? [['BibTeX, 1,000 records (Zotero export)', readFileSync(zotero, 'utf8')]] : []), ['RIS, 20,000 records (generated)', ris]];

console.log('upload                                  parse          total s   event loop held at most');
for (const [name, text] of files) {
  const worker = await held(() => parseExport(text));
  const inPlace = await held(async () => parseText(text));
  console.log(`${name.padEnd(40)}${(parsesInWorker(text) ? 'worker thread' : 'parseExport').padEnd(15)}${(worker.ms / 1000).toFixed(2).padStart(7)}   ${worker.worst.toFixed(0)} ms`);
  console.log(`${''.padEnd(40)}in place       ${(inPlace.ms / 1000).toFixed(2).padStart(7)}   ${inPlace.worst.toFixed(0)} ms`);
}

// the whole import through the store (parse in a worker, then the records written in one transaction)
const dir = mkdtempSync(join(tmpdir(), 'metasift-import-lag-'));
const store = await openStore({ file: join(dir, 'r.sqlite') });
const owner = await createUser(store, { email: 'o@x.org', displayName: 'o', password: 'bench-pw-123' });
const review = await createReview(store, owner, { title: 'lag', protocol: { question: 'q', pico: {}, criteria: [], outcomes: [], analyses: [], registry_id: '' } });
for (const [name, text] of files) {
  const r = await held(() => importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'x', searchedOn: '2024-01-01', strategy: '', fileName: 'f', text }));
  console.log(`importSearchRun, ${name}: ${(r.ms / 1000).toFixed(2)} s, event loop held at most ${r.worst.toFixed(0)} ms`);
}
// then the review's deduplication (21,000 records: the core's deduplicate() in a worker thread)
const d = await held(() => dedupReview(store, owner, review));
console.log(`dedupReview, ${files.length > 1 ? '21,000' : '20,000'} records: ${(d.ms / 1000).toFixed(2)} s, event loop held at most ${d.worst.toFixed(0)} ms`);
await store.close();
rmSync(dir, { recursive: true, force: true });
