import { describe, expect, it } from 'vitest';
import { emptyRecord, type BibRecord } from '../records/record.js';
import { deduplicate } from './dedup.js';
import { mergeGroup, unmerge } from './merge.js';

let n = 0;
function rec(p: Partial<BibRecord>): BibRecord {
  return { ...emptyRecord('ris', 0), id: `r${++n}`, type: 'journal-article', ...p };
}
const base = {
  title: 'Video consultations for patients with advanced cancer: a randomised controlled trial',
  authors: [
    { family: 'Hoek', given: 'P D' },
    { family: 'Schers', given: 'H J' },
  ],
  year: 2017,
  journal: 'BMC Medicine',
  volume: '15',
  issue: '1',
  pages: '119-127',
};
const grouped = (records: BibRecord[]) => deduplicate(records).groups.map((g) => [...g].sort());

describe('duplicates across databases are merged', () => {
  it('the same article as MEDLINE, Embase and CENTRAL write it (case, punctuation, initials, page format, missing DOI)', () => {
    const a = rec({ ...base, doi: '10.1186/s12916-017-0866-9', database: 'MEDLINE' });
    const b = rec({ ...base, title: base.title.toUpperCase().replace(':', ' -'), authors: [{ family: 'Hoek', given: 'P.' }, { family: 'Schers', given: 'H.' }], pages: '119-27', database: 'Embase' });
    const c = rec({ ...base, title: `${base.title}.`, journal: 'BMC Med', issue: '', database: 'CENTRAL' });
    expect(grouped([a, b, c])).toEqual([[a.id, b.id, c.id].sort()]);
    // PRISMA: records identified per database and duplicates removed
    const res = deduplicate([a, b, c]);
    expect(res.byDatabase).toEqual({ MEDLINE: 1, Embase: 1, CENTRAL: 1 });
    expect(res.duplicatesRemoved).toBe(2);
  });
  it('a shared DOI or PMID is enough', () => {
    const a = rec({ ...base, doi: '10.1/x' });
    const b = rec({ title: 'Video consultations in advanced cancer', doi: '10.1/x', year: 2017 });
    const c = rec({ title: 'Another paper on palliative telehealth services', pmid: '123', year: 2018 });
    const d = rec({ title: 'Another paper on palliative telehealth services in rural areas', pmid: '123' });
    expect(grouped([a, b, c, d])).toEqual([[a.id, b.id].sort(), [c.id, d.id].sort()]);
  });
});

