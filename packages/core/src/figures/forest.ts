/**
 * Forest plot in the Cochrane/RevMan tradition as a deterministic SVG string: per study the group data,
 * weight, effect and CI as text, and a square (area ∝ weight) with whiskers; pooled diamonds per
 * subgroup and overall; prediction interval; heterogeneity and test lines; a linear or log axis with
 * "favours" labels; optional risk-of-bias columns. Layout is computed from the shipped font's metrics.
 */
import { el, line, svgDocument, text } from './svg.js';
import { textWidth, wrapText } from './text.js';
import { linearScale, logScale, type Scale } from './scale.js';
import { ROB_STYLES, type RobJudgement } from './rob-style.js';

export interface ForestRow {
  readonly label: string;
  /** Effect and CI on the model scale (log for ratio measures). */
  readonly yi: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  /** Weight in percent. */
  readonly weight: number;
  /** Group data cells, one per `cellHeaders` entry (e.g. events, total, events, total). */
  readonly cells?: readonly string[];
  /** Risk-of-bias judgement per `robDomains` entry. */
  readonly rob?: readonly (RobJudgement | null)[];
}

export interface ForestPooled {
  readonly label: string;
  readonly estimate: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  readonly pi_lower?: number;
  readonly pi_upper?: number;
  /** Totals under the group data columns. */
  readonly cells?: readonly string[];
  /** Event totals, printed on a "Total events" line under the diamond (RevMan). */
  readonly eventCells?: readonly string[];
  readonly weight?: number;
  /** Lines printed under the diamond (heterogeneity, test for overall effect). */
  readonly notes?: readonly string[];
}

export interface ForestGroup {
  readonly title?: string;
  readonly rows: readonly ForestRow[];
  readonly pooled?: ForestPooled;
}

export interface ForestSpec {
  /** e.g. "Odds Ratio". */
  readonly measureLabel: string;
  /** e.g. "IV, Random, 95% CI". */
  readonly methodLabel: string;
  readonly scale: 'log' | 'linear';
  /** Headers spanning the group data columns, e.g. ["Experimental", "Control"]. */
  readonly groupHeaders?: readonly string[];
  readonly cellHeaders?: readonly string[];
  readonly groups: readonly ForestGroup[];
  readonly overall?: ForestPooled;
  /** Lines after the overall result (test for subgroup differences). */
  readonly footer?: readonly string[];
  /** Labels under the axis, left and right of the line of no effect. */
  readonly favours?: readonly [string, string];
  /** Short column headers for risk-of-bias domains (e.g. D1 … D5, Overall). */
  readonly robDomains?: readonly string[];
  /** Lines explaining the domain headers, printed under the plot. */
  readonly robLegend?: readonly string[];
  readonly title?: string;
  /** Decimals of the effect text (default 2). */
  readonly digits?: number;
  /** false: no weight column and squares of one size (a cumulative meta-analysis, whose rows are pooled results). */
  readonly weights?: boolean;
}

const FS = 11;
const SMALL = 10;
const ROW = 18;
const PAD = 10;
const PLOT_W = 240;
const LABEL_MAX = 230;

/** Effect text on the display scale: "0.41 [0.13, 1.26]". */
export function effectText(est: number, lo: number, hi: number, log: boolean, digits = 2): string {
  const f = (v: number): string => (log ? Math.exp(v) : v).toFixed(digits).replace(/^-/, '−');
  return `${f(est)} [${f(lo)}, ${f(hi)}]`;
}

interface Col {
  readonly x: number;
  readonly w: number;
}

