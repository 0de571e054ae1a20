/**
 * Comparison keys for deduplication: titles, names, journals and pages reduced to what identifies a
 * work, so that spelling, punctuation, case, diacritics, language tags and page formats stop mattering.
 */
import type { BibRecord } from '../records/record.js';

export interface DedupKeys {
  readonly index: number;
  readonly id: string;
  /** Lower-case ASCII words of the title, without bracketed language/type notes. */
  readonly title: string;
  readonly titleWords: readonly string[];
  /** Family names of all authors, normalised. */
  readonly authors: readonly string[];
  /** Each author's first given name when written out (not an initial), normalised; '' otherwise. */
  readonly givenNames: readonly string[];
  readonly year: number | null;
  readonly journal: string;
  readonly volume: string;
  readonly issue: string;
  readonly firstPage: string;
  /** Last page written out ('' when the item has one page or none). */
  readonly lastPage: string;
  readonly doi: string;
  readonly pmid: string;
  /** Markers of works that look alike but differ: erratum, comment, reply, protocol, part number … */
  readonly kind: string;
  readonly part: string;
  readonly isAbstract: boolean;
  /** A recurring item (editorial, editor's comments, preface, introduction …) that repeats with the same title. */
  readonly recurring: boolean;
}

/** Greek letters by name, as MEDLINE spells them where other databases keep the letter ("β-blockers"). */
const GREEK: Record<string, string> = Object.fromEntries(
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau upsilon phi chi psi omega'
    .split(' ')
    // α … ω, with the final sigma ς (U+03C2) before σ
    .map((name, i) => [String.fromCharCode(0x3b1 + i), name]),
);

export function ascii(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/g, 'ae')
    .replace(/[ø]/g, 'o')
    .toLowerCase()
    .replace(/[\u03b1-\u03c9]/g, (c) => GREEK[c] ?? c);
}

/** Title without [Chinese]-style notes, markup, punctuation; words joined by single spaces. */
/** Database notes in brackets that are not part of the title: "[Erratum appears in …]", "[Comment in …]". */
const NOTES = /\[(?:erratum|published erratum|comment|retraction|retracted|corrected|update|summary for patients|see comment|expression of concern)[^\]]*\]/gi;

/**
 * A correction notice titled as the article it corrects followed by that article's citation: Web of
 * Science writes "Title (vol 360, pg 542, 2009)", Embase "Title (New England Journal of Medicine (2009)
 * 360 (542-544))".
 */
const CORRECTED_CITATION = /\s*\((?:vol\.?\s*\w+,\s*pg\.?\s*\w+,\s*\d{4}|[^()]*\(\d{4}\)\s*\d+[^()]*\([^()]*\d[^()]*\))\)\s*\.?\s*$/i;

