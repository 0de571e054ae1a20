/**
 * The whole review as one static HTML page in PRISMA 2020's order: the protocol, the flow diagram and the
 * methods and selection text, the characteristics of the included studies (item 17), their risk of bias
 * (18), each outcome's synthesis with its forest plot (20), the effect directions and themes of the
 * narrative synthesis, the certainty of evidence (22), the excluded reports (16b), the search strategies
 * (7), the R script that reproduces every number of the meta-analyses, and the PRISMA 2020 checklist
 * linked to the sections that cover its items. No script, every text escaped;
 * printed from a browser it is the PDF report. Pure: the caller gathers the parts.
 */
import type { DataTable } from '../analysis/table.js';
import type { SignTest } from '../extraction/direction.js';
import type { ResultsTable } from '../extraction/results-table.js';
import { SOF_RISK_NOTE } from '../grade/absolute-effects.js';
import type { AbstractPart } from './abstract.js';
import { esc, htmlPage, htmlTable, itemHeading } from './html-page.js';
import { excludedSection, searchesSection, type SelectionHtmlInput } from './selection-html.js';
import type { ReportParagraph } from './selection-text.js';
import { checklistSection, type ChecklistLocations } from './prisma-checklist.js';

export interface ReviewReportInput {
  readonly title: string;
  readonly protocol: {
    readonly question: string;
    readonly pico: { readonly population: string; readonly intervention: string; readonly comparator: string; readonly outcomes: string };
    readonly registryId: string;
    /** Eligibility criteria (item 5), when the protocol has them. */
    readonly criteria?: readonly { readonly id: string; readonly kind: string; readonly text: string }[];
    /** The outcomes with the direction that is good and the effect measure (items 10a and 12). */
    readonly outcomes?: readonly { readonly name: string; readonly direction: string; readonly measure: string }[];
  };
  /** The structured abstract's draft (item 2), first in the page. */
  readonly abstract?: readonly AbstractPart[];
  readonly prismaSvg: string;
  /** Items 6, 8, 9, 11 and 16a. */
  readonly paragraphs: readonly ReportParagraph[];
  readonly characteristics: DataTable | null;
  readonly rob: readonly { readonly tool: string; readonly trafficSvg: string; readonly summarySvg: string }[];
  /** Per protocol outcome: the synthesis methods (13d) and results text and the forest plot, or why there is none. */
  readonly outcomes: readonly {
    readonly name: string;
    readonly paragraphs: readonly ReportParagraph[];
    readonly forestSvg: string | null;
    /** The cumulative meta-analysis's forest plot, when the analysis of record runs one. */
    readonly cumulativeSvg?: string | null;
    /** The funnel plot and the small-study and selection analyses (report/small-study-table.ts), for a model without moderators. */
    readonly funnelSvg?: string | null;
    readonly bias?: { readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] } | null;
    /** Why there is no synthesis, or what could not be rerun; shown after the results ('' for nothing to say). */
    readonly note: string;
  }[];
  /** The results of individual studies, a table per outcome (item 19); absent or empty when none has final data. */
  readonly results?: readonly ResultsTable[];
  readonly directions: {
    readonly svg: string;
    readonly signTests: readonly SignTest[];
    /** When the studies are grouped for synthesis (SWiM item 1): by what, and each group's sign tests. */
    readonly grouping?: { readonly label: string; readonly groups: readonly { readonly group: string; readonly signTests: readonly SignTest[] }[] };
  } | null;
  readonly themes: readonly { readonly name: string; readonly description: string; readonly codes: readonly { readonly study: string; readonly excerpt: string }[] }[];
  /** Cochrane's columns: the anticipated absolute effects (risk with the comparator, with the intervention), the relative effect, studies, certainty, comments. */
  readonly summaryOfFindings: readonly {
    readonly outcome: string;
    readonly comparator: string;
    readonly intervention: string;
    readonly relative: string;
    readonly studies: string;
    readonly certainty: string;
    readonly comments: string;
  }[];
  readonly excluded: SelectionHtmlInput['excluded'];
  readonly searches: SelectionHtmlInput['searches'];
  /** Every outcome's R script, one after another. */
  readonly rScript: string;
  readonly generator: string;
}

const paragraph = (p: ReportParagraph): string => `${itemHeading(p.heading, p.item)}\n<p>${esc(p.text)}</p>`;
const pText = (p: number): string => (p < 0.001 ? '&lt; 0.001' : p.toFixed(3));

