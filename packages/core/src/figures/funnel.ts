/**
 * Funnel plot as a deterministic SVG string: effect (x) against standard error (y, 0 at the top),
 * pseudo-confidence limits around the pooled estimate, optional contour-enhanced regions of
 * significance around the null (Peters et al. 2008: p < 0.01, 0.05, 0.10), trim-and-fill studies as
 * open circles, and an optional Egger regression line.
 */
import { qnorm } from '../stats/distributions.js';
import { el, line, svgDocument, text } from './svg.js';
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
const H = 400;
const M = { left: 64, right: 20, top: 36, bottom: 56 };


export function funnelPlot(spec: FunnelSpec): string {
  const z = qnorm(1 - (1 - (spec.level ?? 95) / 100) / 2);
  const allSe = [...spec.sei, ...(spec.filled?.sei ?? [])];
  const maxSe = Math.max(...allSe) * 1.05 || 1;
  const xs = [...spec.yi, ...(spec.filled?.yi ?? []), spec.estimate - z * maxSe, spec.estimate + z * maxSe];
  if (spec.contours) xs.push(-2.576 * maxSe, 2.576 * maxSe);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const pad = (hi - lo) * 0.04;
  const sx = spec.scale === 'log' ? logRangeScale(lo - pad, hi + pad, M.left, W - M.right) : linearScale(lo, hi, M.left, W - M.right);
  const ySe = (se: number): number => M.top + (se / maxSe) * (H - M.top - M.bottom);
  const body: string[] = [];
  const plotBottom = ySe(maxSe);
  body.push(el('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: plotBottom - M.top, fill: spec.contours ? '#ffffff' : '#f7f7f7', class: 'plot-area' }));
  if (spec.contours) {
    // nested regions around 0 as metafor's funnel(level = c(90, 95, 99)) shades them: a study outside
    // ±z·se is significant; bands 0.10–0.05 darker grey, 0.05–0.01 light grey, beyond 0.01 white
    const levels: [number, string, string][] = [
      [1.645, '#a6a6a6', '0.05 < p ≤ 0.10'],
      [1.96, '#d4d4d4', '0.01 < p ≤ 0.05'],
      [2.576, '#ffffff', 'p ≤ 0.01'],
    ];
    const clipId = 'funnel-area';
    body.push(el('clipPath', { id: clipId }, el('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: plotBottom - M.top })));
    for (const [zz, fill] of levels) {
      const left = `M${sx.x0},${M.top}L${sx.at(0)},${M.top}L${sx.at(-zz * maxSe)},${plotBottom}L${sx.x0},${plotBottom}Z`;
      const right = `M${sx.x1},${M.top}L${sx.at(0)},${M.top}L${sx.at(zz * maxSe)},${plotBottom}L${sx.x1},${plotBottom}Z`;
      body.push(el('path', { d: left + right, fill, 'clip-path': `url(#${clipId})`, class: 'contour', 'data-z': zz }));
    }
    levels.slice(0, 2).forEach(([, fill, label], i) => {
      const lx = M.left + 8 + i * 130;
      body.push(el('rect', { x: lx, y: H - 18, width: 10, height: 10, fill, stroke: '#888', 'stroke-width': 0.5 }), text(lx + 14, H - 9, label, { size: 10 }));
    });
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
