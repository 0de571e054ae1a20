/**
 * The pairwise decision: duplicate, uncertain (a person decides) or distinct, with a score and the
 * reason. Hard conflicts come first so that look-alike works stay apart: different DOIs or PMIDs,
 * an erratum/comment/reply/protocol against the work itself, different parts of a series, different
 * volumes or first pages, years more than one apart, and (by default) a conference abstract against
 * a journal article.
 */
import type { DedupKeys } from './normalise.js';
import { authorAgreement, editSimilarity, titleContainment, titleSimilarity, tokenContainment } from './similarity.js';

export type Verdict = 'duplicate' | 'uncertain' | 'distinct';

export interface PairDecision {
  readonly verdict: Verdict;
  readonly score: number;
  readonly reason: string;
}

export interface DedupOptions {
  /** Keep a conference abstract and a journal article apart even when they match (default true). */
  readonly keepAbstractsApart?: boolean;
}

const distinct = (reason: string, score = 0): PairDecision => ({ verdict: 'distinct', score, reason });

export function decidePair(a: DedupKeys, b: DedupKeys, options: DedupOptions = {}): PairDecision {
  if (a.doi && b.doi && a.doi !== b.doi) return distinct('different DOIs');
  if (a.pmid && b.pmid && a.pmid !== b.pmid) return distinct('different PMIDs');
  if (a.kind !== b.kind) return distinct(`${a.kind || 'article'} vs ${b.kind || 'article'}`);
  if (a.part !== b.part) return distinct('different parts of a series');
  // an abstract and an article differ — unless both sit in the same issue of the same volume (then the
  // copies merely name the container differently, e.g. "Circulation" vs "Circulation. Conference: …")
  const sameIssue = a.volume !== '' && a.volume === b.volume && ((a.issue !== '' && a.issue === b.issue) || (a.firstPage !== '' && a.firstPage === b.firstPage));
  // nor when the "article" is one page of the journal that printed the abstract, that year: Embase names
  // the container "Journal. Conference: …", another database the journal alone
  const printed = (abs: DedupKeys, other: DedupKeys): boolean =>
    abs.isAbstract && other.journal !== '' && abs.journal.startsWith(other.journal) && abs.year !== null && abs.year === other.year && other.firstPage !== '' && other.lastPage === '' && (abs.firstPage === '' || abs.firstPage === other.firstPage);
  if ((options.keepAbstractsApart ?? true) && a.isAbstract !== b.isAbstract && !sameIssue && !(a.doi && a.doi === b.doi) && !printed(a, b) && !printed(b, a)) return distinct('conference abstract vs article');
  const ts = titleSimilarity(a.title, b.title);
  const contained = Math.min(a.titleWords.length, b.titleWords.length) >= 3 && tokenContainment(a.titleWords, b.titleWords) === 1;
  if ((a.doi && a.doi === b.doi) || (a.pmid && a.pmid === b.pmid)) {
    // the identifier decides unless the titles have little in common (a wrong DOI in one database)
    if (ts >= 0.5 || contained || tokenContainment(a.titleWords, b.titleWords) >= 0.6 || !a.title || !b.title) return { verdict: 'duplicate', score: 1, reason: a.doi && a.doi === b.doi ? 'same DOI' : 'same PMID' };
    // different titles under one identifier: a mistyped identifier in one database (a question for a
    // person) — unless the pages or the authors differ too, as for the abstracts of a supplement that
    // each carry the supplement's DOI
    if ((a.firstPage && b.firstPage && a.firstPage !== b.firstPage) || authorAgreement(a, b) < 0.3) return distinct('same identifier on works with different titles and pages or authors', 0.3);
    return { verdict: 'uncertain', score: 0.7, reason: 'same identifier, different titles' };
  }
  if (a.year !== null && b.year !== null && Math.abs(a.year - b.year) > 1) return distinct('years differ', ts * 0.5);
  if (a.volume && b.volume && a.volume !== b.volume) return distinct('different volumes', ts * 0.5);
  // online articles: an article number "e12724" and a page range starting at 1 are the same article
  // and "c37" (a page prefix one database drops) is page 37; an article number ("a1754", "c1804") and
  // print pages are two paginations of one article; a one-page item at either end of the other's range
  // ("488" and "487-488") is the same item
  // a supplement's pages numbered with its roman-numeral issue ("viii108") are the same pages as "108"
  const electronic = (x: string, y: string): boolean =>
    (/^e\d/.test(x) && y === '1') || (/^[a-z]\d/.test(x) && (x.slice(1) === y || /^\d+$/.test(y))) || (/^[ivx]{2,5}\d+$/.test(x) && x.replace(/^[ivx]+/, '') === y);
  const inRange = (x: DedupKeys, y: DedupKeys): boolean => !x.lastPage && y.lastPage !== '' && (x.firstPage === y.lastPage);
  // a range that ends before it starts ("2297-2108") has a mistyped first page: the shared last page decides
  const malformed = (x: DedupKeys): boolean => /^\d+$/.test(x.firstPage) && /^\d+$/.test(x.lastPage) && Number(x.lastPage) < Number(x.firstPage);
  // so has a range in the same volume and issue that ends on the same page: two articles of one issue
  // cannot end on one page
  const sameIssueNumber = issuesMatch(a.issue, b.issue) && a.issue !== '' && b.issue !== '';
  const sameEnd = a.lastPage !== '' && a.lastPage === b.lastPage && (malformed(a) || malformed(b) || (a.volume !== '' && a.volume === b.volume && sameIssueNumber));
  // one database shifted the fields by one: no volume, the volume written as the issue and the issue
  // as the page ("issue 26, page 9" for volume 26, issue 9)
  // (the pages then say nothing)
  const shifted = (x: DedupKeys, y: DedupKeys): boolean => !x.volume && !x.lastPage && x.issue !== '' && x.issue === y.volume && x.firstPage === y.issue;
  const otherFirstPage = a.firstPage && b.firstPage && a.firstPage !== b.firstPage && !electronic(a.firstPage, b.firstPage) && !electronic(b.firstPage, a.firstPage);
  if (otherFirstPage && !inRange(a, b) && !inRange(b, a) && !sameEnd && !shifted(a, b) && !shifted(b, a)) return distinct('different pages', ts * 0.5);
  if (!a.title || !b.title) return distinct('no title');
  // an item that repeats under one title ("Editorial introduction" in every issue, "Reply") ending on
  // another page, or in another issue without the same page range, is another item even when it starts
  // on the same page
  // (an editorial repeats with the same pages in every issue; another short title on the same full
  // page range is one item whose issue one database wrote wrongly)
  // last pages compared without a letter prefix ("c42" and "42")
  const bothLast = a.lastPage !== '' && b.lastPage !== '';
  const sameLast = bothLast && a.lastPage.replace(/^[a-z]+/, '') === b.lastPage.replace(/^[a-z]+/, '');
  const lastPageConflict = bothLast && !sameLast;
  const sameFullRange = a.firstPage !== '' && a.firstPage === b.firstPage && sameLast;
  const otherIssue = a.issue !== '' && b.issue !== '' && !issuesMatch(a.issue, b.issue);
  const recurring = a.recurring || b.recurring;
  if ((recurring || Math.min(a.titleWords.length, b.titleWords.length) < 4) && (lastPageConflict || (otherIssue && (recurring || !sameFullRange))))
    return distinct('recurring or short-titled item in another issue or on other pages');
  if ((a.recurring || b.recurring) && !((a.firstPage && a.firstPage === b.firstPage) || (a.issue && a.issue === b.issue && a.year === b.year)))
    return distinct('recurring item (editorial, preface …) without matching issue or pages');
  const as = authorAgreement(a, b);
  const short = Math.min(a.titleWords.length, b.titleWords.length) < 4;
  const sameJournal = a.journal !== '' && b.journal !== '' && (editSimilarity(a.journal, b.journal) >= 0.8 || a.journal.startsWith(b.journal) || b.journal.startsWith(a.journal));
  let support = 0;
  if (a.year !== null && a.year === b.year) support++;
  if (a.volume && a.volume === b.volume) support++;
  if (a.firstPage && a.firstPage === b.firstPage) support++;
  if (a.issue && a.issue === b.issue) support++;
  if (sameJournal) support++;
  const authorsOk = Number.isNaN(as) ? 0.6 : as;
  const score = 0.6 * ts + 0.25 * authorsOk + 0.15 * Math.min(1, support / 3);
  if (short) {
    // "Reply", "Editorial": only identical titles with the same authors, year and pages — or the same
    // volume, issue and page range when the years differ (online and print year)
    const samePages = a.firstPage !== '' && (a.firstPage === b.firstPage || electronic(a.firstPage, b.firstPage) || electronic(b.firstPage, a.firstPage));
    const sameRange = samePages && sameLast && a.volume !== '' && a.volume === b.volume && sameIssueNumber;
    if (ts === 1 && authorsOk >= 0.9 && ((a.year === b.year && a.firstPage && a.firstPage === b.firstPage) || sameRange)) return { verdict: 'duplicate', score, reason: 'short title, all details agree' };
    return ts === 1 && authorsOk >= 0.7 ? { verdict: 'uncertain', score, reason: 'short identical title' } : distinct('short title', score);
  }
  if (ts >= 0.95 && authorsOk >= 0.7 && support >= 1) return { verdict: 'duplicate', score, reason: 'title, authors and details agree' };
  // the same title in the same volume, first page and year is the same article even when author lists
  // were garbled by one database (shared names still required)
  const located = a.year === b.year && a.volume !== '' && a.volume === b.volume && a.firstPage !== '' && (a.firstPage === b.firstPage || a.lastPage === b.firstPage || a.firstPage === b.lastPage);
  const samePageRange = located && a.lastPage !== '' && a.firstPage === b.firstPage && a.lastPage === b.lastPage;
  if ((ts >= 0.97 || contained) && located && (authorsOk >= 0.3 || (ts >= 0.97 && ((a.issue !== '' && a.issue === b.issue) || samePageRange))))
    return { verdict: 'duplicate', score, reason: 'same title, volume, page and year' };
  // a subtitle missing in one copy, same specific pages (at least three digits), year and authors
  if (contained && a.year === b.year && a.firstPage.length >= 3 && a.firstPage === b.firstPage && authorsOk >= 0.85)
    return { verdict: 'duplicate', score, reason: 'title contained in the other, same pages, year and authors' };
  // a translated title: same journal, volume, issue, first page, year and authors — with the same last
  // page too, two or more authors in common make the title's wording irrelevant
  const fullyLocated = located && sameIssueNumber && sameJournal;
  if (fullyLocated && authorsOk >= 0.9 && ts >= 0.5) return { verdict: 'duplicate', score, reason: 'same location and authors (translated title)' };
  if (fullyLocated && authorsOk >= 0.9 && a.lastPage !== '' && a.lastPage === b.lastPage && Math.min(a.authors.length, b.authors.length) >= 2)
    return { verdict: 'duplicate', score, reason: 'same journal, volume, issue, page range, year and authors (translated title)' };
  // the same page range of the same volume and year by the same two or more authors is one article
  // whatever its title's language, even where the databases write the journal's name (abbreviated,
  // with its place) or the issue differently
  if (located && a.firstPage === b.firstPage && a.lastPage !== '' && a.lastPage === b.lastPage && authorsOk >= 0.9 && Math.min(a.authors.length, b.authors.length) >= 2)
    return { verdict: 'duplicate', score, reason: 'same volume, page range, year and authors (translated title)' };
  // the same title and author list in the same year; a year apart (conference paper and journal version,
  // online first) stays a question for a person, since the same team reuses a title for two venues
  if (ts >= 0.98 && authorsOk >= 0.9 && a.year === b.year && Math.min(a.authors.length, b.authors.length) >= 2) return { verdict: 'duplicate', score, reason: 'same title and authors' };
  // one title extends the other (subtitle, citation appended, or a subtitle glued on without a space):
  // needs the same authors and two details
  const [shorter, longer] = a.title.length <= b.title.length ? [a.title, b.title] : [b.title, a.title];
  const glued = shorter.length >= 40 && longer.startsWith(shorter);
  if (ts < 0.95 && (titleContainment(a.titleWords, b.titleWords) === 1 || glued) && authorsOk >= 0.85 && support >= 2) return { verdict: 'duplicate', score, reason: 'title contained in the other, same authors and details' };
  if (ts >= 0.9 && authorsOk >= 0.85 && support >= 2) return { verdict: 'duplicate', score, reason: 'near-identical title, same authors and details' };
  if (ts >= 0.98 && Number.isNaN(as) && support >= 2) return { verdict: 'duplicate', score, reason: 'same title and details (no authors)' };
  if (ts >= 0.85 && authorsOk >= 0.5) return { verdict: 'uncertain', score, reason: 'similar title' };
  return distinct('titles differ', score);
}

/**
 * Two issue fields name the same issue: equal, or one a supplement without its number ("Suppl" and
 * "Suppl 2", as two databases write one supplement).
 */
function issuesMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return /^suppl(ement)?\.?$/.test(shorter) && longer.startsWith('suppl') && /\d/.test(longer);
}
