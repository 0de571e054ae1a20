import { describe, expect, it } from 'vitest';
import { parseText } from '@metasift/core';
import { parseExport, parsesInWorker, PARSE_WORKER_MIN_CHARS } from '../src/parse.js';

const ris = (n: number): string =>
  Array.from({ length: n }, (_, i) => `TY  - JOUR\r\nTI  - Telehealth record ${i}\r\nAU  - Smith, J\r\nPY  - ${2000 + (i % 20)}\r\nAB  - ${'Patients with advanced cancer received care by video. '.repeat(4)}\r\nER  - \r\n`).join('');
const bib = (n: number): string =>
  Array.from({ length: n }, (_, i) => `@article{smith${i},\n  title = {Telehealth record ${i}: {DNA} and caf\\'e},\n  author = {Smith, Jane and von Hicks, A.},\n  year = {${2000 + (i % 20)}},\n  abstract = {${'Patients with advanced cancer received care by video. '.repeat(3)}},\n}\n`).join('\n');

describe('parsing an upload (BibTeX in a worker thread when large)', () => {
  it('large BibTeX goes to a worker thread; small BibTeX, other formats and unknown text stay in place', () => {
    expect(bib(400).length).toBeGreaterThan(PARSE_WORKER_MIN_CHARS);
    expect(parsesInWorker(bib(400))).toBe(true);
    expect(parsesInWorker(bib(3))).toBe(false);
    expect(parsesInWorker(ris(2000))).toBe(false);
    expect(parsesInWorker('no export here. '.repeat(10_000))).toBe(false);
  });
  it('a large BibTeX export gives the same records and issues as parsing in place', async () => {
    const text = `${bib(400)}\n@article{broken,\n  title = {Unclosed\n`;
    const got = await parseExport(text, { database: 'Zotero' });
    expect(got.records.length).toBeGreaterThanOrEqual(400);
    expect(got).toEqual(parseText(text, { database: 'Zotero' }));
  });
  it('a large file that is no export fails with the same message as in place', async () => {
    const text = 'just some prose, no tags at all. '.repeat(10_000);
    let inPlace = '';
    try {
      parseText(text);
    } catch (e) {
      inPlace = (e as Error).message;
    }
    expect(inPlace).not.toBe('');
    await expect(parseExport(text)).rejects.toThrow(inPlace);
  });
});
