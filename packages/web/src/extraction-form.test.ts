import { characteristicsFor, compareExtractions, parseExtraction, type ExtractionData } from '@metasift/core';
import { describe, expect, it } from 'vitest';
import { fromForm, takeField, toForm } from './extraction-form.js';

const OUTCOMES = ['Quality of life', 'Depression'];
const A: ExtractionData = {
  characteristics: { mode: 'video' },
  outcomes: { 'Quality of life': { kind: 'continuous', values: { m1i: 5.5, sd1i: 1, n1i: 20, m2i: 4, sd2i: 1.5, n2i: null }, timepoint: '6 weeks', instrument: '', note: '' } },
};
const B: ExtractionData = {
  characteristics: { mode: 'telephone' },
  outcomes: {
    'Quality of life': { kind: 'continuous', values: { m1i: 5.5, sd1i: 1, n1i: 21, m2i: 4, sd2i: 1.5, n2i: 19 }, timepoint: '6 weeks', instrument: '', note: '' },
    Depression: { kind: 'binary', values: { ai: 2, n1i: 21, ci: 5, n2i: 19 }, timepoint: '', instrument: 'HADS', note: '' },
  },
};

describe('the extraction form', () => {
  it('round-trips an extraction through the inputs, with a section for every protocol outcome', () => {
    const form = toForm(A, OUTCOMES);
    expect(form.outcomes['Depression']).toEqual({ kind: '', values: {}, favours: '', timepoint: '', instrument: '', note: '' });
    expect(form.outcomes['Quality of life']!.values).toMatchObject({ m1i: '5.5', n2i: '' });
    expect(parseExtraction(fromForm(form), OUTCOMES)).toEqual(A);
  });

  it('shows the review’s characteristics only: a field the protocol dropped is not sent back', () => {
    const fields = characteristicsFor([{ id: 'framework', label: 'Theoretical framework', hint: '' }]);
    const data = { ...A, characteristics: { mode: 'video', framework: 'yes', dropped: 'kept in the saved row' } };
    expect(toForm(data, OUTCOMES, fields).characteristics).toEqual({ mode: 'video', framework: 'yes' });
    expect(toForm(data, OUTCOMES).characteristics).toEqual({ mode: 'video' });
  });

  it('sends a half-typed number as typed, so the check names it, and drops fields of another kind', () => {
    const form = toForm(A, OUTCOMES);
    form.outcomes['Quality of life']!.values['sd1i'] = '1,5';
    form.outcomes['Quality of life']!.values['ai'] = '3';
    const body = fromForm(form) as { outcomes: Record<string, { values: Record<string, unknown> }> };
    expect(body.outcomes['Quality of life']!.values['sd1i']).toBe('1,5');
    expect(body.outcomes['Quality of life']!.values).not.toHaveProperty('ai');
    expect(() => parseExtraction(body, OUTCOMES)).toThrow('outcomes.Quality of life.values.sd1i: "1,5" is not a number');
  });

  it('takes a differing field, or a whole result, from the other reviewer', () => {
    let form = toForm(A, OUTCOMES);
    for (const d of compareExtractions(A, B, OUTCOMES).differences) form = takeField(form, d, B);
    expect(parseExtraction(fromForm(form), OUTCOMES)).toEqual(B);
  });

  it('round-trips a result reported as a direction only, and takes the other reviewer’s reading of it', () => {
    const C: ExtractionData = { ...A, outcomes: { ...A.outcomes, Depression: { kind: 'direction', values: { n1i: 21, n2i: 19 }, favours: 'intervention', timepoint: '', instrument: 'HADS', note: 'median 6 vs 8, p = 0.04' } } };
    const D: ExtractionData = { ...C, outcomes: { ...C.outcomes, Depression: { ...C.outcomes['Depression']!, favours: 'neither' } } };
    expect(toForm(C, OUTCOMES).outcomes['Depression']!.favours).toBe('intervention');
    expect(parseExtraction(fromForm(toForm(C, OUTCOMES)), OUTCOMES)).toEqual(C);
    let form = toForm(C, OUTCOMES);
    for (const d of compareExtractions(C, D, OUTCOMES).differences) form = takeField(form, d, D);
    expect(parseExtraction(fromForm(form), OUTCOMES)).toEqual(D);
    // another kind sends no direction
    form.outcomes['Depression']!.kind = 'binary';
    expect((fromForm(form) as { outcomes: Record<string, object> }).outcomes['Depression']).not.toHaveProperty('favours');
  });

  it('round-trips a multi-arm trial, and takes a comparison field by field or whole from the other reviewer', () => {
    const qol = B.outcomes['Quality of life']!;
    const M: ExtractionData = {
      ...B,
      comparisonLabel: 'video',
      moreComparisons: [
        { label: 'telephone', sharedComparator: true, characteristics: { mode: 'telephone' }, outcomes: { 'Quality of life': { ...qol, values: { ...qol.values, m1i: 5.1 } } } },
        { label: 'text', sharedComparator: false, characteristics: {}, outcomes: {} },
      ],
    };
    expect(parseExtraction(fromForm(toForm(M, OUTCOMES)), OUTCOMES)).toEqual(M);
    // the other reviewer: another label, not shared, another number, and no third arm
    const N: ExtractionData = { ...M, comparisonLabel: 'Video', moreComparisons: [{ ...M.moreComparisons![0]!, sharedComparator: false, characteristics: { mode: 'phone' }, outcomes: { 'Quality of life': { ...qol, values: { ...qol.values, m1i: 5.2 } } } }] };
    let form = toForm(M, OUTCOMES);
    // taken last first, so a dropped comparison does not move the others' indices
    for (const d of [...compareExtractions(M, N, OUTCOMES).differences].reverse()) form = takeField(form, d, N);
    expect(parseExtraction(fromForm(form), OUTCOMES)).toEqual(N);
    // and the third arm back from M, whole
    for (const d of compareExtractions(N, M, OUTCOMES).differences.filter((x) => x.key === 'comparison')) form = takeField(form, d, M);
    expect(form.moreComparisons.map((c) => c.label)).toEqual(['telephone', 'text']);
    // a two-arm study's body has no comparison fields
    expect(fromForm(toForm(A, OUTCOMES))).not.toHaveProperty('moreComparisons');
  });
});
