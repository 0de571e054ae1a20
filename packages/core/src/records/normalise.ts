/** Field normalisation shared by all importers: DOIs, pages, years, names, markup, source strings. */
import type { Author } from './record.js';

/** DOI in lower case without resolver prefix, "doi:" label or " [doi]" suffix; '' when none. */
export function normaliseDoi(s: string | undefined): string {
  if (!s) return '';
  const m = /10\.\d{4,9}\/[^\s"<>]+/i.exec(s.replace(/\s*\[doi\]\s*$/i, ''));
  if (!m) return '';
  return decodeURIComponentSafe(m[0]).replace(/[.,;]+$/, '').toLowerCase();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return /%[0-9a-f]{2}/i.test(s) ? decodeURIComponent(s) : s;
  } catch {
    return s;
  }
}

/**
 * Pages as "start-end" with the end written out in full ("745-57" → "745-757", "e0180707" unchanged,
 * "S12-4" → "S12-S14" is left as given when prefixes differ).
 */
export function normalisePages(start: string | undefined, end?: string): string {
  let a = (start ?? '').trim();
  let b = (end ?? '').trim();
  if (!b) {
    const m = /^(\S+?)\s*[-–—]+\s*(\S+)$/.exec(a);
    if (m) {
      a = m[1]!;
      b = m[2]!;
    }
  }
  if (!b || b === a) return a;
  const ma = /^([A-Za-z]*)(\d+)$/.exec(a);
  const mb = /^([A-Za-z]*)(\d+)$/.exec(b);
  if (ma && mb && (mb[1] === '' || mb[1] === ma[1]) && mb[2]!.length < ma[2]!.length) {
    b = ma[1]! + ma[2]!.slice(0, ma[2]!.length - mb[2]!.length) + mb[2]!;
  } else if (ma && mb && mb[1] === '' && ma[1]) {
    b = ma[1] + mb[2]!;
  }
  return `${a}-${b}`;
}

/** First plausible 4-digit year (1000–2099) in a date string, or null. */
export function parseYear(s: string | undefined): number | null {
  if (!s) return null;
  const m = /(?:^|[^\d])(1[0-9]{3}|20[0-9]{2})(?![\d])/.exec(s);
  return m ? Number(m[1]) : null;
}

/**
 * A personal name from the forms exports use: "Family, Given", "Family GI" (MEDLINE AU, "Higgins JP"),
 * "Family G.I." (Scopus, Ovid), "Given Family". Corporate names stay whole in `family`.
 */
