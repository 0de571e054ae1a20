/**
 * Effect direction plot for narrative synthesis (Boon & Thomson 2021): a table of studies × outcome
 * domains with an arrow per cell — ▲ benefit, ▼ harm, ◄► no clear difference or conflicting findings —
 * sized by sample size, with a sign test per domain computed by the caller if wanted.
 */
import { el, svgDocument, text } from './svg.js';
import { textWidth } from './text.js';

export type Direction = 'benefit' | 'harm' | 'mixed';

export interface EffectDirectionStudy {
  readonly label: string;
  readonly n?: number;
  /** The study's group (SWiM's grouping for synthesis, e.g. the mode of delivery); rows of a group stand together under its name. */
  readonly group?: string;
  /** Direction per domain (null: outcome not reported). */
  readonly cells: readonly (Direction | null)[];
}

export interface EffectDirectionData {
  readonly domains: readonly string[];
  readonly studies: readonly EffectDirectionStudy[];
  readonly title?: string;
}

/** Arrow size classes of Boon & Thomson: large n > 300, medium 50–300, small < 50. */
export function arrowSize(n: number | undefined): number {
  if (n === undefined) return 7;
  return n > 300 ? 9 : n >= 50 ? 7 : 5;
}

/** One arrow glyph centred at (cx, cy) with half-size s. */
export function arrow(direction: Direction, cx: number, cy: number, s: number): string {
  const pts =
    direction === 'benefit'
      ? [[cx - s, cy + s * 0.8], [cx + s, cy + s * 0.8], [cx, cy - s]]
      : direction === 'harm'
        ? [[cx - s, cy - s * 0.8], [cx + s, cy - s * 0.8], [cx, cy + s]]
        : null;
  if (pts) return el('polygon', { points: pts.map(([a, b]) => `${Math.round(a! * 100) / 100},${Math.round(b! * 100) / 100}`).join(' '), fill: direction === 'benefit' ? '#1a7f37' : '#b42318', class: `arrow ${direction}` });
  const h = s * 0.7;
  return el('g', { class: 'arrow mixed' },
    el('polygon', { points: `${cx - 1},${cy - h} ${cx - 1},${cy + h} ${cx - s - 1},${cy}`, fill: '#6b7280' }),
    el('polygon', { points: `${cx + 1},${cy - h} ${cx + 1},${cy + h} ${cx + s + 1},${cy}`, fill: '#6b7280' }),
  );
}

export function effectDirectionPlot(data: EffectDirectionData): string {
  const FS = 11;
  const labelW = Math.max(100, ...data.studies.map((s) => textWidth(s.label, FS))) + 16;
  // the n column stands apart from the labels, right-aligned to its widest number
  const nW = Math.max(textWidth('n', FS, 'bold'), ...data.studies.map((s) => (s.n === undefined ? 0 : textWidth(String(s.n), FS)))) + 6;
  const nX = 10 + labelW + nW;
  const x0 = nX + 24;
  const colW = Math.max(80, ...data.domains.map((d) => textWidth(d, FS, 'bold') + 16));
  const top = data.title ? 56 : 36;
  const rowH = 24;
  const body: string[] = [];
  if (data.title) body.push(text(10, 22, data.title, { weight: 'bold', size: 13 }));
  body.push(text(10, top - 10, 'Study', { weight: 'bold' }), text(nX, top - 10, 'n', { weight: 'bold', anchor: 'end' }));
  data.domains.forEach((d, j) => body.push(text(x0 + j * colW + colW / 2, top - 10, d, { weight: 'bold', anchor: 'middle' })));
  // a header row before each group's first study (the caller orders the studies by group)
  let row = 0;
  data.studies.forEach((s, i) => {
    if (s.group !== undefined && s.group !== data.studies[i - 1]?.group) {
      const gy = top + row * rowH + rowH / 2;
      body.push(el('rect', { x: 6, y: gy - rowH / 2, width: x0 - 10 + data.domains.length * colW, height: rowH, fill: '#e3ebf6', class: 'group' }), text(10, gy + 4, s.group, { weight: 'bold' }));
      row++;
    }
    const cy = top + row * rowH + rowH / 2;
    if (i % 2 === 0) body.push(el('rect', { x: 6, y: cy - rowH / 2, width: x0 - 10 + data.domains.length * colW, height: rowH, fill: '#f5f5f5' }));
    body.push(text(10, cy + 4, s.label), text(nX, cy + 4, s.n === undefined ? '' : String(s.n), { anchor: 'end' }));
    s.cells.forEach((c, j) => {
      if (c) body.push(arrow(c, x0 + j * colW + colW / 2, cy, arrowSize(s.n)));
    });
    row++;
  });
  const ly = top + row * rowH + 24;
  body.push(
    arrow('benefit', 18, ly - 4, 6), text(30, ly, 'Benefit'),
    arrow('harm', 98, ly - 4, 6), text(110, ly, 'Harm'),
    arrow('mixed', 172, ly - 4, 6), text(186, ly, 'No clear difference / conflicting'),
    text(10, ly + 18, 'Arrow size: large n > 300, medium 50–300, small < 50', { size: 10 }),
  );
  return svgDocument(x0 + data.domains.length * colW + 20, ly + 28, data.title ?? 'Effect direction plot', body, FS);
}
