/**
 * MEDLINE / PubMed tagged format (.nbib, .txt "PubMed format"; also ERIC .nbib). NLM's "MEDLINE/PubMed
 * Data Element (Field) Descriptions": 4-character tags padded to "TAG - ", continuation lines indented
 * 6 spaces (joined with a space), records separated by blank lines. Tolerates the malformed variants
 * peers test ("PMID-123", "TI  -This", "PMC -123"); a line that is neither tag nor continuation is
 * kept with the previous field, as JabRef does.
 */
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear } from '../normalise.js';
import type { BibRecord } from '../record.js';
import { first, values, type RawTagged, type TaggedDialect } from '../tagged.js';
import { applySource, recordFromTagged, splitIssnIsbn, uniq } from './common.js';

const TAG = /^([A-Z][A-Z0-9]{1,3})\s*-(?: |(?=\S)|$)(.*)$/s;

export const medlineDialect: TaggedDialect = {
  format: 'medline',
  tagLine(line) {
    const c0 = line.charCodeAt(0);
    if (c0 < 65 || c0 > 90) return null; // tags start with A–Z; continuation lines with spaces
    // fast path for the canonical layout "TAG - value" with the hyphen in column 5
    if (line.charCodeAt(4) === 45 && line.charCodeAt(5) === 32) {
      const tag = line.slice(0, 4).trimEnd();
      if (/^[A-Z][A-Z0-9]{1,3}$/.test(tag)) return { tag, value: line.slice(6).trim() };
    }
    const m = TAG.exec(line);
    return m ? { tag: m[1]!, value: m[2]!.trim() } : null;
  },
  startsRecord: (tag, open, fields) => !open || (tag === 'PMID' && fields.some(([t]) => t === 'PMID')),
  blankEndsRecord: true,
  multiValue: new Set(),
  // proper continuation lines are indented; anything else is kept with the previous field but reported
  continues: (line) => /^\s/.test(line),
};

/** Detection score: PubMed/ERIC tags at line starts. */
/** Tags only MEDLINE uses (RIS shares TI, AU, AB, DP …, so those do not count). */
const MEDLINE_ONLY = /^(PMID|PMC|PMCR|OWN|STAT|FAU|BTI|CON|CIN|EIN|LID|AID|JT|TA|MH|DCOM|LR|EDAT|MHDA|CRDT|PHST|PST|OTO|OT|JID|SB|IS|VI|IP|PG)\s*-/m;

export function detectMedline(head: string): number {
  if (/^TY\s{1,2}-/m.test(head)) return 0;
  if (/^(PMID|OWN)\s?-\s?\S/m.test(head)) return 0.95;
  return MEDLINE_ONLY.test(head) && /^[A-Z]{2,4}\s*-/m.test(head) ? 0.8 : 0;
}

export function medlineRecord(r: RawTagged, n: number): BibRecord {
  const rec = recordFromTagged('medline', r);
  rec.pmid = first(r, 'PMID').replace(/\D/g, '');
  rec.id = rec.pmid ? `PMID:${rec.pmid}` : `medline:${n}`;
  const own = first(r, 'OWN');
  rec.database = own === 'ERIC' ? 'ERIC' : 'MEDLINE';
  rec.title = values(r, 'TI').join(' ') || first(r, 'BTI', 'CTI');
  rec.abstract = values(r, 'AB').join('\n');
  const fau = values(r, 'FAU');
  rec.authors = (fau.length ? fau : values(r, 'AU')).map(parseName);
  for (const cn of values(r, 'CN')) rec.authors.push({ family: cn, given: '' });
  rec.year = parseYear(first(r, 'DP', 'DEP', 'EDAT'));
  rec.journal = first(r, 'JT');
  rec.journal_abbrev = first(r, 'TA');
  rec.volume = first(r, 'VI');
  rec.issue = first(r, 'IP');
  rec.pages = normalisePages(first(r, 'PG'));
  const ids = [...values(r, 'LID'), ...values(r, 'AID')];
  rec.doi = normaliseDoi(ids.find((v) => /\[doi\]/i.test(v)) ?? ids.find((v) => /^(doi:\s*)?10\.|doi\.org\/10\./i.test(v)) ?? '');
  const so = first(r, 'SO');
  if (!rec.doi && /doi:/i.test(so)) rec.doi = normaliseDoi(so.slice(so.toLowerCase().indexOf('doi:')));
  if (!rec.journal || !rec.volume) applySource(rec, so);
  rec.pmcid = first(r, 'PMC');
  if (own === 'ERIC') rec.accession = uniq(values(r, 'OID'));
  const sn = splitIssnIsbn([...values(r, 'IS'), ...values(r, 'ISSN')]);
  rec.issn = sn.issn;
  rec.isbn = uniq([...values(r, 'ISBN'), ...sn.isbn]);
  rec.language = first(r, 'LA');
  rec.keywords = uniq(values(r, 'OT'));
  rec.mesh = uniq(values(r, 'MH'));
  rec.publication_types = uniq(values(r, 'PT'));
  rec.type = first(r, 'BTI') ? 'book' : normaliseType(rec.publication_types.find((p) => !/research support/i.test(p)) ?? 'journal article');
  return rec;
}
