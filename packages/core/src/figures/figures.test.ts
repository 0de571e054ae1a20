import { describe, expect, it } from 'vitest';
import { forestPlot, effectText, type ForestSpec } from './forest.js';
import { funnelPlot } from './funnel.js';
import { robSummary, robSummaryShares, robTrafficLight, type RobData } from './rob.js';
import { checkPrismaCounts, parsePrismaCounts, prismaDiagram } from './prisma.js';
import { effectDirectionPlot } from './effect-direction.js';
import { textWidth, wrapText } from './text.js';
import { linearScale, logScale } from './scale.js';
import { parseJudgement, ROB_TOOLS } from './rob-style.js';
import { robForStudies } from '../analysis/figure-data.js';

/** Attribute values of every match of `tag` carrying `cls`. */
function elements(svg: string, tag: string, cls: string): Record<string, string>[] {
  const re = new RegExp(`<${tag}\\b([^>]*class="${cls}"[^>]*)/?>`, 'g');
  return [...svg.matchAll(re)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

const spec: ForestSpec = {
  measureLabel: 'Risk Ratio',
  methodLabel: 'IV, Random, 95% CI',
  scale: 'log',
  cellHeaders: ['Events', 'Total', 'Events', 'Total'],
  groupHeaders: ['Telehealth', 'Usual care'],
  groups: [
    {
      rows: [
        { label: 'Trial A', yi: Math.log(0.5), ci_lower: Math.log(0.25), ci_upper: Math.log(1), weight: 40, cells: ['5', '50', '10', '50'] },
        { label: 'Trial B with a very long name that must wrap onto a second line in the label column', yi: Math.log(0.8), ci_lower: Math.log(0.6), ci_upper: Math.log(1.07), weight: 60, cells: ['40', '200', '50', '200'] },
        { label: 'Trial C', yi: Math.log(3), ci_lower: Math.log(1e-5), ci_upper: Math.log(1e5), weight: 5, cells: ['2', '10', '1', '10'] },
      ],
    },
  ],
  overall: { label: 'Total (95% CI)', estimate: Math.log(0.7), ci_lower: Math.log(0.55), ci_upper: Math.log(0.9), pi_lower: Math.log(0.3), pi_upper: Math.log(1.6), cells: ['', '260', '', '260'], weight: 100, notes: ['Heterogeneity: Tau² = 0.02; Chi² = 2.10, df = 2 (P = 0.35); I² = 5%'] },
  favours: ['Favours telehealth', 'Favours usual care'],
};

describe('forest plot', () => {
  const svg = forestPlot(spec);
  it('has one study group per study, each with a box and a whisker', () => {
    expect((svg.match(/<g class="study">/g) ?? []).length).toBe(3);
    expect(elements(svg, 'line', 'ci')).toHaveLength(3);
    // trial C's point estimate (RR 3) is inside the axis; its CI (1e-5 to 1e5) is clipped with arrows on both sides
    expect(elements(svg, 'rect', 'box')).toHaveLength(3);
    expect(svg).toContain('class="clip-left"');
    expect(svg).toContain('class="clip-right"');
  });
  it('maps whisker ends and the diamond to the axis by one affine function of the model-scale values', () => {
    const ci = elements(svg, 'line', 'ci').slice(0, 2);
    const pts = ci.flatMap((l) => [
      [Number(l['data-lo']), Number(l['x1'])],
      [Number(l['data-hi']), Number(l['x2'])],
    ]) as [number, number][];
    const [[v0, x0], [v1, x1]] = [pts[0]!, pts[1]!];
    const at = (v: number): number => x0 + ((v - v0) / (v1 - v0)) * (x1 - x0);
    for (const [v, x] of pts) expect(x).toBeCloseTo(at(v), 1);
    const d = elements(svg, 'polygon', 'diamond')[0]!;
    const xs = d['points']!.split(' ').map((p) => Number(p.split(',')[0]));
    expect(Math.min(...xs)).toBeCloseTo(at(Math.log(0.55)), 1);
    expect(Math.max(...xs)).toBeCloseTo(at(Math.log(0.9)), 1);
    expect(xs[1]).toBeCloseTo(at(Math.log(0.7)), 1);
  });
  it('sizes boxes by weight', () => {
    const sides = elements(svg, 'rect', 'box').map((b) => Number(b['width']));
    expect(sides[1]).toBeGreaterThan(sides[0]!);
    expect(sides[0]).toBeGreaterThan(sides[2]!);
  });
  it('prints every label, header, effect text, favours labels and a log axis around 1', () => {
    for (const s of ['Trial A', 'Telehealth', 'Usual care', 'Weight', 'Risk Ratio', 'IV, Random, 95% CI', '0.50 [0.25, 1.00]', 'Favours telehealth', 'Favours usual care', 'Prediction interval', 'Total (95% CI)', 'I² = 5%'])
      expect(svg).toContain(s);
    expect(svg).toMatch(/class="tick">1<\/text>/);
    expect(svg).toContain('Trial B with a very long name');
    expect((svg.match(/class="label"/g) ?? []).length).toBeGreaterThan(3); // the long label wrapped
  });
  it('is deterministic', () => {
    expect(forestPlot(spec)).toBe(svg);
  });
  it('escapes text so that record content cannot inject markup', () => {
    const evil = forestPlot({ ...spec, groups: [{ rows: [{ ...spec.groups[0]!.rows[0]!, label: '<script>alert(1)</script>' }] }] });
    expect(evil).not.toContain('<script>');
    expect(evil).toContain('&lt;script&gt;');
  });
  it('formats effects on the display scale with a true minus sign', () => {
    expect(effectText(Math.log(0.5), Math.log(0.25), Math.log(1), true)).toBe('0.50 [0.25, 1.00]');
    expect(effectText(-0.5, -1.25, 0.25, false)).toBe('−0.50 [−1.25, 0.25]');
  });
  it('matches the reviewed snapshot of a small plot', () => {
    const small = forestPlot({ measureLabel: 'Mean Difference', methodLabel: 'IV, Fixed, 95% CI', scale: 'linear', groups: [{ rows: [{ label: 'A', yi: -1, ci_lower: -2, ci_upper: 0, weight: 100 }] }] });
    expect(small).toMatchSnapshot();
  });
});

describe('funnel plot', () => {
  it('draws every study, the filled ones open, contours and Egger line on request', () => {
    const svg = funnelPlot({ yi: [0.1, 0.3, -0.2, 0.5], sei: [0.1, 0.2, 0.3, 0.4], estimate: 0.15, scale: 'linear', xLabel: 'SMD', contours: true, filled: { yi: [-0.3], sei: [0.35] }, egger: { intercept: 0.05, slope: 0.8 } });
    expect(elements(svg, 'circle', 'study')).toHaveLength(4);
    expect(elements(svg, 'circle', 'filled')).toHaveLength(1);
    // metafor's shading: widest triangle first (p ≤ 0.05 edge, gray75), then gray55, then white inside
    // the 0.10 edge, over a light-grey background for p ≤ 0.01; a legend entry for each of the four
    const contours = elements(svg, 'path', 'contour');
    expect(contours.map((c) => c['fill'])).toEqual(['#bfbfbf', '#8c8c8c', '#ffffff']);
    contours.forEach((c, i) => expect(Number(c['data-z'])).toBeCloseTo([2.576, 1.96, 1.645][i]!, 1));
    expect(elements(svg, 'rect', 'plot-area')[0]!['fill']).toBe('#d3d3d3');
    expect(elements(svg, 'rect', 'legend-key')).toHaveLength(4);
    for (const label of ['0.10 &lt; p ≤ 1.00', '0.05 &lt; p ≤ 0.10', '0.01 &lt; p ≤ 0.05', '0.00 &lt; p ≤ 0.01']) expect(svg).toContain(label);
    expect(svg).toContain('class="egger-line"');
    expect(svg).toContain('Standard Error');
  });
  it('puts larger standard errors lower (inverted axis)', () => {
    const svg = funnelPlot({ yi: [0, 0], sei: [0.1, 0.5], estimate: 0, scale: 'linear', xLabel: 'MD' });
    const [a, b] = elements(svg, 'circle', 'study').map((c) => Number(c['cy']));
    expect(b).toBeGreaterThan(a!);
  });
});

const rob: RobData = {
  tool: 'RoB 2',
  domains: ['Randomization', 'Deviations', 'Missing data', 'Measurement', 'Reporting'],
  levels: ['low', 'some', 'high'],
  studies: [
    { label: 'A', judgements: ['low', 'low', 'some', 'low', 'low'], overall: 'some', weight: 30 },
    { label: 'B', judgements: ['high', 'low', 'low', 'low', null], overall: 'high', weight: 70 },
  ],
};

describe('risk-of-bias plots', () => {
  it('traffic light: one symbol per judgement given, with its study and domain', () => {
    const svg = robTrafficLight(rob);
    expect((svg.match(/class="rob"/g) ?? []).length).toBe(11);
    expect(svg).toContain('data-study="B" data-domain="D1" data-judgement="high"');
    expect(svg).toContain('D1: Randomization');
  });
  it('summary shares sum to 100% per domain, weighted or not', () => {
    for (const weighted of [false, true]) for (const d of robSummaryShares(rob, weighted)) expect(d.shares.reduce((s, x) => s + x.percent, 0)).toBeCloseTo(100, 10);
    expect(robSummaryShares(rob, true)[0]!.shares.find((s) => s.level === 'high')!.percent).toBeCloseTo(70, 10);
    expect(robSummaryShares(rob, false)[0]!.shares.find((s) => s.level === 'high')!.percent).toBeCloseTo(50, 10);
    expect(robSummary(rob, true)).toContain('weighted by study weight');
  });
  it('puts beside a forest plot the tool that judged most of its studies, matching labels as the plot does', () => {
    const tool = (name: string, labels: string[]): RobData => ({ tool: name, domains: ['D'], levels: ['low'], studies: labels.map((label) => ({ label, judgements: ['low'], overall: 'low' })) });
    const rob2 = tool('RoB 2', ['Smith 2020', 'Lee 2021']);
    const robins = tool('ROBINS-I', ['Doe 2019', 'Ng 2018', 'Roe 2017']);
    expect(robForStudies([robins, rob2], ['smith 2020', 'Lee  2021', 'Doe 2019'])).toBe(rob2);
    expect(robForStudies([rob2, robins], ['Doe 2019', 'Ng 2018'])).toBe(robins);
    expect(robForStudies([rob2, robins], ['Kim 2022'])).toBeUndefined();
  });
  it('reads judgements as reviewers write them', () => {
    expect(['Low', 'Some concerns', 'High', 'Serious', 'Critical', 'No information', '+', 'x', '?', 'Moderate'].map((s) => parseJudgement(s))).toEqual(['low', 'some', 'high', 'serious', 'critical', 'unclear', 'low', 'high', 'unclear', 'moderate']);
    expect(parseJudgement('maybe')).toBeUndefined();
    expect(['Yes', 'No', "Can't tell", 'Can’t tell'].map((s) => parseJudgement(s))).toEqual(['yes', 'no', 'cant-tell', 'cant-tell']);
  });
  it('reads a judgement as one of a tool’s levels, a symbol as the level drawn with it, and refuses levels the tool does not use', () => {
    const checklist = ROB_TOOLS['mmat-desc']!.levels;
    expect(['+', 'x', '×', '?', 'Yes', 'No', 'CT'].map((s) => parseJudgement(s, checklist))).toEqual(['yes', 'no', 'no', 'cant-tell', 'yes', 'no', 'cant-tell']);
    // "Low" and "High" are another scale's words: a checklist answer is not guessed from them; − has no checklist answer
    expect(['Low', 'High', '-'].map((s) => parseJudgement(s, checklist))).toEqual([undefined, undefined, undefined]);
    const robins = ROB_TOOLS['robins-i']!.levels;
    expect(['Some concerns', '-', 'x', '!', 'High'].map((s) => parseJudgement(s, robins))).toEqual(['moderate', 'moderate', 'serious', 'critical', undefined]);
    expect(['Moderate', 'Serious', 'Yes'].map((s) => parseJudgement(s, ROB_TOOLS['rob2']!.levels))).toEqual(['some', undefined, undefined]);
  });
});

const counts = {
  databases: [{ name: 'MEDLINE', n: 100 }, { name: 'Embase', n: 80 }],
  removed: { duplicates: 30 },
  screened: 150,
  excluded: 120,
  sought: 30,
  not_retrieved: 2,
  assessed: 28,
  excluded_reasons: [{ reason: 'Wrong population', n: 18 }],
  included_studies: 9,
  included_reports: 10,
};

describe('PRISMA 2020 diagram', () => {
  it('draws the template boxes with their counts and phase labels', () => {
    const svg = prismaDiagram(parsePrismaCounts(counts));
    for (const id of ['identified', 'removed', 'screened', 'excluded', 'sought', 'not-retrieved', 'assessed', 'reports-excluded', 'included']) expect(svg).toContain(`data-id="${id}"`);
    for (const s of ['MEDLINE (n\u00a0=\u00a0100)', 'Records screened (n\u00a0=\u00a0150)', 'Wrong population (n\u00a0=\u00a018)', 'Studies included in review (n\u00a0=\u00a09)', 'Identification', 'Screening', 'Included']) expect(svg).toContain(s);
    expect(svg).not.toContain('via other methods');
  });
  it('adds the other-methods column when other sources are given', () => {
    const svg = prismaDiagram(parsePrismaCounts({ ...counts, other: { sources: [{ name: 'Citation searching', n: 4 }], sought: 4, not_retrieved: 0, assessed: 4, excluded_reasons: [{ reason: 'Wrong design', n: 3 }] } }));
    expect(svg).toContain('Identification of studies via other methods');
    expect(svg).toContain('data-id="other-excluded"');
  });
  it('checks the template arithmetic', () => {
    expect(checkPrismaCounts(parsePrismaCounts(counts))).toEqual([]);
    expect(checkPrismaCounts(parsePrismaCounts({ ...counts, screened: 151 }))[0]).toMatch(/records identified \(180\) − removed \(30\) ≠ records screened \(151\)/);
  });
  it('rejects bad counts naming the field', () => {
    expect(() => parsePrismaCounts({ ...counts, excluded: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_COUNTS', field: 'excluded' }));
    expect(() => parsePrismaCounts({ ...counts, databases: [{ name: 'MEDLINE', n: 'many' }] })).toThrow(expect.objectContaining({ code: 'INVALID_COUNTS', field: 'databases.0.n' }));
  });
  it('sizes boxes to their text: a long list of reasons makes a taller box', () => {
    const many = prismaDiagram(parsePrismaCounts({ ...counts, excluded_reasons: Array.from({ length: 8 }, (_, i) => ({ reason: `Reason ${i + 1} with some words`, n: 1 })) }));
    const height = (svg: string): number => Number(/data-id="reports-excluded"><rect[^>]*height="([\d.]+)"/.exec(svg)![1]);
    expect(height(many)).toBeGreaterThan(height(prismaDiagram(parsePrismaCounts(counts))));
  });
});

describe('effect direction plot', () => {
  it('draws an arrow per reported outcome, sized by sample size', () => {
    const svg = effectDirectionPlot({ domains: ['QoL', 'Symptoms'], studies: [{ label: 'A', n: 400, cells: ['benefit', 'mixed'] }, { label: 'B', n: 30, cells: ['harm', null] }] });
    expect((svg.match(/class="arrow benefit"/g) ?? []).length).toBe(2); // one in the plot, one in the legend
    expect((svg.match(/class="arrow harm"/g) ?? []).length).toBe(2);
  });

  it('keeps the n column clear of a long study label', () => {
    const label = 'Teleoncology Orientation of Low-Income';
    const svg = effectDirectionPlot({ domains: ['QoL'], studies: [{ label, n: 81, cells: ['benefit'] }] });
    const x = (content: string): number => Number(new RegExp(`<text x="([\\d.]+)"[^>]*>${content}</text>`).exec(svg)![1]);
    // the number is right-aligned: its left edge must lie past the label's right edge
    expect(x('81') - textWidth('81', 11)).toBeGreaterThan(x(label) + textWidth(label, 11));
  });
});

describe('text and scales', () => {
  it('measures with the shipped font and wraps at spaces, not inside "n = 19"', () => {
    expect(textWidth('MMMM', 10)).toBeGreaterThan(textWidth('iiii', 10));
    const lines = wrapText('Study design (review, protocol, editorial) (n\u00a0=\u00a019)', 180, 11);
    expect(lines.length).toBe(2);
    expect(lines[1]).toContain('(n\u00a0=\u00a019)');
  });
  it('log axes are symmetric about 1, linear axes have nice ticks', () => {
    const s = logScale(Math.log(0.3), Math.log(4), 0, 100);
    expect(s.ticks.map((t) => t.label)).toEqual(['0.2', '0.5', '1', '2', '5']);
    expect(s.at(0)).toBeCloseTo(50, 10);
    const lin = linearScale(-1.3, 0.7, 0, 100, { centre: 0, symmetric: true });
    expect(lin.ticks.map((t) => t.label)).toEqual(['−2', '−1', '0', '1', '2']);
    expect(lin.at(0)).toBeCloseTo(50, 10);
    expect(linearScale(0.12, 0.83, 0, 100).ticks.map((t) => t.label)).toEqual(['0', '0.2', '0.4', '0.6', '0.8', '1']);
  });
});
