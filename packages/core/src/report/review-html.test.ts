import { describe, expect, it } from 'vitest';
import { reviewReportHtml, type ReviewReportInput } from './review-html.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

const input: ReviewReportInput = {
  title: 'Telehealth & palliative care',
  protocol: {
    question: 'Does telehealth help?',
    pico: { population: 'adults with advanced cancer', intervention: 'telehealth', comparator: '', outcomes: 'QoL' },
    registryId: 'CRD42020123456',
    criteria: [{ id: 'I1', kind: 'inclusion', text: 'Adults with advanced cancer' }],
    outcomes: [{ name: 'Quality of life', direction: 'higher', measure: 'SMD' }],
  },
  prismaSvg: '<svg id="prisma"></svg>',
  paragraphs: [{ item: '6', heading: 'Information sources', text: 'We searched MEDLINE.' }],
  characteristics: { columns: ['Study', 'Mode of delivery'], rows: [[`Smith ${HOSTILE}`, 'video']] },
  rob: [{ tool: 'RoB 2', trafficSvg: '<svg id="traffic"></svg>', summarySvg: '<svg id="summary"></svg>' }],
  outcomes: [
    {
      name: 'Quality of life',
      paragraphs: [
        { item: '13d', heading: 'Synthesis methods', text: 'We pooled SMDs with a random-effects model. Small-study effects were assessed with Egger’s test.', covers: ['14'] },
        { item: '20b', heading: 'Results', text: 'Across 2 studies, the pooled SMD was 0.94.' },
      ],
      forestSvg: '<svg id="forest"></svg>',
      note: '',
    },
    { name: 'Depression', paragraphs: [], forestSvg: null, note: 'No study with final data.' },
  ],
  directions: { svg: '<svg id="direction"></svg>', signTests: [{ outcome: 'Quality of life', benefit: 2, harm: 0, none: 0, p: 0.5 }] },
  themes: [{ name: 'Connectivity', description: '', codes: [{ study: 'Smith 2020', excerpt: `Lost the link ${HOSTILE}` }] }],
  summaryOfFindings: [{ outcome: 'Quality of life', comparator: '', intervention: 'SMD 0.94 higher (0.56 higher to 1.33 higher)', relative: '', studies: '2 (162)', certainty: '⊕⊕⊕◯ MODERATE', comments: 'A large effect by Cochrane’s rule of thumb. Imprecision (−1): 162 participants.' }],
  excluded: [{ study: 'Doe 2019', title: 'Telephone', reason: 'Wrong outcomes' }],
  searches: [{ database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-03-01', records: 120, strategy: 'telehealth AND cancer' }],
  rScript: 'library(metafor)\nx <- 1 < 2',
  generator: 'metasift test',
};

describe('reviewReportHtml', () => {
  it('puts the review in PRISMA 2020 order, from the protocol to the R script', () => {
    const html = reviewReportHtml(input);
    const order = ['<h2 id="protocol">Protocol</h2>', 'id="prisma"', 'Information sources', 'item 17', 'id="traffic"', 'item 20', 'id="forest"', 'No study with final data.', 'id="direction"', 'Theme: Connectivity', 'item 22', '⊕⊕⊕◯ MODERATE', 'item 16b', 'item 7', 'Appendix: R script'];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<td>CRD42020123456</td>');
    expect(html).not.toContain('Comparator'); // empty PICO parts are left out
    expect(html).toContain('x &lt;- 1 &lt; 2');
  });

  it('ends with the PRISMA 2020 checklist, each item the report covers linked to its section', () => {
    const html = reviewReportHtml(input);
    const checklist = html.slice(html.indexOf('<h2 id="prisma-checklist">'));
    expect(checklist).toContain('This report covers 16 of the 42 items');
    const row = (item: string): string => checklist.match(new RegExp(`<tr><td>[^<]*</td><td>[^<]*</td><td>${item}</td>.*?</tr>`))![0];
    expect(row('5')).toContain('<a href="#protocol">Protocol: eligibility criteria</a>');
    expect(row('13d')).toContain('<a href="#item-13d">Synthesis methods</a>');
    expect(row('14')).toContain('<a href="#item-13d">');
    expect(row('13f')).toContain('for the authors to report');
    expect(row('1')).toContain('for the authors to report');
    // every link has its target in the page
    for (const [, anchor] of checklist.matchAll(/href="#([^"]+)"/g)) expect(html).toContain(`id="${anchor}"`);
    // the methods paragraph sits under item 13d, not in the outcome's results
    expect(html.indexOf('We pooled SMDs')).toBeLessThan(html.indexOf('<h3>Quality of life</h3>'));
  });

  it('escapes every text and has no script', () => {
    const html = reviewReportHtml(input);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('Smith &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<title>Telehealth &amp; palliative care</title>');
    expect(html).not.toMatch(/<script/i);
  });

  it("shows an outcome's note beside its results, e.g. an analysis of record that could not be rerun", () => {
    const [qol, depression] = input.outcomes;
    const html = reviewReportHtml({ ...input, outcomes: [{ ...qol!, note: 'The analysis of record could not be rerun.' }, depression!] });
    expect(html).toMatch(/Across 2 studies, the pooled SMD was 0\.94\.<\/p>\n<p class="note">The analysis of record could not be rerun\.<\/p>/);
    expect(reviewReportHtml(input)).not.toContain('<p class="note"></p>');
  });

  it('leaves out what the review does not have yet', () => {
    const html = reviewReportHtml({ ...input, characteristics: null, rob: [], outcomes: [], directions: null, themes: [], summaryOfFindings: [], excluded: [], rScript: '' });
    for (const absent of ['item 17', 'item 18', 'item 20', 'Narrative synthesis', 'item 22', 'item 16b', 'R script']) expect(html).not.toContain(absent);
  });

  it('tabulates the results of individual studies under item 19, before the syntheses, and links the checklist to it', () => {
    const results = [
      { outcome: 'Quality of life', columns: ['Study', 'Result as reported', 'SMD (95% CI)'], rows: [[`Kidd ${HOSTILE}`, 'Median 70 vs 62, p = 0.03', 'not estimable']] },
      { outcome: 'Depression', columns: ['Study'], rows: [] },
    ];
    const html = reviewReportHtml({ ...input, results });
    const at = ['item 18', 'item 19', 'Median 70 vs 62', 'item 20'].map((x) => html.indexOf(x));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('Kidd &lt;img');
    // an outcome no study reports gets no empty table
    expect(html.slice(html.indexOf('item 19'), html.indexOf('item 20'))).not.toContain('Depression');
    const checklist = html.slice(html.indexOf('<h2 id="prisma-checklist">'));
    expect(checklist).toMatch(/<td>19<\/td>.*?<a href="#item-19">Results of individual studies<\/a>/);
    expect(reviewReportHtml({ ...input, results: [results[1]!] })).not.toContain('item 19');
  });

  it('groups the effect directions as the protocol plans, with a sign test per group, and links item 13a to it', () => {
    const test = (outcome: string, benefit: number, harm: number, p: number) => ({ outcome, benefit, harm, none: 0, p });
    const grouping = { label: `Mode ${HOSTILE}`, groups: [{ group: 'video', signTests: [test('Quality of life', 2, 0, 0.5), test('Depression', 0, 0, 1)] }, { group: 'Not reported', signTests: [test('Quality of life', 0, 1, 1)] }] };
    const html = reviewReportHtml({ ...input, directions: { ...input.directions!, grouping } });
    const narrative = html.slice(html.indexOf('<h2>Narrative synthesis</h2>'), html.indexOf('Theme: Connectivity'));
    expect(narrative).toContain('grouped for synthesis by mode &lt;img');
    // one row per group and outcome with a study; an outcome no study of the group reports is left out
    const rows = [...narrative.slice(narrative.lastIndexOf('<table>')).matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><td class="n">(\d+)<\/td><td class="n">(\d+)<\/td>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([['video', 'Quality of life', '2', '0'], ['Not reported', 'Quality of life', '0', '1']]);
    expect(html).not.toContain(HOSTILE);
    const checklist = html.slice(html.indexOf('<h2 id="prisma-checklist">'));
    expect(checklist).toMatch(/<td>13a<\/td>.*?<a href="#item-13a">Narrative synthesis: grouping for synthesis<\/a>/);
    expect(reviewReportHtml(input)).not.toContain('href="#item-13a"');
  });

  it('lays the Summary of findings out in Cochrane’s columns, a dash where an outcome has no such effect', () => {
    const html = reviewReportHtml(input);
    const sof = html.slice(html.indexOf('item 22'), html.indexOf('item 16b'));
    expect([...sof.matchAll(/<th scope="col">([^<]+)<\/th>/g)].map((m) => m[1])).toEqual(['Outcome', 'Risk with comparator', 'Risk with intervention (95% CI)', 'Relative effect (95% CI)', 'Studies (participants)', 'Certainty', 'Comments']);
    expect(sof).toContain('<tr><td>Quality of life</td><td>—</td><td>SMD 0.94 higher (0.56 higher to 1.33 higher)</td><td>—</td><td>2 (162)</td>');
    expect(sof).toContain('the study population');
  });

  it('opens with the drafted abstract under item 2, the authors’ parts marked, and links the checklist to it', () => {
    const abstract = [
      { section: 'Background', label: 'Objectives', text: `Does ${HOSTILE} help?` },
      { section: 'Methods', label: 'Risk of bias', text: 'Assessed with RoB 2.' },
      { section: 'Discussion', label: 'Interpretation', text: 'For the authors to write.', forAuthors: true },
    ];
    const html = reviewReportHtml({ ...input, abstract });
    expect(html.indexOf('id="item-2"')).toBeLessThan(html.indexOf('<h2 id="protocol">'));
    expect(html).toContain('<h3>Methods</h3>\n<p><strong>Risk of bias.</strong> Assessed with RoB 2.</p>');
    expect(html).toContain('<p class="for-authors"><strong>Interpretation.</strong> For the authors to write.</p>');
    expect(html).not.toContain(HOSTILE);
    const checklist = html.slice(html.indexOf('<h2 id="prisma-checklist">'));
    expect(checklist).toMatch(/<td>2<\/td>.*?<a href="#item-2">Abstract \(draft\)<\/a>/);
    expect(reviewReportHtml(input)).not.toContain('id="item-2"');
  });

  it('shows an outcome’s cumulative forest plot after its forest plot when the analysis of record runs one', () => {
    const outcomes = [{ ...input.outcomes[0]!, cumulativeSvg: '<svg id="cumulative"></svg>' }, input.outcomes[1]!];
    const html = reviewReportHtml({ ...input, outcomes });
    expect(html.indexOf('id="forest"')).toBeLessThan(html.indexOf('id="cumulative"'));
    expect(html.indexOf('id="cumulative"')).toBeLessThan(html.indexOf('<h3>Depression</h3>'));
    expect(reviewReportHtml(input)).not.toContain('id="cumulative"');
  });

  it('follows an outcome’s forest plot with its funnel plot and the small-study and selection table', () => {
    const bias = { columns: ['Method', 'SMD (95% CI)', 'Test', 'p'], rows: [['Selection model (step at one-sided p = 0.025; δ = 0.64)', '0.54 (0.32 to 0.90)', 'LRT χ²(1) = 0.24', 'p = 0.62'], ['<b>', '—', '—', '—']] };
    const outcomes = [{ ...input.outcomes[0]!, funnelSvg: '<svg id="funnel"></svg>', bias }, input.outcomes[1]!];
    const html = reviewReportHtml({ ...input, outcomes });
    expect(html.indexOf('id="forest"')).toBeLessThan(html.indexOf('id="funnel"'));
    const table = html.slice(html.indexOf('<h4>Small-study effects and selection</h4>'));
    expect(html.indexOf('id="funnel"')).toBeLessThan(html.indexOf('<h4>Small-study effects and selection</h4>'));
    expect(table).toMatch(/^<h4>Small-study effects and selection<\/h4>\n<table>\n<thead><tr><th scope="col">Method<\/th>/);
    expect(table).toContain('<td>Selection model (step at one-sided p = 0.025; δ = 0.64)</td><td>0.54 (0.32 to 0.90)</td>');
    expect(table).toContain('<td>&lt;b&gt;</td>');
    expect(html.indexOf('<h4>Small-study effects and selection</h4>')).toBeLessThan(html.indexOf('<h3>Depression</h3>'));
    expect(reviewReportHtml(input)).not.toContain('Small-study effects and selection');
  });
});