function layoutColumns(spec: ForestSpec, labelW: number): { label: Col; cells: Col[]; weight: Col; effect: Col; plot: Col; rob: Col[]; width: number } {
  const log = spec.scale === 'log';
  const digits = spec.digits ?? 2;
  const allRows = spec.groups.flatMap((g) => g.rows);
  const pooled = [...spec.groups.map((g) => g.pooled), spec.overall].filter((p): p is ForestPooled => p !== undefined);
  let x = PAD;
  const label = { x, w: labelW };
  x += labelW + PAD;
  const cells: Col[] = (spec.cellHeaders ?? []).map((h, j) => {
    const w = Math.max(textWidth(h, FS, 'bold'), ...allRows.map((r) => textWidth(r.cells?.[j] ?? '', FS)), ...pooled.map((p) => textWidth(p.cells?.[j] ?? '', FS, 'bold')), 24);
    const c = { x, w };
    x += w + PAD;
    return c;
  });
  const wW = spec.weights === false ? 0 : Math.max(textWidth('Weight', FS, 'bold'), textWidth('100.0%', FS, 'bold'));
  const weight = { x, w: wW };
  if (wW) x += wW + PAD;
  const effectTexts = [...allRows.map((r) => effectText(r.yi, r.ci_lower, r.ci_upper, log, digits)), ...pooled.map((p) => effectText(p.estimate, p.ci_lower, p.ci_upper, log, digits))];
  const eW = Math.max(textWidth(spec.measureLabel, FS, 'bold'), textWidth(spec.methodLabel, FS, 'bold'), ...effectTexts.map((t) => textWidth(t, FS, 'bold')));
  const effect = { x, w: eW };
  x += eW + 2 * PAD;
  const plot = { x, w: PLOT_W };
  x += PLOT_W + PAD;
  const rob = (spec.robDomains ?? []).map(() => {
    const c = { x, w: 14 };
    x += 16;
    return c;
  });
  if (rob.length) x += PAD;
  return { label, cells, weight, effect, plot, rob, width: x };
}

function axisScale(spec: ForestSpec, plot: Col): Scale {
  const values = [
    ...spec.groups.flatMap((g) => g.rows.flatMap((r) => [r.ci_lower, r.ci_upper])),
    ...[...spec.groups.map((g) => g.pooled), spec.overall].flatMap((p) => (p ? [p.ci_lower, p.ci_upper, p.pi_lower ?? p.estimate, p.pi_upper ?? p.estimate] : [])),
  ].filter(Number.isFinite);
  // keep the axis readable when one study's interval is huge: cover the middle of the data
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[Math.floor(sorted.length * 0.02)] ?? -1;
  const hi = sorted[Math.ceil(sorted.length * 0.98) - 1] ?? 1;
  return spec.scale === 'log' ? logScale(lo, hi, plot.x, plot.x + plot.w) : linearScale(lo, hi, plot.x, plot.x + plot.w, { centre: 0, symmetric: true });
}

/** Whisker from lo to hi clipped to the axis, with arrowheads where clipped. */
function whisker(s: Scale, lo: number, hi: number, y: number, cls: string): string {
  const a = Math.max(s.min, Math.min(s.max, lo));
  const b = Math.max(s.min, Math.min(s.max, hi));
  const parts = [line(s.at(a), y, s.at(b), y, { class: cls, stroke: '#000', 'stroke-width': 1, 'data-lo': lo, 'data-hi': hi })];
  if (lo < s.min) parts.push(el('path', { d: `M${s.x0 + 5} ${y - 3}L${s.x0} ${y}L${s.x0 + 5} ${y + 3}`, fill: 'none', stroke: '#000', class: 'clip-left' }));
  if (hi > s.max) parts.push(el('path', { d: `M${s.x1 - 5} ${y - 3}L${s.x1} ${y}L${s.x1 - 5} ${y + 3}`, fill: 'none', stroke: '#000', class: 'clip-right' }));
  return parts.join('');
}

function diamond(s: Scale, p: ForestPooled, y: number): string {
  const c = (v: number): number => s.at(Math.max(s.min, Math.min(s.max, v)));
  const pts = [
    [c(p.ci_lower), y],
    [c(p.estimate), y - 5],
    [c(p.ci_upper), y],
    [c(p.estimate), y + 5],
  ]
    .map(([a, b]) => `${Math.round(a! * 100) / 100},${Math.round(b! * 100) / 100}`)
    .join(' ');
  return el('polygon', { points: pts, fill: '#000', class: 'diamond', 'data-lo': p.ci_lower, 'data-hi': p.ci_upper, 'data-est': p.estimate });
}

/**
 * Renders the forest plot.
 * Structure for tests and tooling: each study is `<g class="study">` with `rect.box` and `line.ci`
 * (`data-lo`/`data-hi` hold the CI on the model scale); pooled results are `polygon.diamond`.
 */
