/**
 * RIS in all its dialects (RefMan specification plus the deviations of real exports): Cochrane Library
 * record headers and "TY  -  JOUR" spacing, Embase.com (U2 accession, C5 PMID), Ovid RIS record-number
 * lines, Scopus, Web of Science (indented continuations), EBSCO, EndNote/Zotero/Mendeley/Rayyan
 * (untagged continuation values), IEEE (blank line after every tag). Anything outside TY…ER is ignored
 * except as a record preamble; a missing ER before the next TY still splits records.
 */
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear, splitList, stripMarkup } from '../normalise.js';
import type { BibRecord } from '../record.js';
import { first, values, type RawTagged, type TaggedDialect } from '../tagged.js';
import { recordFromTagged, splitIssnIsbn, uniq } from './common.js';

// "TY  - x", "TY  -", "TY - x", "TY  -  x" (Cochrane), 4-letter pseudo tags "PMID - "
const TAG = /^([A-Z][A-Z0-9]|[A-Z][A-Z0-9]{2,3}(?= ))\s{1,2}-(?:\s+(.*)|\s*)$/s;

/** Tags whose untagged continuation lines are further values (EndNote/Rayyan/RefLib behaviour). */
const MULTI = new Set(['KW', 'AU', 'A1', 'A2', 'A3', 'A4', 'AD', 'N1', 'UR', 'M1', 'SN', 'L1', 'L2', 'L4', 'DB']);

export const risDialect: TaggedDialect = {
  format: 'ris',
  tagLine(line) {
    const c0 = line.charCodeAt(0);
    if (c0 < 65 || c0 > 90) return null;
    // fast path for the canonical "XX  - value"
    if (line.charCodeAt(2) === 32 && line.charCodeAt(3) === 32 && line.charCodeAt(4) === 45 && (line.length === 5 || line.charCodeAt(5) === 32)) {
      const c1 = line.charCodeAt(1);
      if ((c1 >= 65 && c1 <= 90) || (c1 >= 48 && c1 <= 57)) return { tag: line.slice(0, 2), value: line.slice(5).trim() };
    }
    const m = TAG.exec(line);
    return m ? { tag: m[1]!, value: (m[2] ?? '').trim() } : null;
  },
  // a TY right after another TY (nothing in between) is a repeated tag, not a new record (JabRef's
  // RisImporterTest1); a TY after any other field starts a new record even without ER (CoLRev)
  startsRecord: (tag, open, fields) => tag === 'TY' && !(open && fields.length > 0 && fields.every(([t]) => t === 'TY')),
  endsRecord: (tag) => tag === 'ER',
  blankEndsRecord: false,
  multiValue: MULTI,
};

export function detectRis(head: string): number {
  if (/^TY\s{1,2}-\s{1,2}\S/m.test(head)) return /^(ER|AU|A1|TI|T1|PY|Y1)\s{1,2}-/m.test(head) ? 0.95 : 0.8;
  return 0;
}

function detectDatabase(r: RawTagged, rec: BibRecord): string {
  const db = values(r, 'DB', 'DP').join(' ');
  const pre = r.preamble.join('\n');
  if (/Provider: John Wiley/i.test(pre) || /^CN-\d+/.test(first(r, 'AN')) || /cochranelibrary\.com/.test(values(r, 'UR').join(' '))) {
    return /^CD\d+/.test(first(r, 'AN')) ? 'Cochrane Database of Systematic Reviews' : 'CENTRAL';
  }
  if (/embase/i.test(db) || /^L\d{6,}/.test(first(r, 'U2'))) return 'Embase';
  if (/scopus/i.test(db) || /scopus\.com/.test(values(r, 'UR').join(' '))) return 'Scopus';
  if (/^WOS:/.test(first(r, 'AN', 'UT')) || /web of science/i.test(db)) return 'Web of Science';
  if (/ovid/i.test(db) || /ovid/i.test(pre)) return db.replace(/\s*<[^>]*>\s*/g, '').trim() || 'Ovid';
  if (/pubmed|medline/i.test(db)) return 'MEDLINE';
  if (/ebsco/i.test(db)) return `EBSCOhost${first(r, 'DB') ? ` (${first(r, 'DB')})` : ''}`;
  if (/^rayyan-/.test(first(r, 'AN'))) return 'Rayyan';
  return db.trim() || rec.database;
}