function protocolSection(p: ReviewReportInput['protocol']): string {
  const rows = [
    ['Question', p.question],
    ['Population', p.pico.population],
    ['Intervention', p.pico.intervention],
    ['Comparator', p.pico.comparator],
    ['Outcomes', p.pico.outcomes],
    ...(p.outcomes ?? []).map((o) => [`Outcome: ${o.name}`, `${o.direction} is better; effect measure ${o.measure}`]),
    ...(p.criteria ?? []).map((c) => [`${c.kind === 'exclusion' ? 'Exclusion' : 'Inclusion'} criterion ${c.id}`, c.text]),
    ['Registration', p.registryId || 'not registered'],
  ].filter(([, v]) => v);
  return `<h2 id="protocol">Protocol</h2>\n<table>\n<tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${esc(k!)}</th><td>${esc(v!)}</td></tr>`).join('\n')}\n</tbody>\n</table>`;
}

/** Item 2: the structured abstract as drafted from the records, each section's items in turn; the authors' parts marked. */
function abstractSection(parts: readonly AbstractPart[] | undefined): string {
  if (!parts?.length) return '';
  const sections = [...new Set(parts.map((p) => p.section))];
  const body = sections.map((section) => {
    const items = parts.filter((p) => p.section === section).map((p) => `<p${p.forAuthors ? ' class="for-authors"' : ''}><strong>${esc(p.label)}.</strong> ${esc(p.text)}</p>`);
    return `<h3>${esc(section)}</h3>\n${items.join('\n')}`;
  });
  return `${itemHeading('Abstract (draft, PRISMA 2020 for Abstracts)', '2')}\n<p>Written from the review's records; the parts marked for the authors are theirs to write.</p>\n${body.join('\n')}`;
}

/** Each outcome's synthesis methods (item 13d), one paragraph per analysed outcome. */
function methodsSection(input: ReviewReportInput): string {
  const parts = input.outcomes.flatMap((o) => o.paragraphs.filter((p) => p.item === '13d').map((p) => `<p><strong>${esc(o.name)}.</strong> ${esc(p.text)}</p>`));
  return parts.length ? `${itemHeading('Synthesis methods', '13d')}\n${parts.join('\n')}` : '';
}

/** Where this report covers PRISMA 2020 items, from what it holds. */
function locations(input: ReviewReportInput): ChecklistLocations {
  const at: Record<string, { anchor: string; heading: string }> = {};
  const put = (items: readonly string[], anchor: string, heading: string): void => items.forEach((i) => (at[i] ??= { anchor, heading }));
  const p = input.protocol;
  if (input.abstract?.length) put(['2'], 'item-2', 'Abstract (draft)');
  if (p.criteria?.length) put(['5'], 'protocol', 'Protocol: eligibility criteria');
  if (p.outcomes?.length) put(['10a', '12'], 'protocol', 'Protocol: outcomes and effect measures');
  put(['24a'], 'protocol', 'Protocol: registration');
  for (const x of input.paragraphs) put([x.item], `item-${x.item}`, x.heading);
  for (const x of input.outcomes.flatMap((o) => o.paragraphs.filter((p) => p.item === '13d'))) put(['13d', ...(x.covers ?? [])], 'item-13d', 'Synthesis methods');
  if (input.excluded.length) put(['16b'], 'item-16b', 'Reports excluded after full-text assessment');
  if (input.searches.length) put(['7'], 'item-7', 'Appendix: search strategies');
  if (input.characteristics?.rows.length) put(['17'], 'item-17', 'Characteristics of included studies');
  if (input.rob.length) put(['18'], 'item-18', 'Risk of bias in studies');
  if (input.results?.some((t) => t.rows.length)) put(['19'], 'item-19', 'Results of individual studies');
  const results = input.outcomes.flatMap((o) => o.paragraphs.map((x) => x.item));
  if (input.outcomes.some((o) => o.forestSvg)) put(['19', '20b'], 'item-20', 'Results of syntheses: forest plots');
  for (const item of ['20d', '21']) if (results.includes(item)) put([item], 'item-20', 'Results of syntheses');
  if (input.directions?.grouping) put(['13a'], 'item-13a', 'Narrative synthesis: grouping for synthesis');
  if (input.summaryOfFindings.length) put(['15', '22'], 'item-22', 'Certainty of evidence (GRADE)');
  if (input.rScript) put(['27'], 'r-script', 'Appendix: R script (analysis code)');
  return at;
}

/** Item 19: every study's result per outcome, pooled or not, with its effect, direction and risk of bias. */
function resultsSection(input: ReviewReportInput): string {
  const tables = (input.results ?? []).filter((t) => t.rows.length > 0);
  return tables.length ? `${itemHeading('Results of individual studies', '19')}\n${tables.map((t) => `<h3>${esc(t.outcome)}</h3>\n${htmlTable(t.columns, t.rows.map((r) => r.map(esc)))}`).join('\n')}` : '';
}

