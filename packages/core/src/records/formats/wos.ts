/**
 * Web of Science tagged format ("Plain text" / "Other reference software", .ciw/.isi): Clarivate's
 * field tags, "XX value", continuation lines indented 3 spaces — further values for AU/AF/CR/C1…,
 * wrapped text otherwise; PT starts and ER ends a record; FN/VR/EF file lines.
 */
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear, splitList } from '../normalise.js';
import type { BibRecord } from '../record.js';
import { first, values, type RawTagged, type TaggedDialect } from '../tagged.js';
import { recordFromTagged, splitIssnIsbn, uniq } from './common.js';

const TAG = /^([A-Z][A-Z0-9])(?: (.*)|$)$/s;

export const wosDialect: TaggedDialect = {
  format: 'wos',
  tagLine(line) {
    const m = TAG.exec(line);
    return m ? { tag: m[1]!, value: (m[2] ?? '').trim() } : null;
  },
  startsRecord: (tag) => tag === 'PT',
  endsRecord: (tag) => tag === 'ER' || tag === 'EF',
  blankEndsRecord: false,
  continues: (line) => /^\s/.test(line),
  multiValue: new Set(['AU', 'AF', 'BA', 'BF', 'CA', 'CR', 'C1', 'C3', 'RI', 'OI', 'EM', 'FU', 'ED', 'BE']),
};

export function detectWos(head: string): number {
  if (/^FN (Clarivate|Thomson|ISI)/m.test(head)) return 0.97;
  if (/^PT [JBSP]\s*$/m.test(head) && /^(AU|TI|SO|UT) /m.test(head)) return 0.85;
  return 0;
}

export function wosRecord(r: RawTagged, n: number): BibRecord {
  const rec = recordFromTagged('wos', r);
  const ut = first(r, 'UT');
  rec.database = /^MEDLINE:/.test(ut) ? 'MEDLINE (Web of Science)' : /^(BIOSIS|ZOOREC|INSPEC|CCC|KJD|SCIELO|DIIDW)/.test(ut) ? `${ut.split(':')[0]} (Web of Science)` : 'Web of Science';
  rec.title = first(r, 'TI');
  rec.abstract = values(r, 'AB').join('\n');
  const af = values(r, 'AF');
  rec.authors = (af.length ? af : values(r, 'AU')).map(parseName);
  for (const ca of values(r, 'CA', 'GP')) rec.authors.push({ family: ca, given: '' });
  rec.journal = first(r, 'SO');
  rec.journal_abbrev = first(r, 'JI', 'J9');
  rec.year = parseYear(first(r, 'PY', 'EY', 'PD'));
  rec.volume = first(r, 'VL');
  rec.issue = first(r, 'IS');
  rec.pages = normalisePages(first(r, 'BP') || first(r, 'AR'), first(r, 'EP'));
  rec.doi = normaliseDoi(first(r, 'DI', 'D2'));
  rec.pmid = first(r, 'PM');
  rec.accession = ut ? [ut] : [];
  const sn = splitIssnIsbn(values(r, 'SN', 'EI'));
  rec.issn = sn.issn;
  rec.isbn = uniq([...values(r, 'BN'), ...sn.isbn]);
  rec.language = first(r, 'LA');
  rec.keywords = uniq([...values(r, 'DE'), ...values(r, 'ID')].flatMap((k) => splitList(k)));
  rec.publication_types = uniq(values(r, 'DT').flatMap((k) => splitList(k)));
  const pt = first(r, 'PT');
  rec.type = normaliseType(first(r, 'DT') || (pt === 'J' ? 'journal article' : pt === 'B' ? 'book' : pt === 'P' ? 'patent' : pt));
  rec.id = ut || `wos:${n}`;
  return rec;
}
