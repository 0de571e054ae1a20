import { describe, expect, it } from 'vitest';
import { isMetasiftError } from '../errors.js';
import { certaintyOf, certaintySymbols, gradeHints, gradeReasons, parseGrade } from './grade.js';

const OUTCOMES = ['Quality of life', 'Depression'];

describe('GRADE', () => {
  it('rates the certainty from where the evidence starts, down per domain and up for observational evidence', () => {
    const rct = parseGrade({ outcome: 'Quality of life', start: 'high', domains: { riskOfBias: { levels: 1, reason: 'Open-label, self-reported.' }, inconsistency: { levels: 1, reason: 'I² = 82%.' } } }, OUTCOMES);
    expect(certaintyOf(rct)).toBe('low');
    expect(certaintySymbols('low')).toBe('⊕⊕◯◯');
    expect(gradeReasons(rct)).toEqual(['Risk of bias (−1): Open-label, self-reported.', 'Inconsistency (−1): I² = 82%.']);
    expect(certaintyOf(parseGrade({ outcome: 'Depression', start: 'high' }, OUTCOMES))).toBe('high');
    // the scale stops at very low and at high
    expect(certaintyOf(parseGrade({ outcome: 'Depression', start: 'high', domains: { imprecision: { levels: 2, reason: 'wide' }, riskOfBias: { levels: 2, reason: 'high' } } }, OUTCOMES))).toBe('very low');
    const cohort = parseGrade({ outcome: 'Depression', start: 'low', up: { levels: 2, reason: 'Very large effect (RR 0.2).' } }, OUTCOMES);
    expect(certaintyOf(cohort)).toBe('high');
  });

  it('names every bad field: a level out of range, a step without a reason, rating trials up, an unknown outcome', () => {
    let message = '';
    try {
      parseGrade({ outcome: 'Pain', start: 'high', domains: { imprecision: { levels: 3 }, riskOfBias: { levels: 1, reason: ' ' }, size: {} }, up: { levels: 1, reason: 'large' } }, OUTCOMES);
    } catch (e) {
      if (isMetasiftError(e)) message = e.message;
    }
    for (const part of [
      'outcome: "Pain" is not an outcome of the protocol (Quality of life, Depression)',
      'domains.size: not a GRADE domain',
      'domains.riskOfBias.reason: say why (GRADE asks a reason for every level rated down)',
      'domains.imprecision.levels: must be 0, 1 or 2, got 3',
      'up: evidence from randomised trials starts high and is not rated up',
    ])
      expect(message).toContain(part);
  });

  it('keeps an assumed comparator risk with its source, and names a bad one', () => {
    const a = parseGrade({ outcome: 'Depression', start: 'high', assumedRisk: { perThousand: 250, source: ' national registry 2020 ' } }, OUTCOMES);
    expect(a.assumedRisk).toEqual({ perThousand: 250, source: 'national registry 2020' });
    expect(parseGrade({ outcome: 'Depression', start: 'high', assumedRisk: null }, OUTCOMES)).not.toHaveProperty('assumedRisk');
    expect(() => parseGrade({ outcome: 'Depression', start: 'high', assumedRisk: { perThousand: 1200, source: '' } }, OUTCOMES)).toThrow(
      'invalid GRADE assessment: assumedRisk.perThousand: a risk per 1,000 from 0 to 1,000, got 1200; assumedRisk.source: say where the assumed risk comes from (a cohort, a registry, a guideline)',
    );
    expect(() => parseGrade({ outcome: 'Depression', start: 'high', assumedRisk: '25%' }, OUTCOMES)).toThrow('assumedRisk: must be an object with "perThousand" and "source"');
  });

  it('states the numbers each domain rests on', () => {
    const h = gradeHints({ k: 6, participants: 353, ciLower: 0.09, ciUpper: 1.53, i2: 85.2, piLower: -1.2, piUpper: 2.8, rob: { assessed: 5, high: 2, some: 2 }, continuous: true });
    expect(h.riskOfBias).toBe('2 of 5 studies at high risk of bias overall, 2 with some concerns (1 not assessed yet).');
    expect(h.inconsistency).toBe('I² = 85%; the 95% prediction interval includes no effect.');
    expect(h.imprecision).toBe('The 95% CI excludes no effect; 353 participants, below the 400 of the optimal information size rule of thumb.');
    expect(h.publicationBias).toBe('6 studies: too few for a funnel plot test (10 or more).');
  });
});
