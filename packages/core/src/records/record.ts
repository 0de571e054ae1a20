/**
 * The normalised bibliographic record every importer produces, whatever the source format.
 * `raw` keeps every field exactly as it stood in the file, so nothing is lost and any record can be
 * written back out (RIS) with all its fields.
 */

/** Identifier of a supported input format. */
export type FormatId = 'medline' | 'pubmed-xml' | 'ris' | 'ovid' | 'wos' | 'refworks' | 'endnote-xml' | 'bibtex' | 'csv' | 'xlsx';

export interface Author {
  readonly family: string;
  readonly given: string;
}

export interface BibRecord {
  /** Stable id within an import: the file's own record id when it has one, else `<format>:<n>`. */
  id: string;
  format: FormatId;
  /** Source database, detected (e.g. "Embase", "MEDLINE", "CENTRAL", "Scopus", "Web of Science") or declared. */
  database: string;
  /** Publication type, normalised: journal-article, conference-abstract, book, chapter, thesis, report, … */
  type: string;
  title: string;
  /** Plain text; structured abstracts keep their section labels ("BACKGROUND: …"). */
  abstract: string;
  authors: Author[];
  year: number | null;
  journal: string;
  journal_abbrev: string;
  volume: string;
  issue: string;
  /** "start-end" with the end page written out ("745-57" → "745-757"). */
  pages: string;
  /** Lower case, without "https://doi.org/", "doi:" or " [doi]". */
  doi: string;
  pmid: string;
  pmcid: string;
  /** Database accession numbers (Embase L-numbers, CENTRAL CN- ids, WoS UT, Ovid UI …). */
  accession: string[];
  issn: string[];
  isbn: string[];
  language: string;
  keywords: string[];
  /** Controlled vocabulary: MeSH or Emtree terms. */
  mesh: string[];
  publication_types: string[];
  urls: string[];
  /** Every field as it stood in the file: tag (or column, or XML path) → values, in order. */
  raw: Record<string, string[]>;
  /** 1-based line of the record's first line in its file (0 when the format has no lines, e.g. XLSX). */
  line: number;
}

/** A problem with one record or line; the rest of the file still imports. */
export interface ImportIssue {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

export interface ParseResult {
  readonly format: FormatId;
  readonly records: BibRecord[];
  readonly issues: ImportIssue[];
}

/** An empty record of the given format, to be filled by a parser. */
export function emptyRecord(format: FormatId, line: number): BibRecord {
  return {
    id: '',
    format,
    database: '',
    type: '',
    title: '',
    abstract: '',
    authors: [],
    year: null,
    journal: '',
    journal_abbrev: '',
    volume: '',
    issue: '',
    pages: '',
    doi: '',
    pmid: '',
    pmcid: '',
    accession: [],
    issn: [],
    isbn: [],
    language: '',
    keywords: [],
    mesh: [],
    publication_types: [],
    urls: [],
    raw: {},
    line,
  };
}

/** Appends a raw value under `tag`, keeping file order. */
export function addRaw(r: BibRecord, tag: string, value: string): void {
  (r.raw[tag] ??= []).push(value);
}
