import { describe, expect, it } from 'vitest';
import { listOf, longDate, selectionText, type SelectionTextInput } from './selection-text.js';

const base: SelectionTextInput = {
  searches: [
    { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-03-01', records: 182 },
    { database: 'Embase', platform: 'Ovid', searchedOn: '2024-03-02', records: 150 },
    { database: 'CENTRAL', platform: 'Cochrane Library', searchedOn: null, records: 66 },
  ],
  counts: {
    databases: [
      { name: 'MEDLINE', n: 182 },
      { name: 'Embase', n: 150 },
      { name: 'CENTRAL', n: 66 },
    ],
    removed: { duplicates: 139 },
    screened: 259,
    excluded: 230,
    sought: 29,
    not_retrieved: 1,
    assessed: 28,
    excluded_reasons: [
      { reason: 'Wrong population', n: 10 },
      { reason: 'Wrong design', n: 0 },
      { reason: 'Not telehealth', n: 6 },
    ],
    included_studies: 12,
    included_reports: 14,
  },
  reviewersPerRecord: 2,
  blinding: true,
  order: 'random',
  maybeCountsAsInclude: true,
  agreement: { title_abstract: [{ n: 259, agreement: 0.9306, kappa: 0.6612, ci: [0.52, 0.8] }], full_text: [] },
  stopping: null,
};
const text = (input: SelectionTextInput, item: string): string => selectionText(input).find((p) => p.item === item)!.text;

describe('selectionText', () => {
  it('names each source with its platform and date (item 6)', () => {
    expect(text(base, '6')).toBe(
      'We searched MEDLINE via PubMed (searched on 1 March 2024), Embase via Ovid (searched on 2 March 2024) and CENTRAL via Cochrane Library (date of search not recorded). The full search strategies are given in the appendix.',
    );
    const update = { ...base, searches: [base.searches[0]!, { ...base.searches[0]!, searchedOn: '2025-01-15', records: 20 }] };
    expect(text(update, '6')).toBe('We searched MEDLINE via PubMed (2 searches, last on 15 January 2025). The full search strategies are given in the appendix.');
    expect(text({ ...base, searches: [] }, '6')).toBe('No database search has been recorded yet.');
  });
  it('describes dual blinded screening, maybe, reasons and the order (item 8)', () => {
    const t = text(base, '8');
    expect(t).toContain('Two reviewers screened each title and abstract, and then the full text of each report retained, independently and blinded to each other’s decisions; disagreements were resolved by the review’s owner or a third reviewer who had not screened the record.');
    expect(t).toContain('Records marked “maybe” at title and abstract went forward to full-text assessment.');
    expect(t).toContain('seeded random order');
    const single = text({ ...base, reviewersPerRecord: 1, blinding: false, maybeCountsAsInclude: false, order: 'relevance' }, '8');
    expect(single).toMatch(/^One reviewer screened each title and abstract/);
    expect(single).not.toContain('maybe');
    expect(single).toContain('order of predicted relevance');
  });
  it('puts the diagram’s numbers in words, with per-database counts, reasons and agreement (item 16a)', () => {
    expect(text(base, '16a')).toBe(
      'The searches found 398 records (MEDLINE 182, Embase 150 and CENTRAL 66); after 139 duplicates were removed, 259 records were screened by title and abstract and 230 excluded. ' +
        'Of 29 reports sought for retrieval, 1 could not be retrieved; 28 reports were assessed for eligibility and 16 excluded (wrong population, 10; not telehealth, 6). ' +
        '12 studies (14 reports) were included. ' +
        "At title and abstract screening the two reviewers agreed on 93.1% over 259 records (Cohen's κ 0.66, 95% CI 0.52 to 0.80).",
    );
  });
  it('gets singulars, thousands and empty stages right', () => {
    const one: SelectionTextInput = {
      ...base,
      counts: { ...base.counts, databases: [{ name: 'MEDLINE', n: 4232 }], removed: { duplicates: 1 }, screened: 1, included_studies: 1, included_reports: 1, excluded_reasons: [] },
      agreement: { title_abstract: [{ n: 0, agreement: 0, kappa: null, ci: [null, null] }], full_text: [{ n: 3, agreement: 1, kappa: null, ci: [null, null] }] },
    };
    const t = text(one, '16a');
    expect(t).toContain('The searches found 4,232 records; after 1 duplicate was removed, 1 record was screened');
    expect(t).toContain('1 study was included.');
    expect(t).toContain("At full-text screening the two reviewers agreed on 100.0% over 3 reports (Cohen's κ not estimable).");
    expect(t).not.toContain('At title and abstract');
  });
  it('reports the stopping rule while it runs and when it fired', () => {
    const sampling = { recallTarget: 0.95, confidence: 0.95, poolAtSample: 120, sampled: 40, sampledRelevant: 0, sampling: true };
    const running = { ...base, order: 'relevance' as const, stopping: { ...sampling, decision: { stop: false, pValue: 0.21 } } };
    expect(text(running, '8')).toContain('a random sample of the 120 records not yet screened, tested after each decision against the hypothesis that recall was below 95% (Callaghan and Müller-Hansen 2020), to stop once it was rejected with 95% confidence.');
    expect(text(running, '16a')).toContain("The stopping rule's random sample has reached 40 of 120 records (0 relevant); recall below 95% is not yet rejected (p = 0.210).");
    const stopped = { ...running, stopping: { ...sampling, sampled: 58, decision: { stop: true, pValue: 0.0004 } } };
    expect(text(stopped, '16a')).toContain('Title and abstract screening stopped after a random sample of 58 of the 120 records not screened in relevance order held 0 relevant; recall below 95% was rejected (p < 0.001), and the records not sampled were not screened.');
    expect(text(base, '16a')).not.toContain('stopp');
  });
  it('says first when screening is not finished, and not when the stopping rule ended it', () => {
    const progress = { title_abstract: { total: 259, remaining: 40, conflicts: 1 }, full_text: { total: 29, remaining: 29, conflicts: 0 } };
    expect(text({ ...base, progress }, '16a')).toMatch(
      /^Screening is not finished: 40 of 259 records await decisions at title and abstract, 1 conflict at title and abstract awaits resolution and 29 of 29 reports await decisions at full text; the numbers below are those recorded so far\. The searches found/,
    );
    const done = { title_abstract: { total: 259, remaining: 0, conflicts: 0 }, full_text: { total: 29, remaining: 0, conflicts: 0 } };
    expect(text({ ...base, progress: done }, '16a')).toMatch(/^The searches found/);
    const stopped = {
      ...base,
      progress: { ...done, title_abstract: { total: 259, remaining: 120, conflicts: 0 } },
      stopping: { recallTarget: 0.95, confidence: 0.95, poolAtSample: 150, sampled: 30, sampledRelevant: 0, sampling: true, decision: { stop: true, pValue: 0.01 } },
    };
    expect(text(stopped, '16a')).toMatch(/^The searches found/);
  });
  it('names trial registers and other methods apart, and follows the records only other methods found (items 6 and 16a)', () => {
    const input: SelectionTextInput = {
      ...base,
      searches: [...base.searches, { database: 'ClinicalTrials.gov', source: 'register', searchedOn: '2024-03-03', records: 20 }, { database: 'Citation searching', source: 'other', searchedOn: '2024-05-01', records: 9 }],
      counts: {
        ...base.counts,
        registers: [{ name: 'ClinicalTrials.gov', n: 20 }],
        other: { sources: [{ name: 'Citation searching', n: 9 }], sought: 4, not_retrieved: 1, assessed: 3, excluded_reasons: [{ reason: 'Wrong population', n: 1 }] },
      },
    };
    expect(text(input, '6')).toBe(
      'We searched MEDLINE via PubMed (searched on 1 March 2024), Embase via Ovid (searched on 2 March 2024) and CENTRAL via Cochrane Library (date of search not recorded). We searched the trial register ClinicalTrials.gov (searched on 3 March 2024). Other methods: Citation searching (searched on 1 May 2024). The full search strategies are given in the appendix.',
    );
    const results = text(input, '16a');
    expect(results).toContain('The searches found 418 records (MEDLINE 182, Embase 150, CENTRAL 66 and ClinicalTrials.gov 20)');
    expect(results).toContain('Other methods identified 9 records (Citation searching); of the 4 reports they alone found that were sought for retrieval, 1 could not be retrieved, 3 were assessed for eligibility and 1 excluded (wrong population, 1).');
  });

  it('formats dates and lists', () => {
    expect(longDate('2024-12-31')).toBe('31 December 2024');
    expect(longDate('spring 2024')).toBe('spring 2024');
    expect([listOf([]), listOf(['a']), listOf(['a', 'b']), listOf(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });
});
