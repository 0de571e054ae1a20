/** Helpers shared by the format modules: building a BibRecord from raw tagged fields. */
import { normalisePages, parseSource } from '../normalise.js';
import { emptyRecord, type BibRecord, type FormatId } from '../record.js';
import type { RawTagged } from '../tagged.js';

/** A record with `raw` filled from the tagged fields in file order. */
export function recordFromTagged(format: FormatId, r: RawTagged): BibRecord {
  const rec = emptyRecord(format, r.line);
  const raw = rec.raw;
  for (const [tag, value] of r.fields) {
    const list = raw[tag];
    if (list) list.push(value);
    else raw[tag] = [value];
  }
  return rec;
}

/** Unique, non-empty values in first-seen order. */
export function uniq(xs: readonly string[]): string[] {
  // most fields of a record hold no value or one: answer those without a Set
  if (xs.length <= 1) {
    const t = xs[0]?.trim();
    return t ? [t] : [];
  }
  const seen = new Set<string>();
  for (const x of xs) {
    const t = x.trim();
    if (t) seen.add(t);
  }
  return [...seen];
}

const ISSN = /^\d{4}-?\d{3}[\dXx]$/;

/** Splits identifiers written in one field (SN "1234-5678 (Print) 978-…") into ISSNs and ISBNs. */
export function splitIssnIsbn(vals: readonly string[]): { issn: string[]; isbn: string[] } {
  const issn: string[] = [];
  const isbn: string[] = [];
  for (const v of vals) {
    for (const tok of v.split(/[\s;,\r]+/)) {
      const t = tok.replace(/[()]/g, '').replace(/^E?ISSN-?/i, '').trim();
      if (!t || /^(print|electronic|linking|online|\(.*\))$/i.test(t)) continue;
      if (ISSN.test(t)) issn.push(t.length === 8 ? `${t.slice(0, 4)}-${t.slice(4)}`.toUpperCase() : t.toUpperCase());
      else if (/^(97[89][-\d]{10,14}|[\dX-]{10,13})$/i.test(t) && t.replace(/-/g, '').length >= 10) isbn.push(t);
    }
  }
  return { issn: uniq(issn), isbn: uniq(isbn) };
}

/** Fills journal, volume, issue, pages and year from a citation source string where they are missing. */
export function applySource(rec: BibRecord, so: string): void {
  if (!so) return;
  const p = parseSource(so);
  rec.journal ||= p.journal ?? '';
  rec.volume ||= p.volume ?? '';
  rec.issue ||= p.issue ?? '';
  rec.pages ||= p.pages ? normalisePages(p.pages) : '';
  rec.year ??= p.year ?? null;
}