describe('copies that one database wrote differently', () => {
  it('family and given names swapped by one database', () => {
    const a = rec({ ...base, authors: [{ family: 'Carignani', given: 'Andrea' }, { family: 'Negri', given: 'Lorenzo' }], pages: '' });
    const b = rec({ ...base, title: base.title.toLowerCase(), authors: [{ family: 'Andrea', given: 'C.' }, { family: 'Lorenzo', given: 'N.' }], pages: '', issue: '' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('a subtitle glued to the title without a space', () => {
    const a = rec({ ...base, title: 'Inherited complement regulatory protein deficiency predisposes to human disease in acute injury' });
    const b = rec({ ...base, title: 'Inherited complement regulatory protein deficiency predisposes to human disease in acute injurythe examples of vascular damage' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('a page range whose first page was mistyped (ends before it starts) but whose last page agrees', () => {
    const a = rec({ ...base, pages: '2097-2108' });
    const b = rec({ ...base, pages: '2297-2108' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('a mistyped first page in the same volume and issue, with the same last page', () => {
    const a = rec({ ...base, pages: '2141-2147' });
    const b = rec({ ...base, pages: '2142-2147' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    // in another issue of the volume, or with another last page, the ranges are other items
    expect(grouped([rec({ ...base, pages: '2141-2147' }), rec({ ...base, pages: '2142-2147', issue: '2' })])).toEqual([]);
    expect(grouped([rec({ ...base, pages: '2141-2147' }), rec({ ...base, pages: '2142-2148' })])).toEqual([]);
  });
  it('fields shifted by one (no volume, the volume as the issue, the issue as the page)', () => {
    const abstract = { ...base, title: 'The treatment of atypical haemolytic uraemic syndrome', journal: 'Pediatric Nephrology. Conference: 44th Annual Meeting', type: 'conference-abstract' };
    const a = rec({ ...abstract, volume: '', issue: '26', pages: '9' });
    const b = rec({ ...abstract, volume: '26', issue: '9', pages: '1746' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    // a page that is not the other's issue is still a page
    expect(grouped([rec({ ...abstract, volume: '', issue: '26', pages: '8' }), rec({ ...abstract, volume: '26', issue: '9', pages: '1746' })])).toEqual([]);
  });
  it('a short title in the same volume, issue and page range, the years one apart (online and print year)', () => {
    const short = { ...base, title: 'Haemolytic uraemic syndrome', journal: 'Nephron', volume: '118', issue: '1' };
    const a = rec({ ...short, pages: 'c37-c42', year: 2011 });
    const b = rec({ ...short, pages: '37-42', year: 2010 });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    // without the same range it stays a question for a person at most
    expect(grouped([rec({ ...short, pages: 'c37-c42', year: 2011 }), rec({ ...short, pages: '37-44', year: 2010 })])).toEqual([]);
  });
  it('a supplement written with and without its number ("Suppl", "Suppl 2") is one issue', () => {
    const a = rec({ ...base, title: 'Indicaciones y contraindicaciones de la donación renal de vivo', issue: 'SUPPL', authors: [{ family: 'Andres', given: 'A' }] });
    const b = rec({ ...base, title: 'Indications and contraindications for living kidney donation', issue: 'Suppl 2', authors: [{ family: 'Andres', given: 'A' }] });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    // two numbered supplements differ
    const c = rec({ ...base, title: 'Indications and contraindications for living kidney donation', issue: 'Suppl 3', authors: [{ family: 'Andres', given: 'A' }] });
    expect(grouped([rec({ ...base, title: 'Indicaciones y contraindicaciones de la donación renal de vivo', issue: 'Suppl 2', authors: [{ family: 'Andres', given: 'A' }] }), c])).toEqual([]);
  });
  it('a thesis and its Dissertation Abstracts entry: the extent ("215 p") is not a page, the index not a conference', () => {
    const thesis = { title: 'An intelligent rehabilitation system for cognitive rehabilitation', authors: [{ family: 'Yip', given: 'B C' }] };
    const a = rec({ ...thesis, type: 'thesis', year: 2011, pages: '215 p' });
    const b = rec({ ...thesis, year: 2012, journal: 'Dissertation Abstracts International: Section B: The Sciences and Engineering', volume: '73', issue: '3-B', pages: '1524' });
    const res = deduplicate([a, b]);
    expect(res.uncertain.map(([x, y]) => [x, y].sort())).toEqual([[a.id, b.id].sort()]);
  });
  it('a translated title in the same journal, volume, issue and page range, by the same authors', () => {
    const a = rec({ ...base, title: 'Plattformökonomie und Crowdworking als Herausforderungen für das deutsche Modell der Arbeitsbeziehungen' });
    const b = rec({ ...base, title: 'Platform economy and crowdworking as challenges for the German model of industrial relations' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('a translated title with the journal and issue written differently: same volume, page range, year and authors', () => {
    const authors = [{ family: 'Train', given: 'M' }, { family: 'Soulard', given: 'D' }, { family: 'Bouyer', given: 'I' }];
    const fr = { title: '[Comparison of amoxicillin and cefamandole in the prevention of bronchopulmonary infections in pulmonary surgery]', authors, year: 1994, journal: "Annales francaises d'anesthesie et de reanimation", volume: '13', issue: '3', pages: '280-284' };
    const en = { ...fr, title: 'Antibiotic prophylaxis in pulmonary surgery. A controlled double-blind study of amoxicillin versus cefamandole', journal: 'Ann Fr Anesth Reanim', issue: '' };
    const a = rec(fr);
    const b = rec(en);
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    // another range, another year, or one author only: not enough without the title
    for (const other of [{ pages: '280-285' }, { year: 1995 }]) expect(grouped([rec(fr), rec({ ...en, ...other })])).toEqual([]);
    expect(grouped([rec({ ...fr, authors: authors.slice(0, 1) }), rec({ ...en, authors: authors.slice(0, 1) })])).toEqual([]);
  });
  it('Greek letters and their names ("TNF-α", "TNF-alpha") are one spelling', () => {
    const authors = [{ family: 'Dinarello', given: 'C A' }, { family: 'Mier', given: 'J W' }];
    const a = rec({ title: 'Interleukin-1β and TNF-α in sepsis', authors, year: 2001 });
    const b = rec({ title: 'Interleukin-1beta and TNF-alpha in sepsis', authors, year: 2001 });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('a group author in one copy and a person in the other, same title, volume, page range and year', () => {
    const a = rec({ ...base, authors: [{ family: 'Group', given: 'ALTS' }], issue: '' });
    const b = rec({ ...base, authors: [{ family: 'Solomon', given: 'D' }], issue: '' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('several trailing database notes ("[Review] [33 refs]")', () => {
    const a = rec({ ...base, title: `${base.title}. [Review] [33 refs]` });
    const b = rec({ ...base, issue: '' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
});

describe('look-alike works stay apart', () => {
  it('a volume written with its part or supplement ("35 (Pt 1)", "60 (1 Supplement 1)") is the same volume', () => {
    const a = rec({ ...base, volume: '15 (Pt 1)', issue: '' });
    const b = rec({ ...base, title: base.title.toUpperCase() });
    const c = rec({ ...base, volume: '15 Suppl 1', issue: '' });
    expect(grouped([a, b, c])).toEqual([[a.id, b.id, c.id].sort()]);
    // its number still has to agree: "5 (Pt 1)" is not volume 15, nor "1 (15)"
    expect(grouped([rec({ ...base, volume: '5 (Pt 1)' }), rec({ ...base, volume: '1 (15)' }), rec({ ...base })])).toEqual([]);
  });
  it('a volume that is the record\'s year ("2017 (May)", a magazine without volumes) counts as no volume', () => {
    const a = rec({ ...base, volume: '2017 (May)', issue: '', pages: '' });
    const b = rec({ ...base, title: base.title.toUpperCase() });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    // a real volume that differs still keeps two records apart
    expect(grouped([rec({ ...base, volume: '2016' }), rec({ ...base })])).toEqual([]);
  });
  it('supplement pages numbered with the issue in roman numerals ("viii108") are the same pages', () => {
    // two copies of one abstract in a journal supplement
    const abstract = { ...base, volume: '19', issue: 'Suppl 8', type: 'conference-abstract' };
    const a = rec({ ...abstract, pages: 'viii108' });
    const b = rec({ ...abstract, pages: '108' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    expect(grouped([rec({ ...abstract, pages: 'viii108' }), rec({ ...abstract, pages: '109' })])).toEqual([]);
  });
  it('the same title and authors a year apart with no container (conference paper, then another venue) go to a person', () => {
    const a = rec({ ...base, journal: '', volume: '', issue: '', pages: '', year: 2017 });
    const b = rec({ ...base, journal: '', volume: '', issue: '', pages: '', year: 2018 });
    const res = deduplicate([a, b]);
    expect(res.groups).toEqual([]);
    expect(res.uncertain.map(([x, y]) => [x, y].sort())).toEqual([[a.id, b.id].sort()]);
  });
  it('a translated-looking pair on other pages stays apart', () => {
    const a = rec({ ...base, title: 'Plattformökonomie und Crowdworking als Herausforderungen' });
    const b = rec({ ...base, title: 'Platform economy and crowdworking as challenges', pages: '131-140' });
    expect(grouped([a, b])).toEqual([]);
  });
  it.each([
    ['an erratum', { title: `Erratum: ${base.title}`, pages: '200' }],
    ['a correction', { title: `Correction to: ${base.title}` }],
    ['a comment', { title: `Comment on: ${base.title}`, authors: [{ family: 'Other', given: 'A' }] }],
    ['a reply', { title: `Reply to ${base.title}`, authors: [{ family: 'Hoek', given: 'P D' }] }],
    ['the protocol of the trial', { title: 'Video consultations for patients with advanced cancer: study protocol for a randomised controlled trial', year: 2015, volume: '16', pages: '' }],
    ['a different part of a series', { title: `${base.title}. Part 2`, pages: '' }],
    ['a different DOI', { doi: '10.1186/other', pages: '' }, { doi: '10.1186/s12916-017-0866-9' }],
    ['another report of the same trial (different outcomes, pages)', { title: 'Video consultations for patients with advanced cancer: 12-month outcomes of a randomised controlled trial', pages: '301-309' }],
    ['a retraction notice', { title: `Retraction: ${base.title}` }],
    ['a correction notice as Web of Science titles it ("Title (vol 15, pg 119, 2017)")', { title: `${base.title} (vol 15, pg 119, 2017)`, pages: '' }],
    ['a correction notice as Embase titles it ("Title (BMC Medicine (2017) 15 (119-127))")', { title: `${base.title} (BMC Medicine (2017) 15 (119-127))`, pages: '' }],
    ['a reply titled as the letter with " - Reply" (Web of Science)', { title: `${base.title} - Reply`, pages: '' }],
  ])('%s', (_name, diff, own: Partial<BibRecord> = {}) => {
    const a = rec({ ...base, ...own });
    const b = rec({ ...base, ...diff });
    expect(grouped([a, b])).toEqual([]);
  });
  it('one correction notice as two databases title it is one notice', () => {
    const wos = rec({ ...base, title: `${base.title} (vol 15, pg 119, 2017)`, pages: '301' });
    const other = rec({ ...base, title: `Erratum: ${base.title}`, pages: '301' });
    expect(grouped([wos, other, rec({ ...base })])).toEqual([[wos.id, other.id].sort()]);
  });
  it('a title that merely ends in a parenthesis or in the word "reply" is no notice', () => {
    const a = rec({ ...base, title: 'Telehealth consultations in palliative care (the TELE-PAL study)' });
    const b = rec({ ...base, title: 'Telehealth consultations in palliative care (the TELE-PAL study)', issue: '' });
    const c = rec({ ...base, title: 'Patients who do not reply: non-response in palliative care surveys', pages: '301-309' });
    const d = rec({ ...base, title: 'Patients who do not reply: non-response in palliative care surveys', pages: '301-309', issue: '' });
    expect(grouped([a, b, c, d])).toEqual([[a.id, b.id].sort(), [c.id, d.id].sort()]);
  });
  it('an abstract printed on one page of the journal is the Embase "Journal. Conference: …" copy of it', () => {
    const embase = rec({ ...base, journal: 'BMC Medicine. Conference: 12th Annual Meeting', type: 'conference-abstract', volume: '', issue: '', pages: '' });
    const printed = rec({ ...base, pages: '119' });
    expect(grouped([embase, printed])).toEqual([[embase.id, printed.id].sort()]);
    // the full article (a page range), another year or another journal stays apart from the abstract
    for (const other of [{ pages: '119-127' }, { pages: '119', year: 2018 }, { pages: '119', journal: 'Palliative Medicine' }]) {
      expect(grouped([rec({ ...base, journal: 'BMC Medicine. Conference: 12th Annual Meeting', type: 'conference-abstract', volume: '', issue: '', pages: '' }), rec({ ...base, ...other })])).toEqual([]);
    }
  });
  it('a conference abstract and the article stay apart by default, and merge when asked', () => {
    const article = rec({ ...base, pages: '' });
    const abstract = rec({ ...base, journal: 'Journal of Clinical Oncology. Conference: ASCO Annual Meeting', type: 'conference-abstract', volume: '', issue: '', pages: '' });
    expect(deduplicate([article, abstract]).groups).toEqual([]);
    expect(deduplicate([article, abstract], { keepAbstractsApart: false }).groups).toHaveLength(1);
  });
  it('an editorial repeated in every issue, starting on the same page, is a different item in each issue', () => {
    const ed = { title: 'Editorial introduction', authors: [{ family: 'Zwass', given: 'V' }], year: 2009, journal: 'Journal of Management Information Systems', volume: '26' };
    // other issue, other last page; other issue, one page; other issue, the same page range
    for (const [x, y] of [[{ issue: '1', pages: '5-11' }, { issue: '2', pages: '5-7' }], [{ issue: '1', pages: '5-11' }, { issue: '2', pages: '5' }], [{ issue: '2', pages: '1-3' }, { issue: '4', pages: '1-3' }]]) {
      expect(grouped([rec({ ...ed, ...x }), rec({ ...ed, ...y, doi: '10.2753/mis0742-1222260200' })])).toEqual([]);
    }
    // the same issue and pages is one item
    const a = rec({ ...ed, issue: '2', pages: '5-7' });
    const b = rec({ ...ed, issue: '2', pages: '5-7', doi: '10.2753/mis0742-1222260200' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('an abbreviated page range ("2243-5") is the range written out ("2243-2245")', () => {
    const a = rec({ ...base, title: 'Intrapleural therapy', pages: '2243-5' });
    const b = rec({ ...base, title: 'Intrapleural therapy', pages: '2243-2245' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
    expect(grouped([rec({ ...base, title: 'Intrapleural therapy', pages: '2243-5' }), rec({ ...base, title: 'Intrapleural therapy', pages: '2243-2246' })])).toEqual([]);
  });
  it('R\'s missing-value marker ("NA", as R-written CSV files have it) is no issue', () => {
    const a = rec({ ...base, title: 'Intrapleural therapy', issue: 'NA' });
    const b = rec({ ...base, title: 'Intrapleural therapy', issue: '2' });
    expect(grouped([a, b])).toEqual([[a.id, b.id].sort()]);
  });
  it('recurring editorials with the same title are different items', () => {
    const eds = [1, 2, 3].map(() => rec({ title: "Editor's comments", authors: [{ family: 'Lee', given: 'A' }], year: 2000, journal: 'MIS Quarterly', volume: '24' }));
    expect(grouped(eds)).toEqual([]);
  });
  it('clusters with conflicting DOIs are not joined through a third record', () => {
    const a = rec({ ...base, doi: '10.1/a', pages: '' });
    const b = rec({ ...base, doi: '10.1/b', pages: '' });
    const bridge = rec({ ...base, pages: '' });
    const groups = grouped([a, b, bridge]);
    expect(groups.every((g) => !(g.includes(a.id) && g.includes(b.id)))).toBe(true);
  });
});

describe('human decisions and incremental deduplication', () => {
  it('keep-apart decisions are never re-decided, merge decisions are kept', () => {
    const a = rec({ ...base });
    const b = rec({ ...base, title: base.title.toUpperCase() });
    expect(deduplicate([a, b], { decisions: [{ a: a.id, b: b.id, verdict: 'keep-apart' }] }).groups).toEqual([]);
    const c = rec({ title: 'Completely different words here and there', year: 1999 });
    expect(grouped([a, c]).length).toBe(0);
    expect(deduplicate([a, c], { decisions: [{ a: a.id, b: c.id, verdict: 'merge' }] }).groups).toHaveLength(1);
  });
  it('a keep-apart verdict holds for the whole cluster a person merged its record into', () => {
    const a = rec({ title: 'Nurse-led telephone follow-up after palliative radiotherapy', year: 2015, authors: [{ family: 'Lee', given: 'K' }] });
    const c = rec({ ...base });
    const b = rec({ ...base, title: base.title.toUpperCase() });
    const res = deduplicate([a, b, c], { decisions: [{ a: a.id, b: c.id, verdict: 'merge' }, { a: a.id, b: b.id, verdict: 'keep-apart' }] });
    expect(res.groups.map((g) => [...g].sort())).toEqual([[a.id, c.id].sort()]);
  });
  it('a search update is deduplicated against what is there, with earlier decisions applied', () => {
    const first = [rec({ ...base }), rec({ ...base, title: base.title.toUpperCase() })];
    const decisions = [{ a: first[0]!.id, b: first[1]!.id, verdict: 'keep-apart' as const }];
    const update = rec({ ...base, title: `${base.title}.` });
    const res = deduplicate([...first, update], { decisions });
    // the update joins one of them, never both (they were kept apart by a person)
    expect(res.groups).toHaveLength(1);
    expect(res.groups[0]).toContain(update.id);
    expect(res.groups[0]!.includes(first[0]!.id) && res.groups[0]!.includes(first[1]!.id)).toBe(false);
  });
});

describe('the merged view keeps everything and can be undone', () => {
  it('most complete value per field, lists united, all sources kept with their databases', () => {
    const a = rec({ ...base, doi: '10.1/x', abstract: '', database: 'MEDLINE', mesh: ['Neoplasms'] });
    const b = rec({ ...base, doi: '10.1/x', abstract: 'Background: long abstract.', database: 'Embase', keywords: ['telehealth'], accession: ['L123'] });
    const m = mergeGroup([a, b]);
    expect(m.abstract).toBe('Background: long abstract.');
    expect(m.mesh).toEqual(['Neoplasms']);
    expect(m.keywords).toEqual(['telehealth']);
    expect(m.accession).toEqual(['L123']);
    expect(m.databases).toEqual(['MEDLINE', 'Embase']);
    expect(unmerge(m)).toEqual([a, b]);
  });
});

describe('bad input', () => {
  it('no titles, absurd years and an empty list give clear results', () => {
    expect(deduplicate([]).groups).toEqual([]);
    const res = deduplicate([rec({ title: '' }), rec({ title: '' }), rec({ ...base, year: 99999 }), rec({ ...base, year: -5 })]);
    expect(res.records).toBe(4);
    expect(res.groups).toEqual([]);
  });
  it('abstracts that each carry their supplement\'s DOI stay apart and do not fill the queue', () => {
    const titles = ['Patterns of glucose-lowering medication use in patients with diabetes and heart failure', 'DPP4 inhibition by linagliptin prevents heart failure with preserved ejection fraction', 'Cardiac effects of combined SGLT1/2 inhibition following myocardial infarction', 'Anti-atherogenic effects of liraglutide independent of the AMPK pathway', 'Liraglutide inhibits vascular smooth muscle cell proliferation'];
    const abstracts = titles.map((title, i) => rec({ title, authors: [{ family: `Author${i}`, given: 'A' }], year: 2017, journal: 'Diabetologia', volume: '60', issue: 'Suppl 1', pages: `S${200 + 37 * i}`, doi: '10.1007/s00125-017-4350-z' }));
    const res = deduplicate(abstracts);
    expect(res.groups).toEqual([]);
    expect(res.uncertain).toEqual([]);
    // a mistyped DOI in one database (different title, same pages and authors) is still a question
    const a = rec({ ...base, doi: '10.1/y' });
    const b = rec({ ...base, title: 'Telephone follow-up of carers in rural hospices', doi: '10.1/y' });
    expect(deduplicate([a, b]).uncertain.map(([x, y]) => [x, y].sort())).toEqual([[a.id, b.id].sort()]);
  });
  it('a DOI shared by 5,000 records (a journal DOI on every record) finishes quickly and merges nothing by itself', () => {
    const syllables = ['ka', 'lo', 'mi', 'ne', 'ra', 'ta', 'pe', 'si', 'vu', 'do', 're', 'an', 'el', 'or', 'is', 'tum'];
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 24;
    const word = () => [0, 1, 2].map(() => syllables[next() % 16]!).join('');
    const many = Array.from({ length: 5_000 }, (_, i) => rec({ title: Array.from({ length: 6 }, word).join(' '), authors: [{ family: `B${i}`, given: '' }], year: 2010, doi: '10.1000/journal' }));
    const t0 = Date.now();
    const res = deduplicate(many);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.groups).toEqual([]);
    expect(res.uncertain).toEqual([]);
  });
  it('10,000 records titled "Reply" finish quickly (blocks too big are not expanded)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => rec({ title: 'Reply', authors: [{ family: `A${i}`, given: '' }], year: 2000 + (i % 20) }));
    const t0 = Date.now();
    const res = deduplicate(many);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(res.groups).toEqual([]);
  });
});
