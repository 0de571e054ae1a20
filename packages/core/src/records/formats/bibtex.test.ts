import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../text.js';
import { parseBibtex } from './bibtex.js';

const FX = join(import.meta.dirname, '../../../../../../shared/fixtures/formats/bibtex');

describe('BibTeX: plain abstracts set aside from the LaTeX parser', () => {
  it('give the same records, raw fields and lines as parsing everything, on every BibTeX fixture', () => {
    const files = readdirSync(FX).filter((f) => f.endsWith('.bib'));
    expect(files.length).toBeGreaterThan(20);
    let records = 0;
    for (const f of files) {
      const text = decodeBytes(readFileSync(join(FX, f))).text;
      const fast = parseBibtex(text);
      expect(fast, f).toEqual(parseBibtex(text, { fastAbstracts: false }));
      records += fast.records.length;
    }
    expect(records).toBeGreaterThan(1000);
  });
  it('an abstract with LaTeX still goes through the parser; a plain one over several lines keeps later lines', () => {
    const text = [
      '@article{a,',
      '  title = {First},',
      '  abstract = {Plain text over',
      '    three lines',
      '    of the file.},',
      '}',
      '@article{b,',
      "  title = {Second},",
      "  abstract = {Caf\\'e -- {DNA} and 50\\% more},",
      '}',
    ].join('\n');
    const { records } = parseBibtex(text);
    // the parser writes the accent as a combining character
    expect(records.map((r) => r.abstract.normalize('NFC'))).toEqual(['Plain text over three lines of the file.', 'Café – DNA and 50% more']);
    expect(records.map((r) => r.line)).toEqual([1, 7]);
    expect(records[0]!.raw['_entry']![0]).toContain('abstract = {Plain text over\n    three lines\n    of the file.}');
  });
  it('a syntax error becomes an issue with its line, and the entries before it import', () => {
    const { records, issues } = parseBibtex(['@article{a,', '  title = {Complete entry},', '}', '@article{b,', '  title = {Ok},', '  abstract = {never closed', ''].join('\n'));
    expect(records.map((r) => r.title)).toContain('Complete entry');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.code).toBe('BIBTEX_SYNTAX');
    expect(issues[0]!.line).toBeGreaterThanOrEqual(6);
  });
});
