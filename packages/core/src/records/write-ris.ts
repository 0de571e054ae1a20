/**
 * RIS writer. Records that came from RIS are written back from `raw`, tag by tag in file order, so a
 * parse → write → parse round trip keeps every field; other records are written from their normalised
 * fields with the standard tags.
 */
import type { BibRecord } from './record.js';

const TYPE_TO_RIS: Record<string, string> = {
  'journal-article': 'JOUR',
  'conference-abstract': 'ABST',
  'conference-paper': 'CPAPER',
  book: 'BOOK',
  chapter: 'CHAP',
  thesis: 'THES',
  report: 'RPRT',
  electronic: 'ELEC',
  review: 'JOUR',
};

function line(tag: string, value: string): string {
  // RIS has no escape for line breaks: each line of a multi-line value becomes its own tag line, which
  // the reader joins back with a line break (AB/N2) or keeps as separate values
  return value
    .split(/\r\n|\r|\n/)
    .map((v) => `${tag}  - ${v}`)
    .join('\r\n');
}

/** One record in RIS; `note`, when given, is added as an N1 line (e.g. where the record stands in the review). */
export function recordToRis(r: BibRecord, note?: string): string {
  const out: string[] = [];
  if (r.format === 'ris' && r.raw['TY']) {
    out.push(line('TY', r.raw['TY'][0]!));
    for (const [tag, vals] of Object.entries(r.raw)) {
      if (tag === 'TY' || tag === 'ER') continue;
      for (const v of vals) out.push(line(tag, v));
    }
  } else {
    out.push(line('TY', TYPE_TO_RIS[r.type] ?? 'GEN'));
    const put = (tag: string, v: string | number | null | undefined): void => {
      if (v !== undefined && v !== null && String(v) !== '') out.push(line(tag, String(v)));
    };
    put('TI', r.title);
    for (const a of r.authors) put('AU', a.given ? `${a.family}, ${a.given}` : a.family);
    put('PY', r.year);
    put('T2', r.journal);
    put('J2', r.journal_abbrev);
    put('VL', r.volume);
    put('IS', r.issue);
    // a plain range goes to SP and EP; anything else ("2243-5; author reply 2243-5", "e12-e15, S3")
    // stays whole in SP, which readers take as the pages when EP is absent
    const range = /^\s*([^\s,;–-]+)\s*[-–]\s*([^\s,;–-]+)\s*$/.exec(r.pages);
    put('SP', range ? range[1] : r.pages.trim());
    put('EP', range?.[2]);
    put('AB', r.abstract);
    put('DO', r.doi);
    for (const s of [...r.issn, ...r.isbn]) put('SN', s);
    put('LA', r.language);
    for (const k of [...r.keywords, ...r.mesh]) put('KW', k);
    for (const u of r.urls) put('UR', u);
    for (const a of r.accession) put('AN', a);
    if (r.pmid) put('C2', r.pmid);
    put('DB', r.database);
    put('ID', r.id);
  }
  if (note) out.push(line('N1', note));
  out.push('ER  - ');
  return out.join('\r\n');
}

/** Records in RIS, each with its note (by position) when given. */
export function recordsToRis(records: readonly BibRecord[], notes?: readonly (string | undefined)[]): string {
  return records.map((r, i) => recordToRis(r, notes?.[i])).join('\r\n\r\n') + '\r\n';
}
