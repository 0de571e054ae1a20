/**
 * BibTeX / BibLaTeX via @retorquere/bibtex-parser (the parser of Better BibTeX for Zotero): @string
 * macros, # concatenation, nested braces, LaTeX escapes to Unicode, "and"-separated names, JabRef
 * metadata comments ignored. Each entry's source text is kept in raw["_entry"].
 */
import { parse as parseBib } from '@retorquere/bibtex-parser';
import { normaliseDoi, normalisePages, normaliseType, parseYear, splitList, stripMarkup } from '../normalise.js';
import { addRaw, emptyRecord, type BibRecord, type ImportIssue, type ParseResult } from '../record.js';
import { splitIssnIsbn, uniq } from './common.js';
import { lineOfEach } from './xml.js';

export function detectBibtex(head: string): number {
  return /^\s*@(article|book|inproceedings|incollection|misc|phdthesis|techreport|inbook|conference|online|report|thesis|string|preamble|comment)\s*[{(]/im.test(head) ? 0.95 : 0;
}

type Creator = { lastName?: string; firstName?: string; name?: string; prefix?: string; suffix?: string };

export function parseBibtex(text: string): ParseResult {
  const issues: ImportIssue[] = [];
  // the parser stops at citation keys with characters BibTeX tools accept in practice ("smith_testing_????")
  // and leaves \textquotesingle unconverted; normalise both in the text it sees (raw["_entry"] keeps the original)
  const cleaned = text.replace(/(@[A-Za-z]+\s*[{(]\s*)([^,\s]*)/g, (_m, a: string, key: string) => a + key.replace(/[^A-Za-z0-9_:.\-+/]/g, '_')).replace(/\\textquotesingle\s?/g, "'");
  const lib = parseBib(cleaned, { sentenceCase: false } as never);
  for (const e of (lib as { errors?: { error?: string; message?: string; line?: number }[] }).errors ?? [])
    issues.push({ line: e.line ?? 0, code: 'BIBTEX_SYNTAX', message: e.error ?? e.message ?? 'BibTeX syntax error' });
  const lines = lineOfEach(text, /^\s*@(?!string|preamble|comment)[a-z]+\s*[{(]/gim);
  const records: BibRecord[] = lib.entries.map((e, i) => {
    const rec = emptyRecord('bibtex', lines[i] ?? 0);
    const f = e.fields as Record<string, unknown>;
    addRaw(rec, '_type', e.type);
    addRaw(rec, '_key', e.key);
    for (const [k, v] of Object.entries(f)) {
      const vs = Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x ? [(x as Creator).lastName ?? (x as Creator).name ?? '', (x as Creator).firstName ?? ''].filter(Boolean).join(', ') : String(x))) : [String(v)];
      for (const x of vs) addRaw(rec, k, x);
    }
    if ((e as { input?: string }).input) addRaw(rec, '_entry', (e as { input: string }).input);
    const s = (k: string): string => {
      const v = f[k];
      return v === undefined ? '' : Array.isArray(v) ? v.map(String).join('; ') : String(v);
    };
    rec.type = normaliseType(e.type);
    // the parser turns LaTeX into Unicode but leaves HTML entities that some exporters write (&apos;)
    rec.title = stripMarkup(s('title'));
    rec.abstract = s('abstract');
    rec.authors = (Array.isArray(f['author']) ? (f['author'] as Creator[]) : []).map((c) => ({
      family: [c.prefix, c.lastName ?? c.name].filter(Boolean).join(' '),
      given: [c.firstName, c.suffix].filter(Boolean).join(', '),
    }));
    rec.year = parseYear(s('year') || s('date'));
    rec.journal = s('journal') || s('journaltitle') || s('booktitle');
    rec.journal_abbrev = s('shortjournal') || s('journal-iso') || s('journal_abbrev');
    rec.volume = s('volume');
    rec.issue = s('number') || s('issue');
    rec.pages = normalisePages(s('pages').replace(/--/g, '-'));
    rec.doi = normaliseDoi(s('doi'));
    rec.pmid = (s('pmid') || s('pubmed')).replace(/\D/g, '');
    const sn = splitIssnIsbn([s('issn'), s('isbn')]);
    rec.issn = sn.issn;
    rec.isbn = sn.isbn;
    rec.language = s('language') || s('langid');
    rec.keywords = uniq(splitList(s('keywords') || s('keyword'), /\s*[;,]\s*/));
    rec.mesh = uniq(splitList(s('mesh'), /\s*;\s*/));
    rec.urls = uniq(splitList(s('url'), /\s+/));
    const uid = s('unique-id') || s('eid') || s('accession');
    if (uid) rec.accession = [uid];
    rec.database = /^WOS:/.test(uid || e.key) ? 'Web of Science' : s('source') || '';
    rec.id = e.key || `bibtex:${i + 1}`;
    return rec;
  });
  return { format: 'bibtex', records, issues };
}