function synthesisSection(input: ReviewReportInput): string {
  const parts = input.outcomes.map((o) => {
    const results = o.paragraphs.filter((p) => p.item !== '13d');
    const body = [...results.map((p) => `<p>${esc(p.text)}</p>`), ...(o.note ? [`<p class="note">${esc(o.note)}</p>`] : [])].join('\n');
    const bias = o.bias ? `\n<h4>Small-study effects and selection</h4>\n${htmlTable(o.bias.columns, o.bias.rows.map((r) => r.map(esc)))}` : '';
    return `<h3>${esc(o.name)}</h3>\n${body}${o.forestSvg ? `\n<figure>${o.forestSvg}</figure>` : ''}${o.cumulativeSvg ? `\n<figure>${o.cumulativeSvg}</figure>` : ''}${o.funnelSvg ? `\n<figure>${o.funnelSvg}</figure>` : ''}${bias}`;
  });
  return parts.length ? `${itemHeading('Results of syntheses', '20')}\n${parts.join('\n')}` : '';
}

const signTestRow = (t: SignTest): string[] => [String(t.benefit), String(t.harm), String(t.none), t.benefit + t.harm > 0 ? pText(t.p) : '—'];
const SIGN_TEST_HEAD = ['Favour the intervention', 'Favour the comparator', 'No difference', 'p'];

function narrativeSection(input: ReviewReportInput): string {
  const out: string[] = [];
  const d = input.directions;
  if (d) {
    const grouped = d.grouping
      ? ` Studies are grouped for synthesis by ${esc(d.grouping.label.toLowerCase())}, as the protocol planned, with a sign test within each group (studies with no value under "Not reported").`
      : '';
    out.push(
      `<h3 id="item-13a">Effect direction</h3>
<p>Vote counting by direction of effect (SWiM): each study's result for each outcome, favouring the intervention or the comparator, whatever its confidence interval; an exact two-sided sign test per outcome.${grouped}</p>
<figure>${d.svg}</figure>`,
      htmlTable(['Outcome', ...SIGN_TEST_HEAD], d.signTests.map((t) => [esc(t.outcome), ...signTestRow(t)]), [1, 2, 3, 4]),
    );
    if (d.grouping) {
      const rows = d.grouping.groups.flatMap((g) => g.signTests.filter((t) => t.benefit + t.harm + t.none > 0).map((t) => [esc(g.group), esc(t.outcome), ...signTestRow(t)]));
      out.push(htmlTable([d.grouping.label, 'Outcome', ...SIGN_TEST_HEAD], rows, [2, 3, 4, 5]));
    }
  }
  for (const t of input.themes) {
    out.push(`<h3>Theme: ${esc(t.name)}</h3>${t.description ? `\n<p>${esc(t.description)}</p>` : ''}\n<ul>${t.codes.map((c) => `<li><strong>${esc(c.study)}:</strong> ${esc(c.excerpt)}</li>`).join('')}</ul>`);
  }
  return out.length ? `<h2>Narrative synthesis</h2>\n${out.join('\n')}` : '';
}

export function reviewReportHtml(input: ReviewReportInput): string {
  const ch = input.characteristics;
  const body = [
    abstractSection(input.abstract),
    protocolSection(input.protocol),
    `<h2>PRISMA 2020 flow diagram</h2>\n<figure>${input.prismaSvg}</figure>`,
    ...input.paragraphs.map(paragraph),
    methodsSection(input),
    ch && ch.rows.length ? `${itemHeading('Characteristics of included studies', '17')}\n${htmlTable(ch.columns, ch.rows.map((r) => r.map(esc)))}` : '',
    input.rob.length ? `${itemHeading('Risk of bias in studies', '18')}\n${input.rob.map((r) => `<h3>${esc(r.tool)}</h3>\n<figure>${r.trafficSvg}</figure>\n<figure>${r.summarySvg}</figure>`).join('\n')}` : '',
    resultsSection(input),
    synthesisSection(input),
    narrativeSection(input),
    input.summaryOfFindings.length
      ? `${itemHeading('Certainty of evidence (GRADE): summary of findings', '22')}\n${htmlTable(
          ['Outcome', 'Risk with comparator', 'Risk with intervention (95% CI)', 'Relative effect (95% CI)', 'Studies (participants)', 'Certainty', 'Comments'],
          input.summaryOfFindings.map((r) => [esc(r.outcome), esc(r.comparator || '—'), esc(r.intervention || '—'), esc(r.relative || '—'), esc(r.studies), esc(r.certainty), esc(r.comments)]),
        )}\n<p>${esc(SOF_RISK_NOTE)}</p>`
      : '',
    excludedSection(input.excluded),
    searchesSection(input.searches),
    input.rScript ? `<h2 id="r-script">Appendix: R script</h2>\n<p>It reproduces every number of the meta-analyses above with R's metafor and checks each against metasift's.</p>\n<details><summary>The script</summary>\n<pre>${esc(input.rScript)}</pre></details>` : '',
    checklistSection(locations(input)),
  ];
  return htmlPage(input.title, body.filter(Boolean).join('\n'), input.generator);
}