export function forestPlot(spec: ForestSpec): string {
  const log = spec.scale === 'log';
  const digits = spec.digits ?? 2;
  const labelW = Math.min(
    LABEL_MAX,
    Math.max(120, ...spec.groups.flatMap((g) => [...g.rows.map((r) => textWidth(r.label, FS)), g.title ? textWidth(g.title, FS, 'bold') : 0]), spec.overall ? textWidth(spec.overall.label, FS, 'bold') : 0),
  );
  const cols = layoutColumns(spec, labelW);
  const scale = axisScale(spec, cols.plot);
  const body: string[] = [];
  let y = PAD;
  if (spec.title) {
    body.push(text(PAD, y + 14, spec.title, { size: 14, weight: 'bold' }));
    y += 26;
  }
  // header: group headers over their cell columns, then cell headers
  const hasGroupHeaders = (spec.groupHeaders?.length ?? 0) > 0 && cols.cells.length > 0;
  if (hasGroupHeaders) {
    const per = cols.cells.length / spec.groupHeaders!.length;
    spec.groupHeaders!.forEach((h, g) => {
      const first = cols.cells[g * per]!;
      const last = cols.cells[g * per + per - 1]!;
      body.push(text((first.x + last.x + last.w) / 2, y + 12, h, { weight: 'bold', anchor: 'middle' }));
      body.push(line(first.x, y + 16, last.x + last.w, y + 16, { stroke: '#000', 'stroke-width': 0.6 }));
    });
  }
  const hy = y + (hasGroupHeaders ? 30 : 12);
  body.push(text(cols.label.x, hy, 'Study or Subgroup', { weight: 'bold' }));
  cols.cells.forEach((c, j) => body.push(text(c.x + c.w, hy, spec.cellHeaders![j]!, { weight: 'bold', anchor: 'end' })));
  if (spec.weights !== false) body.push(text(cols.weight.x + cols.weight.w, hy, 'Weight', { weight: 'bold', anchor: 'end' }));
  body.push(text(cols.effect.x + cols.effect.w / 2, hy - 13, spec.measureLabel, { weight: 'bold', anchor: 'middle' }));
  body.push(text(cols.effect.x + cols.effect.w / 2, hy, spec.methodLabel, { weight: 'bold', anchor: 'middle' }));
  body.push(text(cols.plot.x + cols.plot.w / 2, hy - 13, spec.measureLabel, { weight: 'bold', anchor: 'middle' }));
  body.push(text(cols.plot.x + cols.plot.w / 2, hy, spec.methodLabel, { weight: 'bold', anchor: 'middle' }));
  (spec.robDomains ?? []).forEach((d, j) => body.push(text(cols.rob[j]!.x + 7, hy, d, { weight: 'bold', anchor: 'middle', size: SMALL })));
  y = hy + 6;
  body.push(line(PAD, y, cols.width - PAD, y, { stroke: '#000', 'stroke-width': 0.8 }));
  y += 4;
  const plotTop = y;

  const maxWeight = Math.max(1e-12, ...spec.groups.flatMap((g) => g.rows.map((r) => r.weight)));
  const pooledRow = (p: ForestPooled, bold: boolean): void => {
    y += ROW;
    const cy = y - 4;
    body.push(el('g', { class: 'pooled' },
      text(cols.label.x, y, p.label, { weight: bold ? 'bold' : 'normal' }),
      ...cols.cells.map((c, j) => text(c.x + c.w, y, p.cells?.[j] ?? '', { weight: 'bold', anchor: 'end' })),
      p.weight !== undefined ? text(cols.weight.x + cols.weight.w, y, `${p.weight.toFixed(1)}%`, { weight: 'bold', anchor: 'end' }) : '',
      text(cols.effect.x + cols.effect.w, y, effectText(p.estimate, p.ci_lower, p.ci_upper, log, digits), { weight: 'bold', anchor: 'end' }),
      diamond(scale, p, cy),
    ));
    if (p.eventCells) {
      y += ROW - 2;
      body.push(el('g', { class: 'events' }, text(cols.label.x, y, 'Total events'), ...cols.cells.map((c, j) => text(c.x + c.w, y, p.eventCells?.[j] ?? '', { anchor: 'end' }))));
    }
    if (p.pi_lower !== undefined && p.pi_upper !== undefined && (p.pi_lower < p.ci_lower - 1e-12 || p.pi_upper > p.ci_upper + 1e-12)) {
      y += ROW;
      body.push(el('g', { class: 'prediction' },
        text(cols.label.x, y, 'Prediction interval', { size: SMALL }),
        text(cols.effect.x + cols.effect.w, y, effectText(p.estimate, p.pi_lower, p.pi_upper, log, digits).replace(/^[^[]*/, ''), { size: SMALL, anchor: 'end' }),
        whisker(scale, p.pi_lower, p.pi_upper, y - 4, 'pi'),
        line(scale.at(Math.max(scale.min, p.pi_lower)), y - 8, scale.at(Math.max(scale.min, p.pi_lower)), y, { stroke: '#000' }),
        line(scale.at(Math.min(scale.max, p.pi_upper)), y - 8, scale.at(Math.min(scale.max, p.pi_upper)), y, { stroke: '#000' }),
      ));
    }
    for (const note of p.notes ?? []) {
      y += 14;
      body.push(text(cols.label.x, y, note, { size: SMALL, cls: 'note' }));
    }
  };

  for (const group of spec.groups) {
    if (group.title) {
      y += ROW;
      body.push(text(cols.label.x, y, group.title, { weight: 'bold', cls: 'subgroup-title' }));
    }
    for (const r of group.rows) {
      const lines = wrapText(r.label, cols.label.w, FS);
      y += ROW + (lines.length - 1) * 13;
      const cy = y - 4 - (lines.length - 1) * 13;
      const side = spec.weights === false ? 8 : 4 + 10 * Math.sqrt(Math.max(0, r.weight) / maxWeight);
      const inRange = r.yi >= scale.min && r.yi <= scale.max;
      body.push(el('g', { class: 'study' },
        ...lines.map((l, i) => text(cols.label.x, cy + 4 + i * 13, l, { cls: 'label' })),
        ...cols.cells.map((c, j) => text(c.x + c.w, cy + 4, r.cells?.[j] ?? '', { anchor: 'end' })),
        spec.weights === false ? '' : text(cols.weight.x + cols.weight.w, cy + 4, `${r.weight.toFixed(1)}%`, { anchor: 'end' }),
        text(cols.effect.x + cols.effect.w, cy + 4, effectText(r.yi, r.ci_lower, r.ci_upper, log, digits), { anchor: 'end' }),
        whisker(scale, r.ci_lower, r.ci_upper, cy, 'ci'),
        inRange ? el('rect', { x: scale.at(r.yi) - side / 2, y: cy - side / 2, width: side, height: side, fill: '#1f4e99', class: 'box', 'data-weight': r.weight }) : '',
        ...(r.rob ?? []).map((j, d) => (j ? robDot(cols.rob[d]!.x + 7, cy, j) : '')),
      ));
    }
    if (group.pooled) pooledRow(group.pooled, false);
    if (spec.groups.length > 1) y += 6;
  }
  if (spec.overall) pooledRow(spec.overall, true);
  for (const f of spec.footer ?? []) {
    y += 14;
    body.push(text(cols.label.x, y, f, { size: SMALL, cls: 'note' }));
  }
  y += 12;
  const axisY = y;
  // line of no effect across the plotting area, axis line, ticks, labels
  body.push(line(scale.at(0), plotTop, scale.at(0), axisY, { stroke: '#000', 'stroke-width': 0.8, class: 'null-line' }));
  body.push(line(scale.x0, axisY, scale.x1, axisY, { stroke: '#000', class: 'axis' }));
  for (const t of scale.ticks) {
    body.push(line(scale.at(t.value), axisY, scale.at(t.value), axisY + 4, { stroke: '#000' }));
    body.push(text(scale.at(t.value), axisY + 15, t.label, { size: SMALL, anchor: 'middle', cls: 'tick' }));
  }
  y = axisY + 15;
  if (spec.favours) {
    y += 14;
    body.push(text(scale.at(0) - 6, y, spec.favours[0], { size: SMALL, anchor: 'end', cls: 'favours' }));
    body.push(text(scale.at(0) + 6, y, spec.favours[1], { size: SMALL, cls: 'favours' }));
  }
  if (spec.robLegend?.length) {
    y += 8;
    for (const l of ['Risk of bias legend', ...spec.robLegend]) {
      y += 13;
      body.push(text(cols.label.x, y, l, { size: SMALL, cls: 'rob-legend' }));
    }
  }
  const height = y + PAD;
  return svgDocument(cols.width, height, spec.title ?? `Forest plot: ${spec.measureLabel}`, body, FS);
}

function robDot(cx: number, cy: number, j: RobJudgement): string {
  const s = ROB_STYLES[j];
  const ink = j === 'some' || j === 'moderate' ? '#000' : '#fff'; // dark symbol on yellow for contrast
  return el('g', { class: `rob rob-${j}` }, el('circle', { cx, cy, r: 6, fill: s.fill }), text(cx, cy + 3.5, s.symbol, { size: 9, anchor: 'middle', fill: ink, weight: 'bold' }));
}
