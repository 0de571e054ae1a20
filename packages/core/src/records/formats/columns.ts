/**
 * Column layouts of CSV/TSV/XLSX exports as data: for each record field, the header names that carry it
 * in PubMed, Scopus, Embase.com, Cochrane, Web of Science, Zotero, Covidence, Rayyan, ASReview and others.
 * Matching is case- and punctuation-insensitive. An explicit mapping can override any field.
 */
export const COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  id: ['id', 'record_id', 'record id', 'key', 'covidence #', 'refid'],
  title: ['title', 'article title', 'document title', 'ti', 'primary_title', 'item title', 'publication title (article)', 'articletitle'],
  abstract: ['abstract', 'ab', 'abstract note', 'notes_abstract', 'abstracttext', 'description'],
  authors: ['authors', 'author', 'author(s)', 'author names', 'au', 'author full names', 'creators', 'first_authors', 'authors list'],
  year: ['year', 'publication year', 'py', 'pubyear', 'year published', 'date', 'publication date', 'pub year'],
  journal: ['source title', 'journal', 'journal/book', 'publication title', 'journal title', 'jo', 'journal_name', 'secondary_title', 'source', 'so', 'journal name'],
  journal_abbrev: ['abbreviated source title', 'journal abbreviation', 'j9', 'ji', 'journal_abbrev'],
  volume: ['volume', 'vl', 'vol'],
  issue: ['issue', 'number', 'is', 'no'],
  pages: ['pages', 'page', 'pagination', 'pg'],
  page_start: ['page start', 'first page', 'start page', 'bp', 'start_page'],
  page_end: ['page end', 'last page', 'end page', 'ep', 'end_page'],
  doi: ['doi', 'di', 'digital object identifier', 'item doi'],
  pmid: ['pmid', 'pubmed id', 'medline pmid', 'pubmed_id', 'pm'],
  pmcid: ['pmcid', 'pmc'],
  accession: ['central id', 'embase accession id', 'eid', 'accession number', 'ut (unique wos id)', 'ut', 'pui', 'an', 'accession'],
  issn: ['issn', 'sn', 'eissn', 'e-issn'],
  isbn: ['isbn'],
  language: ['language', 'language of original document', 'la', 'lang'],
  keywords: ['author keywords', 'keywords', 'keyword', 'kw', 'de', 'manual tags', 'tags'],
  mesh: ['mesh terms', 'mesh', 'emtree medical index terms', 'emtree drug index terms', 'index keywords', 'mh'],
  publication_types: ['document type', 'publication type', 'item type', 'type', 'pt', 'dt', 'type_of_reference'],
  urls: ['url', 'link', 'full text link', 'embase link', 'urls'],
  database: ['database name', 'database', 'db', 'source database'],
  citation: ['citation'],
};

/**
 * Further columns of thesaurus index terms, gathered into `mesh` beside the one `mesh` column: IEEE
 * Xplore exports its own and INSPEC's terms in three columns (as Scopus's "Index Keywords" they are
 * indexing terms, not the authors' keywords).
 */
export const EXTRA_INDEX_TERM_COLUMNS: readonly string[] = ['ieee terms', 'inspec controlled terms', 'inspec non-controlled terms'];

/** Header names reduced for matching. */
export function normaliseHeader(h: string): string {
  return h.replace(/^\ufeff/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Field → column index for a header row (first synonym found wins; explicit mapping first). */
export function mapColumns(header: readonly string[], explicit: Readonly<Record<string, string>> = {}): Record<string, number> {
  const norm = header.map(normaliseHeader);
  const out: Record<string, number> = {};
  for (const [field, col] of Object.entries(explicit)) {
    const j = norm.indexOf(normaliseHeader(col));
    if (j >= 0) out[field] = j;
  }
  for (const [field, names] of Object.entries(COLUMN_SYNONYMS)) {
    if (field in out) continue;
    for (const n of names) {
      const j = norm.indexOf(n);
      if (j >= 0) {
        out[field] = j;
        break;
      }
    }
  }
  return out;
}

/** The database a header row suggests (Embase.com, Scopus, Cochrane, PubMed, Web of Science). */
export function databaseFromHeader(header: readonly string[]): string {
  const h = new Set(header.map(normaliseHeader));
  if (h.has('embase accession id') || h.has('emtree medical index terms')) return 'Embase';
  if (h.has('eid') && h.has('source title')) return 'Scopus';
  if (h.has('central id') || h.has('cochrane review group code')) return 'CENTRAL';
  if (h.has('pmid') && h.has('citation') && h.has('journal/book')) return 'MEDLINE';
  if (h.has('ut (unique wos id)')) return 'Web of Science';
  return '';
}
