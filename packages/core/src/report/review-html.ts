/**
 * The whole review as one static HTML page in PRISMA 2020's order: the protocol, the flow diagram and the
 * methods and selection text, the characteristics of the included studies (item 17), their risk of bias
 * (18), each outcome's synthesis with its forest plot (20), the effect directions and themes of the
 * narrative synthesis, the certainty of evidence (22), the excluded reports (16b), the search strategies
 * (7) and the R script that reproduces every number of the meta-analyses. No script, every text escaped;
 * printed from a browser it is the PDF report. Pure: the caller gathers the parts.
 */
import type { DataTable } from '../analysis/table.js';
import type { SignTest } from '../extraction/direction.js';
import { esc, htmlPage, htmlTable, itemHeading } from './html-page.js';
import { excludedSection, searchesSection, type SelectionHtmlInput } from './selection-html.js';
import type { ReportParagraph } from './selection-text.js';

export interface ReviewReportInput {
  readonly title: string;
  readonly protocol: {
    readonly question: string;
    readonly pico: { readonly population: string; readonly intervention: string; readonly comparator: string; readonly outcomes: string };
    readonly registryId: string;
  };
  readonly prismaSvg: string;
  /** Items 6, 8, 9, 11 and 16a. */
  readonly paragraphs: readonly ReportParagraph[];
  readonly characteristics: DataTable | null;
  readonly rob: readonly { readonly tool: string; readonly trafficSvg: string; readonly summarySvg: string }[];
  /** Per protocol outcome: the synthesis text and forest plot, or why there is none. */
  readonly outcomes: readonly { readonly name: string; readonly paragraphs: readonly ReportParagraph[]; readonly forestSvg: string | null; readonly note: string }[];
  readonly directions: { readonly svg: string; readonly signTests: readonly SignTest[] } | null;
  readonly themes: readonly { readonly name: string; readonly description: string; readonly codes: readonly { readonly study: string; readonly excerpt: string }[] }[];
  readonly summaryOfFindings: readonly { readonly outcome: string; readonly studies: string; readonly effect: string; readonly certainty: string; readonly reasons: string }[];
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
    ['Registration', p.registryId || 'not registered'],
  ].filter(([, v]) => v);
  return `<h2>Protocol</h2>\n<table>\n<tbody>\n${rows.map(([k, v]) => `<tr><th scope="row">${esc(k!)}</th><td>${esc(v!)}</td></tr>`).join('\n')}\n</tbody>\n</table>`;
}

function synthesisSection(input: ReviewReportInput): string {
  const parts = input.outcomes.map((o) => {
    const body = o.paragraphs.length ? o.paragraphs.map((p) => `<p>${esc(p.text)}</p>`).join('\n') : `<p>${esc(o.note)}</p>`;
    return `<h3>${esc(o.name)}</h3>\n${body}${o.forestSvg ? `\n<figure>${o.forestSvg}</figure>` : ''}`;
  });
  return parts.length ? `${itemHeading('Results of syntheses', '20')}\n${parts.join('\n')}` : '';
}

function narrativeSection(input: ReviewReportInput): string {
  const out: string[] = [];
  if (input.directions) {
    out.push(
      `<h3>Effect direction</h3>\n<p>Vote counting by direction of effect (SWiM): each study's result for each outcome, favouring the intervention or the comparator, whatever its confidence interval; an exact two-sided sign test per outcome.</p>\n<figure>${input.directions.svg}</figure>`,
      htmlTable(
        ['Outcome', 'Favour the intervention', 'Favour the comparator', 'No difference', 'p'],
        input.directions.signTests.map((t) => [esc(t.outcome), String(t.benefit), String(t.harm), String(t.none), t.benefit + t.harm > 0 ? pText(t.p) : '—']),
        [1, 2, 3, 4],
      ),
    );
  }
  for (const t of input.themes) {
    out.push(`<h3>Theme: ${esc(t.name)}</h3>${t.description ? `\n<p>${esc(t.description)}</p>` : ''}\n<ul>${t.codes.map((c) => `<li><strong>${esc(c.study)}:</strong> ${esc(c.excerpt)}</li>`).join('')}</ul>`);
  }
  return out.length ? `<h2>Narrative synthesis</h2>\n${out.join('\n')}` : '';
}

export function reviewReportHtml(input: ReviewReportInput): string {
  const ch = input.characteristics;
  const body = [
    protocolSection(input.protocol),
    `<h2>PRISMA 2020 flow diagram</h2>\n<figure>${input.prismaSvg}</figure>`,
    ...input.paragraphs.map(paragraph),
    ch && ch.rows.length ? `${itemHeading('Characteristics of included studies', '17')}\n${htmlTable(ch.columns, ch.rows.map((r) => r.map(esc)))}` : '',
    input.rob.length ? `${itemHeading('Risk of bias in studies', '18')}\n${input.rob.map((r) => `<h3>${esc(r.tool)}</h3>\n<figure>${r.trafficSvg}</figure>\n<figure>${r.summarySvg}</figure>`).join('\n')}` : '',
    synthesisSection(input),
    narrativeSection(input),
    input.summaryOfFindings.length
      ? `${itemHeading('Certainty of evidence (GRADE): summary of findings', '22')}\n${htmlTable(
          ['Outcome', 'Studies (participants)', 'Effect (95% CI)', 'Certainty', 'Reasons'],
          input.summaryOfFindings.map((r) => [esc(r.outcome), esc(r.studies), esc(r.effect), esc(r.certainty), esc(r.reasons)]),
        )}`
      : '',
    excludedSection(input.excluded),
    searchesSection(input.searches),
    input.rScript ? `<h2>Appendix: R script</h2>\n<p>It reproduces every number of the meta-analyses above with R's metafor and checks each against metasift's.</p>\n<details><summary>The script</summary>\n<pre>${esc(input.rScript)}</pre></details>` : '',
  ];
  return htmlPage(input.title, body.filter(Boolean).join('\n'), input.generator);
}
