/**
 * Ovid exports: the tagged "Complete Reference" layout ("<1. >" headers, "VN  - Ovid Technologies",
 * "XX  - value", 6-space continuations; Embase, MEDLINE, PsycINFO …) and the long-label "Ovid Fields"
 * layout ("<8>" header, a label line then value lines indented 2 spaces). Journal, volume, issue and
 * pages are parsed from SO / Source where no separate fields exist (as Zotero and JabRef do).
 */
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear, splitList } from '../normalise.js';
import type { BibRecord } from '../record.js';
import { first, values, type RawTagged, type TaggedDialect } from '../tagged.js';
import { applySource, recordFromTagged, splitIssnIsbn, uniq } from './common.js';

const HEADER = /^\s*<\d+\.?\s*>\s*$/;
const TAG = /^ ?([A-Z][A-Z0-9]{1,4})\s{1,2}-\s?(.*)$/s;

export const ovidDialect: TaggedDialect = {
  format: 'ovid',
  tagLine(line) {
    const m = TAG.exec(line);
    return m ? { tag: m[1]!, value: m[2]!.trim() } : null;
  },
  recordHeader: (line) => HEADER.test(line),
  startsRecord: (tag, open) => !open && tag === 'VN',
  blankEndsRecord: false,
  multiValue: new Set(['IN', 'MH', 'KW', 'AU', 'OD']),
};

/** Long-label layout: unindented label lines, values indented. */
export const ovidLabelDialect: TaggedDialect = {
  format: 'ovid',
  tagLine(line) {
    if (/^\s/.test(line) || HEADER.test(line)) return null;
    return { tag: line.trim(), value: '' };
  },
  recordHeader: (line) => HEADER.test(line),
  startsRecord: () => false,
  blankEndsRecord: false,
  multiValue: new Set(['Institution', 'Author Keywords']),
};

export function detectOvid(head: string): number {
  if (/^ ?VN\s{1,2}-\s?Ovid Technologies/m.test(head)) return 0.97;
  if (/^\s*<\d+\.?\s*>\s*$/m.test(head) && /^ ?(DB|TI|AU|UI|SO)\s{1,2}-\s/m.test(head)) return 0.9;
  return 0;
}

export function detectOvidLabels(head: string): number {
  return /^\s*<\d+>\s*$/m.test(head) && /^(Author|Title|Source|Abstract)\s*$/m.test(head) ? 0.9 : 0;
}

export function ovidRecord(r: RawTagged, n: number): BibRecord {
  if (r.fields.some(([t]) => t === 'Title' || t === 'Author' || t === 'Source')) return ovidLabelRecord(r, n);
  const rec = recordFromTagged('ovid', r);
  rec.database = first(r, 'DB') || 'Ovid';
  // Ovid appends the document kind in brackets: "Title. [References]", "Title.  [Miscellaneous]"
  rec.title = first(r, 'TI').replace(/\.?\s*\[[A-Za-z ,]+\]\.?$/, '').replace(/\.$/, '');
  rec.abstract = values(r, 'AB').join('\n');
  rec.authors = values(r, 'AU').map(parseName);
  rec.journal = first(r, 'JN', 'JT', 'JA');
  rec.volume = first(r, 'VO', 'VI');
  rec.issue = first(r, 'IP');
  rec.pages = normalisePages(first(r, 'PG'));
  rec.year = parseYear(first(r, 'YR', 'DP', 'PY'));
  applySource(rec, first(r, 'SO'));
  rec.doi = normaliseDoi(first(r, 'DO', 'DI'));
  const ui = first(r, 'UI', 'AN');
  if (/medline/i.test(rec.database) && /^\d{5,9}$/.test(ui)) rec.pmid = ui;
  else if (ui) rec.accession = [ui.replace(/\.$/, '')];
  const pm = first(r, 'PM');
  if (/^\d{5,9}$/.test(pm)) rec.pmid = pm;
  const sn = splitIssnIsbn(values(r, 'IS', 'ISSN'));
  rec.issn = sn.issn;
  rec.isbn = uniq([...values(r, 'IB'), ...sn.isbn]);
  rec.language = first(r, 'LG', 'LA');
  rec.mesh = uniq(values(r, 'MH'));
  rec.keywords = uniq(values(r, 'KW').flatMap((k) => splitList(k)));
  rec.publication_types = uniq(values(r, 'PT', 'ST', 'DT'));
  rec.type = normaliseType(first(r, 'ST', 'PT', 'DT') || 'journal article');
  rec.urls = uniq(values(r, 'UR', 'XL'));
  rec.id = rec.pmid ? `PMID:${rec.pmid}` : rec.accession[0] ?? `ovid:${n}`;
  return rec;
}

function ovidLabelRecord(r: RawTagged, n: number): BibRecord {
  const rec = recordFromTagged('ovid', r);
  const v = (label: string): string => first(r, label).trim();
  rec.database = 'Ovid';
  rec.title = v('Title').replace(/\.?\s*\[[A-Za-z ,]+\]\.?$/, '').replace(/\.$/, '');
  rec.abstract = v('Abstract');
  rec.authors = splitList(v('Author') || v('Authors')).map((a) => parseName(a.replace(/\s+\d+(,\s*\d+)*$/, '')));
  applySource(rec, v('Source'));
  if (!rec.volume) rec.journal = v('Source').replace(/\.\s*$/, '');
  rec.year = rec.year ?? parseYear(v('Year of Publication') || v('Publication Date') || v('Status'));
  rec.doi = normaliseDoi(v('DOI Number') || v('Digital Object Identifier'));
  rec.issn = splitIssnIsbn([v('ISSN')]).issn;
  rec.language = v('Language').replace(/\.$/, '');
  rec.keywords = uniq(splitList(v('Author Keywords').replace(/\.$/, '')));
  const acc = v('Accession Number').replace(/\.$/, '');
  if (acc) rec.accession = [acc];
  rec.type = normaliseType(v('Document Type') || v('Publication Type') || 'journal article');
  rec.id = acc || `ovid:${n}`;
  return rec;
}
