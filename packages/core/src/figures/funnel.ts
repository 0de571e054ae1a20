/**
 * Funnel plot as a deterministic SVG string: effect (x) against standard error (y, 0 at the top),
 * pseudo-confidence limits around the pooled estimate, optional contour-enhanced regions of
 * significance around the null (Peters et al. 2008: p < 0.01, 0.05, 0.10), trim-and-fill studies as
 * open circles, and an optional Egger regression line.
 */
import { qnorm } from '../stats/distributions.js';
import { el, line, svgDocument, text } from './svg.js';
import { textWidth } from './text.js';
import { linearScale, logRangeScale } from './scale.js';

export interface FunnelSpec {
  readonly yi: readonly number[];
  readonly sei: readonly number[];
  /** Pooled estimate the pseudo-confidence limits are centred on. */
  readonly estimate: number;
  /** Model scale: ticks of a log scale are labelled with exp(value). */
  readonly scale: 'log' | 'linear';
  readonly xLabel: string;
  readonly title?: string;
  /** Shade regions where a study would be significant at 0.10, 0.05, 0.01 (two-sided, around 0). */
  readonly contours?: boolean;
  /** Imputed studies from trim-and-fill. */
  readonly filled?: { readonly yi: readonly number[]; readonly sei: readonly number[] };
  /** Egger's line yi = b0 + b1·sei. */
  readonly egger?: { readonly intercept: number; readonly slope: number };
  readonly level?: number;
}

const W = 520;
/** Contour regions as metafor shades them (R's white, gray55, gray75, and lightgray behind): z, fill, legend. */
const CONTOURS: readonly (readonly [number, string, string])[] = [
  [1.645, '#ffffff', '0.10 < p ≤ 1.00'],
  [1.96, '#8c8c8c', '0.05 < p ≤ 0.10'],
  [2.576, '#bfbfbf', '0.01 < p ≤ 0.05'],
  [Infinity, '#d3d3d3', '0.00 < p ≤ 0.01'],
];
const H = 400;
const M = { left: 64, right: 20, top: 36, bottom: 56 };


export function funnelPlot(spec: FunnelSpec): string {
  const z = qnorm(1 - (1 - (spec.level ?? 95) / 100) / 2);
  const allSe = [...spec.sei, ...(spec.filled?.sei ?? [])];
  const maxSe = Math.max(...allSe) * 1.05 || 1;
  const xs = [...spec.yi, ...(spec.filled?.yi ?? []), spec.estimate - z * maxSe, spec.estimate + z * maxSe];
  // the widest contour (p = 0.01) stays inside the plot
  if (spec.contours) xs.push(-CONTOURS[2]![0] * maxSe, CONTOURS[2]![0] * maxSe);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.04;
  const sx = spec.scale === 'log' ? logRangeScale(lo - pad, hi + pad, M.left, W - M.right) : linearScale(lo, hi, M.left, W - M.right);
  const ySe = (se: number): number => M.top + (se / maxSe) * (H - M.top - M.bottom);
  const body: string[] = [];
  const plotBottom = ySe(maxSe);
  // with contours the background is the region where a study would be significant at p ≤ 0.01
  body.push(el('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: plotBottom - M.top, fill: spec.contours ? CONTOURS[3]![1] : '#f7f7f7', class: 'plot-area' }));
  if (spec.contours) {
    // metafor's funnel(level = c(90, 95, 99), shade = c("white", "gray55", "gray75")): nested triangles
    // around 0, widest first, each ±z·se wide; a study inside the innermost is not significant at 0.10
    const clipId = 'funnel-area';
    body.push(el('clipPath', { id: clipId }, el('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: plotBottom - M.top })));
    for (const [zz, fill] of CONTOURS.slice(0, 3).reverse()) {
      const d = `M${sx.at(0)},${M.top}L${sx.at(zz * maxSe)},${plotBottom}L${sx.at(-zz * maxSe)},${plotBottom}Z`;
      body.push(el('path', { d, fill, 'clip-path': `url(#${clipId})`, class: 'contour', 'data-z': zz }));
    }
    let lx = M.left;
    for (const [, fill, label] of CONTOURS) {
      body.push(el('rect', { x: lx, y: H - 18, width: 10, height: 10, fill, stroke: '#888', 'stroke-width': 0.5, class: 'legend-key' }), text(lx + 14, H - 9, label, { size: 10 }));
      lx += 14 + textWidth(label, 10) + 14;
    }
  }
  // pseudo-confidence region around the pooled estimate
  body.push(
    el('path', {
      d: `M${sx.at(spec.estimate - z * maxSe)},${plotBottom}L${sx.at(spec.estimate)},${M.top}L${sx.at(spec.estimate + z * maxSe)},${plotBottom}`,
      fill: 'none',
      stroke: '#555',
      'stroke-dasharray': '4 3',
      class: 'pseudo-ci',
    }),
    line(sx.at(spec.estimate), M.top, sx.at(spec.estimate), plotBottom, { stroke: '#333', class: 'estimate-line' }),
  );
  if (spec.egger) {
    const { intercept, slope } = spec.egger;
    body.push(line(sx.at(intercept), M.top, sx.at(intercept + slope * maxSe), plotBottom, { stroke: '#b2182b', 'stroke-width': 1.2, class: 'egger-line' }));
  }
  spec.yi.forEach((y, i) => body.push(el('circle', { cx: sx.at(y), cy: ySe(spec.sei[i]!), r: 3.5, fill: '#1f4e99', stroke: '#fff', 'stroke-width': 0.5, class: 'study' })));
  spec.filled?.yi.forEach((y, i) => body.push(el('circle', { cx: sx.at(y), cy: ySe(spec.filled!.sei[i]!), r: 3.5, fill: '#fff', stroke: '#1f4e99', class: 'filled' })));
  // axes
  body.push(line(M.left, plotBottom, W - M.right, plotBottom, { stroke: '#000' }), line(M.left, M.top, M.left, plotBottom, { stroke: '#000' }));
  for (const t of sx.ticks) {
    if (t.value < sx.min - 1e-12 || t.value > sx.max + 1e-12) continue;
    body.push(line(sx.at(t.value), plotBottom, sx.at(t.value), plotBottom + 4, { stroke: '#000' }), text(sx.at(t.value), plotBottom + 16, t.label, { size: 10, anchor: 'middle' }));
  }
  const seTicks = linearScale(0, maxSe, 0, 1).ticks.filter((t) => t.value <= maxSe + 1e-12);
  for (const t of seTicks) {
    body.push(line(M.left - 4, ySe(t.value), M.left, ySe(t.value), { stroke: '#000' }), text(M.left - 7, ySe(t.value) + 3.5, t.label, { size: 10, anchor: 'end' }));
  }
  body.push(text((M.left + W - M.right) / 2, plotBottom + 34, spec.xLabel, { anchor: 'middle' }));
  body.push(el('text', { x: 16, y: (M.top + plotBottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 16 ${(M.top + plotBottom) / 2})` }, 'Standard Error'));
  if (spec.title) body.push(text(M.left, 22, spec.title, { size: 14, weight: 'bold' }));
  return svgDocument(W, H, spec.title ?? 'Funnel plot', body);
}
