/** Recall curve of a screening order (records screened vs relevant found), with the random-order diagonal. */
import { el, line, svgDocument, text } from './svg.js';

export function recallCurve(order: readonly number[], labels: readonly number[], title = 'Recall curve'): string {
  const W = 520;
  const H = 380;
  const M = { l: 56, r: 20, t: 36, b: 50 };
  const N = order.length;
  const R = Math.max(1, labels.reduce((s, l) => s + l, 0));
  const x = (n: number): number => M.l + (n / N) * (W - M.l - M.r);
  const y = (r: number): number => H - M.b - (r / R) * (H - M.t - M.b);
  let found = 0;
  const pts: string[] = [`${x(0)},${y(0)}`];
  order.forEach((row, i) => {
    if (labels[row] === 1) {
      pts.push(`${Math.round(x(i) * 100) / 100},${Math.round(y(found) * 100) / 100}`);
      found++;
      pts.push(`${Math.round(x(i + 1) * 100) / 100},${Math.round(y(found) * 100) / 100}`);
    }
  });
  pts.push(`${x(N)},${y(found)}`);
  const body = [
    line(x(0), y(0), x(N), y(R), { stroke: '#999', 'stroke-dasharray': '4 3', class: 'random' }),
    el('polyline', { points: pts.join(' '), fill: 'none', stroke: '#1f4e99', 'stroke-width': 1.8, class: 'recall' }),
    line(M.l, H - M.b, W - M.r, H - M.b, { stroke: '#000' }),
    line(M.l, M.t, M.l, H - M.b, { stroke: '#000' }),
    ...[0, 0.25, 0.5, 0.75, 1].flatMap((f) => [
      text(x(f * N), H - M.b + 16, String(Math.round(f * N)), { size: 10, anchor: 'middle' }),
      text(M.l - 6, y(f * R) + 4, `${Math.round(f * 100)}%`, { size: 10, anchor: 'end' }),
    ]),
    text((M.l + W - M.r) / 2, H - 12, 'Records screened', { anchor: 'middle' }),
    el('text', { x: 14, y: (M.t + H - M.b) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(M.t + H - M.b) / 2})` }, 'Relevant found'),
    text(M.l, 22, title, { size: 13, weight: 'bold' }),
  ];
  return svgDocument(W, H, title, body);
}
