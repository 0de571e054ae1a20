/**
 * RefWorks tagged format ("RT Journal Article", two-letter tags followed by one space, records separated
 * by blank lines), as the Zotero translator reads it.
 */
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear, splitList } from '../normalise.js';
import type { BibRecord } from '../record.js';
import { first, values, type RawTagged, type TaggedDialect } from '../tagged.js';
import { recordFromTagged, splitIssnIsbn, uniq } from './common.js';

const TAG = /^([A-Z][A-Z0-9]) (.*)$/s;

export const refworksDialect: TaggedDialect = {
  format: 'refworks',
  tagLine(line) {
    const m = TAG.exec(line);
    return m ? { tag: m[1]!, value: m[2]!.trim() } : null;
  },
  startsRecord: (tag) => tag === 'RT',
  blankEndsRecord: true,
  multiValue: new Set(['A1', 'A2', 'A3', 'K1', 'UL']),
};

export function detectRefworks(head: string): number {
  return /^RT [A-Z][a-z]+/m.test(head) && /^(A1|T1|YR|SR) /m.test(head) ? 0.9 : 0;
}

export function refworksRecord(r: RawTagged, n: number): BibRecord {
  const rec = recordFromTagged('refworks', r);
  rec.type = normaliseType(first(r, 'RT'));
  rec.title = first(r, 'T1');
  rec.abstract = values(r, 'AB').join('\n');
  rec.authors = values(r, 'A1').map(parseName);
  rec.year = parseYear(first(r, 'YR', 'FD'));
  rec.journal = first(r, 'JF', 'T2');
  rec.journal_abbrev = first(r, 'JO');
  rec.volume = first(r, 'VO');
  rec.issue = first(r, 'IS');
  rec.pages = normalisePages(first(r, 'SP'), first(r, 'OP'));
  rec.doi = normaliseDoi(first(r, 'DO'));
  const sn = splitIssnIsbn(values(r, 'SN'));
  rec.issn = sn.issn;
  rec.isbn = sn.isbn;
  rec.language = first(r, 'LA');
  rec.keywords = uniq(values(r, 'K1').flatMap((k) => splitList(k)));
  rec.urls = uniq(values(r, 'UL', 'LK'));
  rec.database = first(r, 'DS', 'DB');
  rec.id = first(r, 'ID') ? `refworks:${first(r, 'ID')}` : `refworks:${n}`;
  return rec;
}
