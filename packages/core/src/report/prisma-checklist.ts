/**
 * The PRISMA 2020 checklist (Page et al. 2021, BMJ 372:n71) beside a report: each item's section, topic
 * and what it asks (in brief), and where the report covers it — a link to the section — or that the
 * authors report it themselves. metasift writes the methods and results it has records for; the title,
 * abstract, introduction and discussion are the authors'.
 */
import { esc, htmlTable } from './html-page.js';

export interface ChecklistItem {
  readonly item: string;
  readonly section: string;
  readonly topic: string;
  /** What the item asks, in brief. */
  readonly asks: string;
}

const items = (section: string, topic: string, list: readonly (readonly [string, string])[]): ChecklistItem[] => list.map(([item, asks]) => ({ item, section, topic, asks }));

export const PRISMA_2020_ITEMS: readonly ChecklistItem[] = [
  ...items('Title', 'Title', [['1', 'Identify the report as a systematic review']]),
  ...items('Abstract', 'Abstract', [['2', 'A structured abstract (PRISMA 2020 for Abstracts)']]),
  ...items('Introduction', 'Rationale', [['3', 'The rationale in the context of existing knowledge']]),
  ...items('Introduction', 'Objectives', [['4', 'The objectives or questions addressed']]),
  ...items('Methods', 'Eligibility criteria', [['5', 'Inclusion and exclusion criteria and how studies were grouped for synthesis']]),
  ...items('Methods', 'Information sources', [['6', 'Every source searched or consulted, with the date of each']]),
  ...items('Methods', 'Search strategy', [['7', 'The full search strategies, with filters and limits']]),
  ...items('Methods', 'Selection process', [['8', 'How eligibility was decided: reviewers, independence, automation tools']]),
  ...items('Methods', 'Data collection process', [['9', 'How data were collected: reviewers, independence, confirmation, tools']]),
  ...items('Methods', 'Data items', [
    ['10a', 'The outcomes for which data were sought'],
    ['10b', 'The other variables for which data were sought, and assumptions about missing information'],
  ]),
  ...items('Methods', 'Study risk of bias assessment', [['11', 'The tools used, the reviewers, their independence and any automation']]),
  ...items('Methods', 'Effect measures', [['12', 'The effect measure of each outcome']]),
  ...items('Methods', 'Synthesis methods', [
    ['13a', 'How studies were chosen for each synthesis'],
    ['13b', 'How data were prepared for synthesis (missing statistics, conversions)'],
    ['13c', 'How results were tabulated or displayed'],
    ['13d', 'The synthesis methods and their rationale; models, heterogeneity, software'],
    ['13e', 'How causes of heterogeneity were explored'],
    ['13f', 'Sensitivity analyses'],
  ]),
  ...items('Methods', 'Reporting bias assessment', [['14', 'How the risk of bias from missing results was assessed']]),
  ...items('Methods', 'Certainty assessment', [['15', 'How certainty in the body of evidence was assessed']]),
  ...items('Results', 'Study selection', [
    ['16a', 'The search and selection results, ideally with a flow diagram'],
    ['16b', 'Studies that seemed eligible but were excluded, with reasons'],
  ]),
  ...items('Results', 'Study characteristics', [['17', 'Each included study, with its characteristics']]),
  ...items('Results', 'Risk of bias in studies', [['18', 'The risk of bias of each included study']]),
  ...items('Results', 'Results of individual studies', [['19', 'Each study’s summary statistics and effect estimate with its precision, per outcome']]),
  ...items('Results', 'Results of syntheses', [
    ['20a', 'The characteristics and risk of bias of the studies in each synthesis'],
    ['20b', 'The result of each synthesis with its precision and heterogeneity'],
    ['20c', 'Investigations of possible causes of heterogeneity'],
    ['20d', 'Sensitivity analyses'],
  ]),
  ...items('Results', 'Reporting biases', [['21', 'The risk of bias from missing results, per synthesis']]),
  ...items('Results', 'Certainty of evidence', [['22', 'The certainty in the evidence for each outcome']]),
  ...items('Discussion', 'Discussion', [
    ['23a', 'Interpretation in the context of other evidence'],
    ['23b', 'Limitations of the evidence'],
    ['23c', 'Limitations of the review processes'],
    ['23d', 'Implications for practice, policy and research'],
  ]),
  ...items('Other information', 'Registration and protocol', [
    ['24a', 'The registration, or that the review was not registered'],
    ['24b', 'Where the protocol can be found, or that none was prepared'],
    ['24c', 'Amendments to the registration or protocol'],
  ]),
  ...items('Other information', 'Support', [['25', 'Sources of support and the funders’ role']]),
  ...items('Other information', 'Competing interests', [['26', 'The authors’ competing interests']]),
  ...items('Other information', 'Availability of data, code and other materials', [['27', 'Which data, code and materials are public, and where']]),
];

/** Where the report covers an item: the section's anchor (without '#') and its heading. */
export type ChecklistLocations = Readonly<Record<string, { readonly anchor: string; readonly heading: string }>>;

/** The checklist as an HTML section: every item, linked to the report's section where it has one. */
export function checklistSection(locations: ChecklistLocations): string {
  const covered = PRISMA_2020_ITEMS.filter((i) => locations[i.item]).length;
  const rows = PRISMA_2020_ITEMS.map((i) => {
    const at = locations[i.item];
    return [esc(i.section), esc(i.topic), esc(i.item), esc(i.asks), at ? `<a href="#${esc(at.anchor)}">${esc(at.heading)}</a>` : 'for the authors to report'];
  });
  return `<h2 id="prisma-checklist">PRISMA 2020 checklist</h2>\n<p>This report covers ${covered} of the ${PRISMA_2020_ITEMS.length} items from the review's records; the others (title, abstract, introduction, discussion, funding and the like) are the authors' to write. The items are given in brief: see the PRISMA 2020 statement for their full wording.</p>\n${htmlTable(['Section', 'Topic', 'Item', 'Asks for', 'Location in this report'], rows)}`;
}
