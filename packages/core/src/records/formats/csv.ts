/**
 * CSV / TSV (and XLSX rows, which the CLI reads into the same shape): delimiter detected, BOM stripped,
 * quoted fields with embedded newlines, preambles skipped (Embase.com's "SEARCH QUERY" block); columns
 * mapped by name through the synonym table in columns.ts or an explicit mapping.
 */
import { parse as parseCsvText } from 'csv-parse/sync';
import { MetasiftError } from '../../errors.js';
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear, splitList, stripMarkup } from '../normalise.js';
import { emptyRecord, type BibRecord, type FormatId, type ImportIssue, type ParseResult } from '../record.js';
import { COLUMN_SYNONYMS, databaseFromHeader, EXTRA_INDEX_TERM_COLUMNS, mapColumns, normaliseHeader } from './columns.js';
import { applySource, splitIssnIsbn, uniq } from './common.js';

const TITLE_NAMES = new Set([...COLUMN_SYNONYMS['title']!]);

export function detectCsv(head: string): number {
  const firstLines = head.split(/\r\n|\n|\r/).slice(0, 12);
  const hasTitleColumn = firstLines.some((l) => {
    const cells = l.split(/[,;\t]/);
    return cells.length >= 2 && cells.some((c) => TITLE_NAMES.has(normaliseHeader(c.replace(/^"|"$/g, ''))));
  });
  // without a title column a delimited file is not recognisably a bibliographic export (use --format csv
  // with a mapping for unusual layouts)
  return hasTitleColumn ? 0.85 : 0;
}

function delimiterOf(line: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

/** Authors from one cell: "A, B; C, D" / "Phillips J.C., Braun R." / "Smith J and Doe K". */
export function splitAuthors(cell: string): BibRecord['authors'] {
  const t = cell.trim();
  if (!t) return [];
  let parts: string[];
  if (t.includes(';')) parts = splitList(t);
  else if (/\sand\s/.test(t)) parts = t.split(/\s+and\s+/);
  else if (/\.,\s/.test(t)) parts = t.split(/(?<=\.),\s*/);
  else if (t.includes(',') && t.split(',').every((x) => x.trim().includes(' '))) parts = t.split(','); // "Lim SM, Xu L" or "Joseph Rottman, Mary Lacity"
  else parts = [t];
  return parts.map((p) => parseName(p)).filter((a) => a.family);
}

/** Records from a header and data rows (CSV, TSV or a spreadsheet sheet). */
export function recordsFromRows(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  format: FormatId,
  rowLines: readonly number[],
  mapping: Readonly<Record<string, string>> = {},
): BibRecord[] {
  const cols = mapColumns(header, mapping);
  const indexTermCols = EXTRA_INDEX_TERM_COLUMNS.map((n) => header.map(normaliseHeader).indexOf(n)).filter((j) => j >= 0 && j !== cols['mesh']);
  const db = databaseFromHeader(header);
  return rows.map((row, i) => {
    const rec = emptyRecord(format, rowLines[i] ?? 0);
    header.forEach((h, j) => {
      const v = row[j] ?? '';
      if (v !== '') (rec.raw[h.replace(/^\ufeff/, '')] ??= []).push(v);
    });
    const c = (f: string): string => (cols[f] === undefined ? '' : (row[cols[f]!] ?? '').trim());
    rec.title = stripMarkup(c('title'));
    rec.abstract = c('abstract');
    rec.authors = splitAuthors(c('authors'));
    rec.year = parseYear(c('year'));
    rec.journal = c('journal');
    rec.journal_abbrev = c('journal_abbrev');
    rec.volume = c('volume');
    rec.issue = c('issue');
    rec.pages = normalisePages(c('pages') || c('page_start'), c('pages') ? '' : c('page_end'));
    rec.doi = normaliseDoi(c('doi'));
    rec.pmid = c('pmid').replace(/\D/g, '');
    rec.pmcid = c('pmcid');
    rec.accession = uniq([c('accession')]);
    const sn = splitIssnIsbn([c('issn'), c('isbn')]);
    rec.issn = sn.issn;
    rec.isbn = sn.isbn;
    rec.language = c('language');
    rec.keywords = uniq(splitList(c('keywords'), /\s*[;|]\s*/));
    rec.mesh = uniq([c('mesh'), ...indexTermCols.map((j) => (row[j] ?? '').trim())].flatMap((v) => splitList(v, /\s*[;|]\s*/)));
    rec.publication_types = uniq(splitList(c('publication_types')));
    rec.type = normaliseType(rec.publication_types[0] ?? '');
    rec.urls = uniq(splitList(c('urls'), /\s*[;|]\s*|\s+(?=https?:)/));
    rec.database = c('database') || db;
    // PubMed CSV has volume, issue and pages only inside its Citation column
    if (!rec.volume && cols['citation'] !== undefined) applySource(rec, c('citation'));
    const id = c('id');
    rec.id = id || (rec.pmid ? `PMID:${rec.pmid}` : `${format}:${i + 1}`);
    return rec;
  });
}

export function parseCsv(text: string, mapping: Readonly<Record<string, string>> = {}): ParseResult {
  const issues: ImportIssue[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  // skip a preamble: the header is the first line naming a title column (or the first line)
  let headerIdx = lines.findIndex((l, i) => i < 50 && l.split(/[,;\t]/).some((c) => TITLE_NAMES.has(normaliseHeader(c.replace(/^"|"$/g, '')))));
  if (headerIdx < 0) headerIdx = 0;
  const body = lines.slice(headerIdx).join('\n');
  const delimiter = delimiterOf(lines[headerIdx] ?? '');
  let parsed: { record: string[]; info: { lines: number } }[];
  // rows of empty cells only (",,,", as spreadsheets export blank rows) are skipped, as in parseRows
  try {
    parsed = parseCsvText(body, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_empty_values: true, bom: true, relax_quotes: true }) as unknown as typeof parsed;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new MetasiftError('CSV_SYNTAX', `${err.lines ? `line ${err.lines + headerIdx}: ` : ''}${err.message.replace(/^Invalid [^:]*: /, '')}`);
  }
  const [head, ...rows] = parsed;
  if (!head) return { format: 'csv', records: [], issues };
  const width = head.record.length;
  rows.forEach((r) => {
    if (r.record.length !== width) issues.push({ line: r.info.lines + headerIdx, code: 'COLUMN_COUNT', message: `row has ${r.record.length} cells, the header ${width}` });
  });
  const records = recordsFromRows(head.record, rows.map((r) => r.record), 'csv', rows.map((r) => r.info.lines + headerIdx), mapping);
  return { format: 'csv', records, issues };
}

/** Records from spreadsheet rows: the header is the first row naming a title column (a preamble is skipped). */
export function parseRows(rows: readonly (readonly string[])[], format: FormatId, mapping: Readonly<Record<string, string>> = {}): ParseResult {
  const headerIdx = rows.findIndex((r, i) => i < 50 && r.some((c) => TITLE_NAMES.has(normaliseHeader(c))));
  if (headerIdx < 0) throw new MetasiftError('UNRECOGNISED_FORMAT', 'no header row with a title column (Title, Article Title, Document Title …) in the first 50 rows');
  const body = rows.slice(headerIdx + 1).filter((r) => r.some((c) => c.trim() !== ''));
  const records = recordsFromRows(rows[headerIdx]!, body, format, body.map((_, i) => headerIdx + i + 2), mapping);
  return { format, records, issues: [] };
}
