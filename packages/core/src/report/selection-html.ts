/**
 * The search and selection as one HTML page: the PRISMA 2020 flow diagram, the report's text (items 6,
 * 8 and 16a), the reports excluded at full text with their reasons (16b) and the search strategies (7).
 */
import { esc, htmlPage, htmlTable, itemHeading } from './html-page.js';
import type { ReportParagraph } from './selection-text.js';

export interface SelectionHtmlInput {
  readonly title: string;
  readonly prismaSvg: string;
  readonly paragraphs: readonly ReportParagraph[];
  readonly excluded: readonly { readonly study: string; readonly title: string; readonly reason: string }[];
  readonly searches: readonly { readonly database: string; readonly platform: string | null; readonly searchedOn: string | null; readonly records: number; readonly strategy: string }[];
  readonly generator?: string;
}

/** The reports excluded at full text (item 16b), or "" when there are none. */
export function excludedSection(excluded: SelectionHtmlInput['excluded']): string {
  return excluded.length
    ? `${itemHeading('Reports excluded after full-text assessment, with reasons', '16b')}\n${htmlTable(
        ['Study', 'Title', 'Reason for exclusion'],
        excluded.map((x) => [esc(x.study), esc(x.title), esc(x.reason)]),
      )}`
    : '';
}

/** The search strategies' appendix (item 7), or "" when nothing was searched. */
export function searchesSection(searches: SelectionHtmlInput['searches']): string {
  return searches.length
    ? `${itemHeading('Appendix: search strategies', '7')}\n${htmlTable(
        ['Database', 'Platform', 'Searched', 'Records', 'Strategy'],
        searches.map((s) => [esc(s.database), esc(s.platform ?? ''), esc(s.searchedOn ?? 'not recorded'), String(s.records), `<span class="code">${esc(s.strategy)}</span>`]),
        [3],
      )}`
    : '';
}

export function selectionReportHtml(input: SelectionHtmlInput): string {
  const body = [
    `<h2>PRISMA 2020 flow diagram</h2>\n<figure>${input.prismaSvg}</figure>`,
    ...input.paragraphs.map((p) => `${itemHeading(p.heading, p.item)}\n<p>${esc(p.text)}</p>`),
    excludedSection(input.excluded),
    searchesSection(input.searches),
  ];
  return htmlPage(input.title, body.filter(Boolean).join('\n'), input.generator ?? 'metasift');
}
