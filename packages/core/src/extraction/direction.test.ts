import { describe, expect, it } from 'vitest';
import { effectDirectionPlot } from '../figures/effect-direction.js';
import { signTest } from '../stats/distributions.js';
import { effectDirections } from './direction.js';
import type { OutcomeResult } from './form.js';

const means = (m1i: number, m2i: number, n = 40): OutcomeResult => ({ kind: 'continuous', values: { m1i, sd1i: 10, n1i: n, m2i, sd2i: 10, n2i: n }, timepoint: '', instrument: '', note: '' });
const OUTCOMES = [
  { name: 'Quality of life', direction: 'higher' as const, measure: 'SMD' },
  { name: 'Symptom burden', direction: 'lower' as const, measure: 'SMD' },
  { name: 'Mortality', direction: 'lower' as const, measure: 'RR' },
];

describe('vote counting by direction of effect', () => {
  it('computes the sign test as R’s binom.test does', () => {
    // binom.test(7, 8), (3, 10), (0, 5), (5, 10), (12, 40) in R 4
    expect([signTest(7, 8), signTest(3, 10), signTest(0, 5), signTest(5, 10), signTest(12, 40), signTest(0, 0)].map((p) => Number(p.toPrecision(6)))).toEqual([0.0703125, 0.34375, 0.0625, 1, 0.016589, 1]);
    expect(signTest(12, 40)).toBeCloseTo(0.0165890033749747, 14);
  });

  it('gives each result its direction from the protocol’s good direction, with a sign test per outcome', () => {
    const d = effectDirections(
      [
        { label: 'A', data: { characteristics: {}, outcomes: { 'Quality of life': means(60, 50), 'Symptom burden': means(20, 25), Mortality: { kind: 'binary', values: { ai: 3, n1i: 40, ci: 6, n2i: 40 }, timepoint: '', instrument: '', note: '' } } } },
        { label: 'B', data: { characteristics: {}, outcomes: { 'Quality of life': means(48, 50, 200), 'Symptom burden': means(25, 25) } } },
        { label: 'C', data: { characteristics: {}, outcomes: { Mortality: { kind: 'estimate', values: { estimate: 1.4, ci_lower: 0.9, ci_upper: 2.2 }, timepoint: '', instrument: '', note: '' } } } },
        { label: 'D', data: { characteristics: {}, outcomes: { 'Quality of life': { kind: 'continuous', values: { m1i: 1 }, timepoint: '', instrument: '', note: '' } } } },
        { label: 'E', data: { characteristics: {}, outcomes: {} } },
      ],
      OUTCOMES,
    );
    expect(d.plot.studies).toEqual([
      { label: 'A', n: 80, cells: ['benefit', 'benefit', 'benefit'] },
      { label: 'B', n: 400, cells: ['harm', 'mixed', null] },
      { label: 'C', cells: [null, null, 'harm'] },
    ]);
    expect(d.signTests).toEqual([
      { outcome: 'Quality of life', benefit: 1, harm: 1, none: 0, p: 1 },
      { outcome: 'Symptom burden', benefit: 1, harm: 0, none: 1, p: 1 },
      { outcome: 'Mortality', benefit: 1, harm: 1, none: 0, p: 1 },
    ]);
    expect(d.notes).toEqual(['D: Quality of life has no effect to give a direction (values missing, or data that cannot give a SMD).']);
    expect(effectDirectionPlot(d.plot)).toContain('class="arrow benefit"');
    // a measure metasift does not compute is said, not replaced by another
    const hr = effectDirections([{ label: 'A', data: { characteristics: {}, outcomes: { Mortality: { kind: 'estimate', values: { estimate: 0.7, ci_lower: 0.5, ci_upper: 0.98 }, timepoint: '', instrument: '', note: '' } } } }], [{ name: 'Mortality', direction: 'lower', measure: 'HR' }]);
    expect(hr.plot.studies).toEqual([]);
    expect(hr.notes).toEqual(['A: Mortality\'s measure "HR" in the protocol is not one metasift computes, so its result has no direction here.']);
  });
});

describe('vote counting with results reported as a direction only', () => {
  const only = (favours: 'intervention' | 'comparator' | 'neither' | null, n1i = 20): OutcomeResult => ({ kind: 'direction', values: { n1i, n2i: 20 }, favours, timepoint: '', instrument: 'ESAS', note: 'median only' });

  it('reads the arm the report favours as benefit or harm whichever way the scale runs, and counts it in the sign test', () => {
    const d = effectDirections(
      [
        { label: 'A', data: { characteristics: {}, outcomes: { 'Quality of life': means(60, 50), 'Symptom burden': only('intervention') } } },
        { label: 'B', data: { characteristics: {}, outcomes: { 'Symptom burden': only('comparator', 40) } } },
        { label: 'C', data: { characteristics: {}, outcomes: { 'Symptom burden': only('neither'), Mortality: only(null) } } },
      ],
      OUTCOMES,
    );
    expect(d.plot.studies).toEqual([
      { label: 'A', n: 80, cells: ['benefit', 'benefit', null] },
      { label: 'B', n: 60, cells: [null, 'harm', null] },
      { label: 'C', n: 40, cells: [null, 'mixed', null] },
    ]);
    expect(d.signTests[1]).toEqual({ outcome: 'Symptom burden', benefit: 1, harm: 1, none: 1, p: 1 });
    expect(d.notes).toEqual(['C: Mortality is reported as a direction only, but which arm it favours is not yet recorded.']);
  });
});

describe('vote counting within groups (SWiM: grouping studies for synthesis)', () => {
  it('stands the studies in groups by a characteristic, those without it last, with a sign test per group', () => {
    const study = (label: string, mode: string | undefined, m1i: number) => ({ label, data: { characteristics: (mode === undefined ? {} : { mode }) as Record<string, string>, outcomes: { 'Quality of life': means(m1i, 50) } } });
    const d = effectDirections([study('A', 'video', 60), study('B', undefined, 45), study('C', 'telephone', 55), study('D', 'video', 58), study('E', ' ', 40)], OUTCOMES, 'mode');
    expect(d.plot.studies.map((s) => [s.group, s.label])).toEqual([
      ['video', 'A'],
      ['video', 'D'],
      ['telephone', 'C'],
      ['Not reported', 'B'],
      ['Not reported', 'E'],
    ]);
    expect(d.groups!.map((g) => [g.group, g.signTests[0]!.benefit, g.signTests[0]!.harm])).toEqual([
      ['video', 2, 0],
      ['telephone', 1, 0],
      ['Not reported', 0, 2],
    ]);
    // the overall test is the same as ungrouped
    expect(d.signTests).toEqual(effectDirections([study('A', 'video', 60), study('B', undefined, 45), study('C', 'telephone', 55), study('D', 'video', 58), study('E', ' ', 40)], OUTCOMES).signTests);
    const svg = effectDirectionPlot({ ...d.plot, title: 'Effect direction' });
    expect(svg.match(/class="group"/g)).toHaveLength(3);
    expect(svg.indexOf('>telephone<')).toBeLessThan(svg.indexOf('>C<'));
  });
});

