/**
 * The merged view of a duplicate group: per field the most complete value across the copies, lists
 * united, and every source record kept (with its database and raw fields), so nothing is lost and any
 * merge can be undone by splitting the group back into its sources.
 */
import type { BibRecord } from '../records/record.js';

export interface MergedRecord extends BibRecord {
  /** The copies this record was merged from (each with its database and raw fields). */
  readonly sources: BibRecord[];
  readonly databases: string[];
}

const SCALARS = ['title', 'abstract', 'journal', 'journal_abbrev', 'volume', 'issue', 'pages', 'doi', 'pmid', 'pmcid', 'language', 'type'] as const;
const LISTS = ['accession', 'issn', 'isbn', 'keywords', 'mesh', 'publication_types', 'urls'] as const;

export function mergeGroup(sources: readonly BibRecord[]): MergedRecord {
  const filled = (r: BibRecord): number => SCALARS.filter((f) => r[f] !== '').length + r.authors.length + (r.year ? 1 : 0);
  const ordered = [...sources].sort((a, b) => filled(b) - filled(a));
  const base = ordered[0]!;
  const out: MergedRecord = { ...base, raw: {}, sources: [...sources], databases: [...new Set(sources.map((s) => s.database).filter(Boolean))] };
  for (const f of SCALARS) {
    // longest value: abstracts and titles are more complete when longer; identifiers are equal or empty
    const v = ordered.map((r) => r[f]).reduce((best, x) => (x.length > best.length ? x : best), '');
    (out as unknown as Record<string, unknown>)[f] = v;
  }
  for (const f of LISTS) (out as unknown as Record<string, unknown>)[f] = [...new Set(sources.flatMap((r) => r[f]))];
  out.year = ordered.find((r) => r.year !== null)?.year ?? null;
  out.authors = ordered.reduce((best, r) => (r.authors.length > best.length ? r.authors : best), base.authors);
  return out;
}

/** Undoes a merge: the group's sources come back as they were imported. */
export function unmerge(m: MergedRecord): BibRecord[] {
  return m.sources;
}