export function parseName(s: string): Author {
  const t = s.replace(/\s+/g, ' ').trim().replace(/[;,]$/, '');
  if (!t) return { family: '', given: '' };
  const comma = t.indexOf(',');
  if (comma >= 0) return { family: t.slice(0, comma).trim(), given: t.slice(comma + 1).trim() };
  // "Family GI" / "Family G.I." / "Family G I": trailing capital initials ("Wei Wu" is Given Family)
  const m = /^(.*\S)\s+((?:[A-Z]\.?[ -]?){1,4})$/.exec(t);
  if (m) return { family: m[1]!, given: m[2]!.trim() };
  const parts = t.split(' ');
  if (parts.length === 1) return { family: t, given: '' };
  return { family: parts[parts.length - 1]!, given: parts.slice(0, -1).join(' ') };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—' };

/**
 * Inline markup that exports put in titles and abstracts: HTML/JATS formatting, EndNote <style> runs,
 * MathML. Only these are removed, so "p < 0.05 and OR > 2" stays intact.
 */
const MARKUP = /<\/?(?:i|b|u|em|strong|sup|sub|span|p|br|div|a|font|sc|italic|bold|inf|sup|smallcaps|style|title|abstract|math|mml:[\w-]+|m(?:i|o|n|row|sup|sub|frac|text|sqrt|over|under|style|space|table|tr|td|fenced)|jats:[\w-]+)\b[^<>]*>/gi;

/** Plain text from inline markup (formatting tags, MathML) and entities; whitespace folded. */
export function stripMarkup(s: string): string {
  if (!s.includes('<') && !s.includes('&')) {
    // String.includes scans far faster than a regular expression on long abstracts
    const messy = s.includes('  ') || s.includes('\n') || s.includes('\t') || s.includes('\r');
    return messy ? s.replace(/\s+/g, ' ').trim() : s.trim();
  }
  return s
    .replace(MARKUP, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : all;
      }
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

export interface SourceParts {
  journal?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  year?: number | null;
}

/**
 * Journal, volume, issue and pages from a citation source string as MEDLINE `SO` and Ovid `SO` write it:
 * "BMJ. 2019 Jan 8;364:k5280. doi: …", "J Clin Oncol. 2017;35(8):834-841.",
 * "BMC Proceedings. Conference: …. 12 (Supplement 3) (no pagination), 2018.", "Lancet. 355(9207):
 * 1234-40, 2000 Apr 8.".
 */
export function parseSource(so: string): SourceParts {
  const s = so.replace(/\s+/g, ' ').trim();
  const out: SourceParts = {};
  // MEDLINE style: "Journal. YYYY Mon;Vol(Issue):Pages."
  let m = /^(.+?)\.\s+(\d{4})[^;]*;\s*([^(:;]*)(?:\(([^)]*)\))?(?::\s*([^.;\s]+))?/.exec(s);
  if (m) {
    out.journal = m[1]!.trim();
    out.year = Number(m[2]);
    if (m[3]!.trim()) out.volume = m[3]!.trim();
    if (m[4]) out.issue = m[4].trim();
    if (m[5]) out.pages = m[5].trim();
    return out;
  }
  // Ovid/journal site style: "Journal January/February 2010;14(1):56", "Journal June 2019;1(6):123-456"
  m = /^(.+?)\s+(?:[A-Z][a-z]+(?:\/[A-Z][a-z]+)?\s+)?(\d{4});\s*([^(:;\s]+)(?:\(([^)]*)\))?(?::\s*([^\s.;,]+))?/.exec(s);
  if (m) {
    out.journal = m[1]!.trim();
    out.year = Number(m[2]);
    out.volume = m[3]!.trim();
    if (m[4]) out.issue = m[4].trim();
    if (m[5]) out.pages = m[5].trim();
    return out;
  }
  // "Journal, 2013(1): 3-28."  and  "Journal 12, Winter 2007: 7-14."
  m = /^(.+?),\s*(\d{4})\(([^)]*)\):\s*([\w-]+)/.exec(s);
  if (m) return { journal: m[1]!.trim(), volume: m[2]!, issue: m[3]!, pages: m[4]!, year: Number(m[2]) };
  m = /^(.+?)\s+(\d+),\s*(?:[A-Z][a-z]+\s+)?(\d{4}):\s*([\w-]+)/.exec(s);
  if (m) return { journal: m[1]!.trim(), volume: m[2]!, year: Number(m[3]), pages: m[4]! };
  // Ovid style: "Journal. Vol(Issue) (pp. X-Y or (no pagination)), YYYY."  or "Journal. Vol(Issue):pages, YYYY"
  m = /^(.+?)\.\s+(\d+[A-Za-z]?)\s*(?:\(([^)]*)\))?\s*(?:\(?(?:pp\.\s*)?([A-Za-z]?\d+[A-Za-z]?(?:\s*-\s*[A-Za-z]?\d+[A-Za-z]?)?)\)?|:\s*([^,]+)|\(no pagination\))?,?\s*(\d{4})?/.exec(s);
  if (m) {
    out.journal = m[1]!.trim();
    out.volume = m[2]!;
    if (m[3]) out.issue = m[3].trim();
    const pages = m[4] ?? m[5];
    if (pages) out.pages = pages.replace(/\s+/g, '');
    if (m[6]) out.year = Number(m[6]);
  }
  return out;
}

/** Splits "a; b; c" lists, trimming and dropping empties. */
export function splitList(s: string, sep: RegExp | string = /\s*;\s*/): string[] {
  return s
    .split(sep)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Maps a source-specific publication type to our small vocabulary. */
export function normaliseType(s: string): string {
  const t = s.toLowerCase();
  if (/conference abstract|meeting abstract|abst/.test(t)) return 'conference-abstract';
  if (/conf|proceeding|cpaper|inproceedings/.test(t)) return 'conference-paper';
  if (/chap|incollection|inbook|book section/.test(t)) return 'chapter';
  if (/^book$|^b$|^book\b|edbook|ebook/.test(t)) return 'book';
  if (/thes|dissertation|phdthesis|mastersthesis/.test(t)) return 'thesis';
  if (/rprt|report|techreport/.test(t)) return 'report';
  if (/trial regist|ctgov|clinical trial record/.test(t)) return 'trial-registration';
  if (/review/.test(t) && !/journal article/.test(t)) return 'review';
  if (/jour|article|^j$|journal|jfull|mgzn|news|letter|editorial|comment/.test(t)) return 'journal-article';
  if (/elec|web|data/.test(t)) return 'electronic';
  return t ? 'other' : '';
}