export function risRecord(r: RawTagged, n: number): BibRecord {
  const rec = recordFromTagged('ris', r);
  const ty = first(r, 'TY');
  const m3 = first(r, 'M3');
  rec.type = normaliseType(/abstract|conference|review|letter|editorial/i.test(m3) ? m3 : ty);
  rec.title = stripMarkup(first(r, 'TI', 'T1', 'CT', 'BT'));
  rec.abstract = values(r, 'AB', 'N2').map((a) => stripMarkup(a)).join('\n');
  rec.authors = values(r, 'AU', 'A1').filter((a) => a !== '' && !/^et al\.?$/i.test(a)).map(parseName);
  rec.year = parseYear(first(r, 'PY', 'Y1', 'DA', 'Y2'));
  const jf = first(r, 'JF', 'T2', 'JO', 'JA', 'J2', 'JI');
  rec.journal = ty === 'BOOK' ? '' : stripMarkup(jf);
  rec.journal_abbrev = first(r, 'J2', 'JA', 'JI', 'J9') || (first(r, 'JF') && first(r, 'JO') !== first(r, 'JF') ? first(r, 'JO') : '');
  rec.volume = first(r, 'VL');
  rec.issue = first(r, 'IS', 'CP');
  rec.pages = normalisePages(first(r, 'SP'), first(r, 'EP'));
  const urls = uniq(values(r, 'UR', 'L1', 'L2', 'L4', 'LK').flatMap((u) => splitList(u, /\s*;\s*|\s+(?=https?:)/)));
  rec.urls = urls;
  rec.doi = normaliseDoi(first(r, 'DO', 'DOI', 'M3')) || normaliseDoi(urls.find((u) => /doi\.org\/10\./.test(u)) ?? '');
  const sn = splitIssnIsbn(values(r, 'SN'));
  rec.issn = sn.issn;
  rec.isbn = sn.isbn;
  rec.language = first(r, 'LA');
  rec.keywords = uniq(values(r, 'KW'));
  rec.database = detectDatabase(r, rec);
  // identifiers by exporter
  const an = values(r, 'AN').map((a) => a.trim());
  const acc: string[] = [...an];
  if (rec.database === 'Embase') {
    acc.push(...values(r, 'U2').filter((v) => /^L\d+/.test(v)));
    const c5 = first(r, 'C5');
    if (/^\d{5,9}$/.test(c5)) rec.pmid = c5;
  }
  // C2 holds a PubMed ID in Scopus exports (and in ours); EndNote uses it for PMCIDs, which are not numeric
  const c2 = first(r, 'C2');
  if (/^\d{5,9}$/.test(c2)) rec.pmid = c2;
  if (rec.database === 'Scopus') {
    const eid = /eid=([^&\s]+)/.exec(urls.join(' '));
    if (eid) acc.push(eid[1]!);
  }
  const c3 = values(r, 'C3').join(',');
  const pm = /PUBMED\s+(\d+)/i.exec(c3);
  if (pm) rec.pmid = pm[1]!;
  const id = first(r, 'ID');
  if (/medline/i.test(rec.database) && /^\d{5,9}$/.test(id)) rec.pmid ||= id;
  else if (id && /ovid/i.test(values(r, 'DB').join(' ') + r.preamble.join(' '))) acc.push(id);
  if (rec.database === 'MEDLINE' && !rec.pmid) rec.pmid = an.find((a) => /^\d{5,9}$/.test(a)) ?? '';
  rec.accession = uniq(acc);
  rec.id = rec.pmid ? `PMID:${rec.pmid}` : rec.accession[0] ?? (id || `ris:${n}`);
  return rec;
}
