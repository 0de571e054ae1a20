/** CSV writer of normalised records (one row per record; lists joined with "; "). */
import type { BibRecord } from './record.js';

export const CSV_COLUMNS = ['id', 'database', 'format', 'type', 'title', 'authors', 'year', 'journal', 'journal_abbrev', 'volume', 'issue', 'pages', 'doi', 'pmid', 'pmcid', 'accession', 'issn', 'isbn', 'language', 'keywords', 'mesh', 'publication_types', 'urls', 'abstract'] as const;

function cell(v: string): string {
  return /[",\r\n;]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function value(r: BibRecord, c: (typeof CSV_COLUMNS)[number]): string {
  if (c === 'authors') return r.authors.map((a) => (a.given ? `${a.family}, ${a.given}` : a.family)).join('; ');
  const v = r[c];
  if (Array.isArray(v)) return v.join('; ');
  return v === null || v === undefined ? '' : String(v);
}

/** Records as CSV; `extra` adds columns of the caller's after the standard ones (one row of values per record). */
export function recordsToCsv(records: readonly BibRecord[], extra?: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] }): string {
  const head = [...CSV_COLUMNS, ...(extra?.columns ?? [])].map(cell).join(',');
  const rows = records.map((r, i) => [...CSV_COLUMNS.map((c) => value(r, c)), ...(extra ? (extra.rows[i] ?? []) : [])].map(cell).join(','));
  return [head, ...rows].join('\r\n') + '\r\n';
}
