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

/**
 * The parser runs a full LaTeX grammar over every field value (~4 µs a character: a 1,000-record
 * Zotero export took 8 s, most of it in the abstracts). An abstract in braces with none of the
 * characters LaTeX treats specially, other than the escapes \% \& \_ \#, is its own text with those
 * unescaped and whitespace collapsed, so it is set aside
 * before parsing — a token stands in its place, followed by as many line ends, so that line numbers and
 * the entry's source text are kept — and put back afterwards.
 */
const PLAIN_ABSTRACT = /(,\s*abstract\s*=\s*\{)((?:[^{}\\$~%&#^_`]|\\[%&_#])+?)\}/gi;
/** The token standing in for set-aside abstract i (letters and digits only: the parser leaves it be). */
const plainToken = (i: number): string => `metasiftplainabstract${i}x`;
const PLAIN_TOKEN = /metasiftplainabstract(\d+)x/;

/** The text of a plain abstract: the escaped characters "\%", "\&", "\_" and "\#" unescaped, whitespace collapsed. */
const plainText = (body: string): string => body.replace(/\\([%&_#])/g, '$1').replace(/\s+/g, ' ').trim();

function setAsidePlainAbstracts(text: string): { text: string; plain: string[] } {
  const plain: string[] = [];
  const out = text.replace(PLAIN_ABSTRACT, (m, head: string, body: string) => {
    // dashes and quote pairs are LaTeX ligatures ("--" is an en dash): those go through the parser
    if (/--|''/.test(body)) return m;
    plain.push(body);
    return `${head}${plainToken(plain.length - 1)}${'\n'.repeat(body.split('\n').length - 1)}}`;
  });
  return { text: out, plain };
}

export interface BibtexOptions {
  /** Set plain abstracts aside from the LaTeX parser (default true; the tests compare both ways). */
  readonly fastAbstracts?: boolean;
}

export function parseBibtex(text: string, options: BibtexOptions = {}): ParseResult {
  const issues: ImportIssue[] = [];
  // the parser stops at citation keys with characters BibTeX tools accept in practice ("smith_testing_????")
  // and leaves \textquotesingle unconverted; normalise both in the text it sees (raw["_entry"] keeps the original)
  const cleaned = text.replace(/(@[A-Za-z]+\s*[{(]\s*)([^,\s]*)/g, (_m, a: string, key: string) => a + key.replace(/[^A-Za-z0-9_:.\-+/]/g, '_')).replace(/\\textquotesingle\s?/g, "'");
  const aside = options.fastAbstracts === false ? { text: cleaned, plain: [] } : setAsidePlainAbstracts(cleaned);
  const lib = parseBib(aside.text, { sentenceCase: false } as never);
  if (aside.plain.length) {
    const inSource = new RegExp(`${PLAIN_TOKEN.source}\\n*`, 'g');
    const whole = new RegExp(`^${PLAIN_TOKEN.source}$`);
    for (const e of lib.entries as { fields: Record<string, unknown>; input?: string }[]) {
      const m = typeof e.fields['abstract'] === 'string' ? whole.exec(e.fields['abstract']) : null;
      if (m) e.fields['abstract'] = plainText(aside.plain[Number(m[1])]!);
      if (e.input) e.input = e.input.replace(inSource, (_t, i: string) => aside.plain[Number(i)]!);
    }
  }
  for (const e of (lib as { errors?: { error?: string; message?: string; line?: number }[] }).errors ?? []) {
    const message = e.error ?? e.message ?? 'BibTeX syntax error';
    // the parser's errors give their line in the message only ("… at line 34, column 1 …"); the text it
    // saw has the file's lines
    issues.push({ line: e.line ?? Number(/\bat line (\d+)/.exec(message)?.[1] ?? 0), code: 'BIBTEX_SYNTAX', message });
  }
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
