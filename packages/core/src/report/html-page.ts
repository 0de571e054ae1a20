/**
 * The shell of metasift's HTML reports: one static, self-contained page (inline style, no script) that
 * reads well on screen and prints to PDF from a browser. Callers escape their own text with `esc`.
 */
import { esc } from '../figures/svg.js';

export { esc };

const STYLE = `body{font-family:'Source Sans 3','Source Sans Pro',Arial,Helvetica,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}.item{color:#555;font-weight:normal}.for-authors{color:#8a5a00}
figure{margin:1rem 0;overflow-x:auto}table{border-collapse:collapse;font-size:.95rem}th,td{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.code{font-family:ui-monospace,monospace;font-size:.85rem;white-space:pre-wrap}
pre{background:#f6f6f6;padding:1rem;overflow-x:auto;font-size:.8rem}footer{color:#555;font-size:.85rem;margin-top:2rem}
@media print{details{display:none}}`;

/** A heading with the PRISMA 2020 item it answers. */
/** A section heading naming its PRISMA 2020 item, with the anchor the checklist links to (id="item-16b"). */
export const itemHeading = (heading: string, item: string): string => `<h2 id="item-${esc(item)}">${esc(heading)} <span class="item">(PRISMA 2020 item ${esc(item)})</span></h2>`;

/** A table from header cells and rows of cell HTML (already escaped); `numeric` marks right-aligned columns. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const head = headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, j) => `<td${numeric.includes(j) ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The whole page: `body` is HTML, `title` and `footer` are text. */
export function htmlPage(title: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
${body}
<footer>${esc(footer)}</footer>
</body>
</html>
`;
}
