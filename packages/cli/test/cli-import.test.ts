/**
 * `metasift import` as a user runs it: the JSON contract, JSONL output, issues with line numbers,
 * encodings and line ends, the round trip through the RIS writer, and bad input — unrecognisable,
 * binary and truncated files, a 50 MB single line, a million repeated tags, deep XML — each a clear
 * error or issue, in bounded time, with nothing written on error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes, parseText, recordsToCsv, recordsToRis, type BibRecord } from '@metasift/core';

const BIN = join(import.meta.dirname, '../bin/metasift.js');
const FX = join(import.meta.dirname, '../../../../shared/fixtures/formats');
const dir = mkdtempSync(join(tmpdir(), 'metasift-import-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, 'import', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const MEDLINE = (pmid: string, title: string) => `PMID- ${pmid}\nOWN - NLM\nTI  - ${title}\nFAU - Smith, Jane\nAU  - Smith J\nDP  - 2019 Mar\nJT  - Journal of Tests\nTA  - J Tests\nVI  - 12\nIP  - 3\nPG  - 745-57\nLID - 10.1000/ABC.123 [doi]\nAB  - BACKGROUND: Something. METHODS: More.\nMH  - Humans\n`;

describe('metasift import: the contract', () => {
  it('prints the JSON summary and writes one normalised record per line', () => {
    const a = file('a.nbib', `${MEDLINE('111', 'First')}\n${MEDLINE('222', 'Second')}`);
    const out = join(dir, 'out.jsonl');
    const r = run(a, join(FX, 'ris/citation-file-formatting___baseline_cochrane_endnote.ris'), '--out', out, '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { records: number; files: { file: string; format: string; records: number; issues: unknown[] }[] };
    expect(summary.records).toBe(5);
    expect(summary.files.map((f) => [f.format, f.records])).toEqual([
      ['medline', 2],
      ['ris', 3],
    ]);
    const recs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BibRecord);
    expect(recs).toHaveLength(5);
    expect(recs[0]).toMatchObject({ pmid: '111', doi: '10.1000/abc.123', pages: '745-757', year: 2019, journal: 'Journal of Tests', journal_abbrev: 'J Tests', volume: '12', issue: '3', authors: [{ family: 'Smith', given: 'Jane' }], mesh: ['Humans'] });
    expect(recs[0]!.raw['PG']).toEqual(['745-57']);
    expect(recs[2]).toMatchObject({ database: 'CENTRAL', accession: ['CN-00778158'], pmid: '21314913' });
  });
  it('a BibTeX export read by the built CLI (whose bundle loads the BibTeX parser on first use) gives the core\'s records', () => {
    const bib = join(FX, 'bibtex/asysd__zotero_export.bib');
    const out = join(dir, 'bib.jsonl');
    expect(run(bib, '--out', out, '--json').code).toBe(0);
    const got = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BibRecord);
    const want = parseText(decodeBytes(readFileSync(bib)).text).records;
    expect(got.length).toBe(1000);
    expect(got.map((r) => [r.title, r.doi, r.year, r.authors])).toEqual(want.map((r) => [r.title, r.doi, r.year, r.authors]));
  });
  it('records the declared database', () => {
    const out = join(dir, 'db.jsonl');
    expect(run(file('b.nbib', MEDLINE('1', 'T')), '--database', 'MEDLINE (Ovid)', '--out', out).code).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as BibRecord).database).toBe('MEDLINE (Ovid)');
  });
  it('a broken line becomes an issue with its line number and the rest imports', () => {
    const broken = `${MEDLINE('1', 'One')}\n${MEDLINE('2', 'Two').replace('DP  - 2019 Mar\n', 'DP  - 2019 Mar\n%%% scrambled line\n')}\n${MEDLINE('3', 'Three')}`;
    const r = run(file('broken.nbib', broken), '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { records: number; files: { issues: { line: number; code: string; message: string }[] }[] };
    expect(s.records).toBe(3);
    expect(s.files[0]!.issues).toEqual([expect.objectContaining({ line: 22, code: 'UNTAGGED_LINE' })]);
  });
});

describe('encodings and line ends', () => {
  const ris = 'TY  - JOUR\nTI  - Café über naïve études\nAU  - Müller, Jürgen\nPY  - 2001\nER  - \n';
  const expectTitle = (p: string) => {
    const out = `${p}.jsonl`;
    const r = run(p, '--out', out);
    expect(r.code).toBe(0);
    const rec = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]!) as BibRecord;
    expect(rec.title).toBe('Café über naïve études');
    expect(rec.authors[0]).toEqual({ family: 'Müller', given: 'Jürgen' });
  };
  it('UTF-8 with BOM and CRLF', () => expectTitle(file('bom.ris', `\ufeff${ris.replace(/\n/g, '\r\n')}`)));
  it('UTF-16 LE with BOM', () => expectTitle(file('le.ris', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ris, 'utf16le')]))));
  it('UTF-16 BE with BOM', () => {
    const le = Buffer.from(ris, 'utf16le');
    expectTitle(file('be.ris', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()])));
  });
  it('Windows-1252 (detected) with CR-only line ends', () => expectTitle(file('cp1252.ris', Buffer.from(ris.replace(/\n/g, '\r'), 'latin1'))));
  it('mixed line ends', () => expectTitle(file('mixed.ris', ris.replace('\n', '\r\n').replace(/\nAU/, '\rAU'))));
  it('a large UTF-16 LE file (surrogate pairs across 64 KiB reads) decodes exactly', () => {
    const titles = Array.from({ length: 6_000 }, (_, i) => `${'z'.repeat(1 + (i % 5))} Müller 中文 🙂 ${i}`);
    const text = titles.map((t) => `TY  - JOUR\r\nTI  - ${t}\r\nER  - \r\n`).join('');
    const p = file('large-utf16.ris', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const out = `${p}.jsonl`;
    const r = run(p, '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as BibRecord).title)).toEqual(titles);
  });
  it('a large UTF-8 file mixing ASCII and multi-byte text decodes exactly across blocks and chunks', () => {
    // ~9 MB: many 64 KiB reads; titles of varying length
    // put two-, three- and four-byte characters on every possible byte offset of a block boundary
    // ASCII-only stretches (decoded as ASCII) alternate with stretches dense in multi-byte characters
    const titles = Array.from({ length: 64_000 }, (_, i) =>
      Math.floor(i / 8000) % 2 === 0 ? `${'x'.repeat(1 + (i % 97))} plain ascii title ${i}` : `${'y'.repeat(1 + (i % 7))} ${'中é🙂—'.repeat(12 + (i % 5))} ${i}`,
    );
    const text = titles.map((t) => `TY  - JOUR\nTI  - ${t}\nER  - \n`).join('');
    const p = file('large-utf8.ris', text);
    const out = `${p}.jsonl`;
    const r = run(p, '--out', out, '--no-progress');
    expect(r.code).toBe(0);
    const got = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as BibRecord).title);
    expect(got).toEqual(titles);
  });
});

describe('round trips', () => {
  it('RIS: parse → write RIS → parse keeps every field, for real exports of several databases', () => {
    for (const rel of ['ris/asreview__embase.ris', 'ris/citation-file-formatting___baseline_cochrane_refman.ris', 'ris/asreview__scopus.ris', 'ris/reflib__blue-light.ris']) {
      const first = parseText(decodeBytes(readFileSync(join(FX, rel))).text).records;
      const second = parseText(recordsToRis(first)).records;
      expect(second.map((r) => r.raw)).toEqual(first.map((r) => r.raw));
      expect(second.map(({ line: _l, ...r }) => r)).toEqual(first.map(({ line: _l, ...r }) => r));
    }
  });
  it('other formats: their normalised fields survive a trip through RIS', () => {
    const first = parseText(decodeBytes(readFileSync(join(FX, 'medline-nbib/revtools__restoration_pubmed.nbib'))).text).records;
    const second = parseText(recordsToRis(first)).records;
    const core = (r: BibRecord) => ({ title: r.title, authors: r.authors, year: r.year, journal: r.journal, volume: r.volume, issue: r.issue, pages: r.pages, doi: r.doi, pmid: r.pmid, abstract: r.abstract });
    expect(second.map(core)).toEqual(first.map(core));
  });
  it('pages that are not a plain range survive a trip through RIS whole', () => {
    const pages = ['2243-5; author reply 2243-5', '1234-1240', 'e12-e15', 'S3', 'viii108-viii110', '23-9, 31'];
    const csv = `title,pages\n${pages.map((p, i) => `Paper ${i},"${p}"`).join('\n')}\n`;
    const first = parseText(csv, { format: 'csv' }).records;
    expect(first.map((r) => r.pages)).toEqual(pages);
    expect(parseText(recordsToRis(first)).records.map((r) => r.pages)).toEqual(pages);
  });
  it('blank rows of a CSV (",,", as spreadsheets export them) are no records, and later rows keep their lines', () => {
    const { records, issues } = parseText('title,pages,issue\n"First",1-5,2\n,,\n , ,\n"Second",7-9,2\n', { format: 'csv' });
    expect(records.map((r) => [r.title, r.line])).toEqual([['First', 2], ['Second', 5]]);
    expect(issues).toEqual([]);
  });
  it('CSV writer: one row per record, quoted where needed, re-imported with the same titles and DOIs', () => {
    const recs = parseText(decodeBytes(readFileSync(join(FX, 'ris/asreview__embase.ris'))).text).records;
    const csv = recordsToCsv(recs);
    const back = parseText(csv, { format: 'csv' }).records;
    expect(back.map((r) => [r.title, r.doi])).toEqual(recs.map((r) => [r.title, r.doi]));
  });
});

describe('bad input: a clear error naming the file, exit 2, nothing written', () => {
  const cases: [string, () => string, string][] = [
    ['an unrecognisable text file', () => file('notes.txt', 'Dear reviewer,\nplease find attached.\n'), 'UNRECOGNISED_FORMAT'],
    ['a binary file', () => file('image.ris', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3, 0, 0, 7])), 'BINARY_FILE'],
    ['a truncated PubMed XML file', () => file('cut.xml', readFileSync(join(FX, 'pubmed-xml/biopython__pubmed1.xml'), 'utf8').slice(0, 3000)), 'XML_SYNTAX'],
    ['an empty file', () => file('empty.ris', ''), 'EMPTY_FILE'],
    ['deeply nested XML', () => file('deep.xml', `<PubmedArticleSet>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</PubmedArticleSet>`), 'XML_TOO_DEEP'],
  ];
  it.each(cases)('%s', (_name, make, code) => {
    const p = make();
    const out = join(dir, `never-${code}.jsonl`);
    const good = file(`good-${code}.nbib`, MEDLINE('9', 'Fine'));
    const r = run(good, p, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error\\[${code}\\]: `));
    expect(r.stderr).toContain(p.split('/').pop()!);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});

describe('linear on hostile input', () => {
  it('a 50 MB single line is cut with an issue, not a hang', () => {
    const p = file('long.ris', `TY  - JOUR\nTI  - ${'a'.repeat(50_000_000)}\nER  - \n`);
    const t0 = Date.now();
    const r = run(p, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { records: number; files: { issues: { code: string }[] }[] };
    expect(s.records).toBe(1);
    expect(s.files[0]!.issues.map((i) => i.code)).toContain('FIELD_TOO_LONG');
    expect(Date.now() - t0).toBeLessThan(60_000);
  });
  it('a million repeated tags in one record', () => {
    const p = file('tags.ris', `TY  - JOUR\nTI  - Many keywords\n${'KW  - same\n'.repeat(1_000_000)}ER  - \n`);
    const r = run(p, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { records: number }).records).toBe(1);
  });
});