export function titleKey(t: string): string {
  return ascii(t.replace(NOTES, ' ').replace(CORRECTED_CITATION, ''))
    .replace(/<[^>]+>/g, ' ')
    // short trailing notes such as "[Chinese]", "[Article in Spanish]" or "[Review] [33 refs]" — not a
    // title that is all in brackets
    .replace(/(\S.*?)(?:\s*\[[^\]]{1,40}\]\.?)+\s*$/, '$1')
    .replace(/\((?:author'?s? transl|article in [a-z]+|english abstract)\)/g, ' ')
    .replace(/&amp;/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Family name without particles ("von Pawel" and "Pawel" agree), letters only. */
export function nameKey(family: string): string {
  return ascii(family)
    .replace(/^(?:(?:von|van|de|der|den|del|della|di|da|le|la|du|dos|das)\s+)+/, '')
    .replace(/[^a-z]+/g, '');
}

/** A written-out first given name ("Andrea", "Jean-Paul" → "andrea", "jeanpaul"); '' for initials. */
export function givenKey(given: string): string {
  const first = ascii(given).trim().split(/\s+/)[0] ?? '';
  const key = first.replace(/[^a-z]+/g, '');
  return key.length >= 3 && !/\./.test(first) ? key : '';
}

export function journalKey(j: string): string {
  return ascii(j)
    .replace(/^the\s+/, '')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A book's or thesis's extent ("215 p", "xii, 300 pp.") is its length, not a page. */
const EXTENT = /^(?:[ivxlc]+,\s*)?\d+\s*pp?\.?$/i;

function firstPageOf(pages: string): string {
  if (EXTENT.test(pages.trim())) return '';
  const m = /^[a-z]*\d+/i.exec(pages.trim());
  return m ? m[0].toLowerCase().replace(/^0+/, '') : '';
}

/** The last page written out; an abbreviated one ("2243-5", "e1201-9") is completed from the first. */
function lastPageOf(pages: string): string {
  const m = /[-–]\s*([a-z]*\d+)\s*$/i.exec(pages.trim());
  if (!m) return '';
  const last = m[1]!.toLowerCase().replace(/^0+/, '');
  const first = firstPageOf(pages);
  const [, prefix = '', digits = ''] = /^([a-z]*)(\d+)$/.exec(first) ?? [];
  return /^\d+$/.test(last) && digits.length > last.length ? `${prefix}${digits.slice(0, digits.length - last.length)}${last}` : last;
}

// notices are recognised at the start of the title ("Reply to …", "Erratum: …"); words like "in response
// to" inside a subtitle do not make a paper a reply. A protocol is recognised anywhere.
const KIND_PATTERNS: [string, RegExp][] = [
  ['erratum', /^\W*(errat(um|a)|corrigend(um|a)|correction( to|:|\b)|notice of correction)/],
  ['retraction', /^\W*(retraction|retracted|withdrawn|notice of retraction|expression of concern)/],
  // a reply is also written as the letter's title followed by " - Reply" (Web of Science)
  ['reply', /^\W*(reply|response to|author'?s?'? (reply|response)|in reply|in response|rejoinder)\b|\s[-:]\s*(authors?'?s?'? )?reply\W*$/],
  ['comment', /^\W*(comment(ary)? on|re:|letter to the editor|editorial comment)/],
  ['protocol', /\b(study protocol|protocol for|a protocol|protocol of)\b/],
];

function kindOf(title: string): string {
  if (CORRECTED_CITATION.test(title)) return 'erratum';
  const t = ascii(title.replace(NOTES, ' '));
  for (const [k, re] of KIND_PATTERNS) if (re.test(t)) return k;
  return '';
}

function partOf(raw: string): string {
  const title = raw.replace(NOTES, ' ');
  const m = /\b(?:part|paper|phase|study)\s+([ivx]+|\d+|one|two|three|four)\b/i.exec(title) ?? /:\s*(\d+)\s*$/.exec(title);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * The volume's number: "35 (Pt 1)" and "24 Suppl 3" are volumes 35 and 24 (their digits run together
 * would not be); a "volume" that is the record's own year ("2016 (May)", magazines without volumes) says
 * nothing about the volume and counts as none.
 */
function volumeKey(volume: string, year: number | null): string {
  const n = /\d+/.exec(volume)?.[0]?.replace(/^0+(?=\d)/, '') ?? '';
  return year !== null && n === String(year) ? '' : n;
}

/** R's marker for a missing value, as R-written CSV files carry it ("NA"). */
const missing = (v: string): boolean => /^\s*NA\s*$/.test(v);

export function dedupKeys(r: BibRecord, index: number): DedupKeys {
  const title = titleKey(r.title);
  const journal = journalKey(r.journal);
  return {
    index,
    id: r.id,
    title,
    titleWords: title.split(' ').filter((w) => w.length > 0),
    authors: r.authors.map((a) => nameKey(a.family)).filter(Boolean),
    givenNames: r.authors.filter((a) => nameKey(a.family)).map((a) => givenKey(a.given)),
    year: r.year,
    journal,
    volume: missing(r.volume) ? '' : volumeKey(r.volume, r.year),
    issue: missing(r.issue) ? '' : r.issue.replace(/\s+/g, '').toLowerCase(),
    firstPage: firstPageOf(r.pages),
    lastPage: lastPageOf(r.pages),
    doi: r.doi,
    pmid: r.pmid,
    kind: kindOf(r.title),
    recurring: /^(editorial|editor'?s'? (comments?|note|introduction)|remarks from|introduction|preface|foreword|in this issue|letter from the editor|from the editors?|guest editorial|news|book reviews?|acknowledg(e)?ments?|reviewers?|index|contents)\b/.test(title) || /editor'?s'? comments?$/.test(title),
    part: partOf(r.title),
    isAbstract:
      r.type === 'conference-abstract' ||
      // Dissertation Abstracts International indexes the theses themselves
      (/\b(abstracts?|supplement|congress|conference|meeting|proceedings)\b/.test(journal) && !/^dissertation abstracts/.test(journal)) ||
      /^s\d+$|\bsuppl|supplement|meeting ?abstracts?/i.test(r.issue.trim()),
  };
}
