import { compareAssessments, parseAssessment } from '@metasift/core';
import { describe, expect, it } from 'vitest';
import { fromAppraisalForm, judgeApart, takeAppraisalField, toAppraisalForm, withTool } from './appraisal-form.js';

const A = parseAssessment({ tool: 'rob2', domains: [{ judgement: 'low', support: 'Sealed envelopes.' }, { judgement: 'some' }], overall: { judgement: 'some', support: 'D2' } });
const B = parseAssessment({ tool: 'rob2', domains: [{ judgement: 'some', support: 'Envelopes, not said if opaque.' }, { judgement: 'some' }, { judgement: 'low' }], overall: { judgement: 'some', support: 'D1, D2' } });

describe('the risk-of-bias form', () => {
  it('round-trips an assessment, with an entry for every domain of its tool', () => {
    const form = toAppraisalForm(A, 'robins-i');
    expect(form.tool).toBe('rob2');
    expect(form.domains).toHaveLength(5);
    expect(parseAssessment(fromAppraisalForm(form))).toEqual(A);
    expect(toAppraisalForm(null, 'robins-i').domains).toHaveLength(7);
  });

  it('takes each differing judgement or support from the other reviewer', () => {
    let form = toAppraisalForm(A, 'rob2');
    for (const d of compareAssessments(A, B).differences) form = takeAppraisalField(form, d, B);
    expect(parseAssessment(fromAppraisalForm(form))).toEqual(B);
  });

  it('starts the domains afresh for another tool and keeps an overall judgement only that tool has', () => {
    const robins = withTool(toAppraisalForm(A, 'rob2'), 'robins-i');
    expect(robins.domains.every((d) => d.judgement === '')).toBe(true);
    expect(robins.overall).toEqual({ judgement: '', support: 'D2' });
    expect(withTool(toAppraisalForm(parseAssessment({ tool: 'rob2', overall: { judgement: 'low' } }), 'rob2'), 'robins-i').overall.judgement).toBe('low');
  });
});

describe('results judged apart in the form', () => {
  const OUTCOMES = ['Quality of life', 'Symptom burden'];
  const C = parseAssessment({ ...(fromAppraisalForm(toAppraisalForm(A, 'rob2')) as object), results: [{ outcome: 'Symptom burden', domains: [{ judgement: 'low' }, { judgement: 'some' }, { judgement: 'high', support: '34% missing' }], overall: { judgement: 'high' } }] }, OUTCOMES);

  it('starts a result apart from the study’s judgements and round-trips it', () => {
    const form = judgeApart(toAppraisalForm(A, 'rob2'), 'Quality of life');
    expect(form.results[0]!.domains.map((d) => d.judgement)).toEqual(['low', 'some', '', '', '']);
    expect(form.results[0]!.overall).toEqual({ judgement: 'some', support: 'D2' });
    expect(judgeApart(form, 'Quality of life')).toBe(form);
    expect(parseAssessment(fromAppraisalForm(toAppraisalForm(C, 'rob2')), OUTCOMES)).toEqual(C);
    // an outcome dropped from the protocol leaves the form
    expect(toAppraisalForm(C, 'rob2', ['Quality of life']).results).toEqual([]);
  });

  it('takes the other reviewer’s result apart, its judgements, or the study-wide reading', () => {
    const D = parseAssessment({ ...(fromAppraisalForm(toAppraisalForm(C, 'rob2')) as object), results: [{ outcome: 'Symptom burden', domains: [{ judgement: 'low' }, { judgement: 'some' }, { judgement: 'some', support: 'imputed' }], overall: { judgement: 'some' } }, { outcome: 'Quality of life', overall: { judgement: 'low' } }] }, OUTCOMES);
    let form = toAppraisalForm(C, 'rob2');
    for (const d of compareAssessments(C, D, OUTCOMES).differences) form = takeAppraisalField(form, d, D);
    expect(parseAssessment(fromAppraisalForm(form), OUTCOMES)).toEqual(D);
    // and back: the result D judged apart and C did not goes
    for (const d of compareAssessments(D, C, OUTCOMES).differences) form = takeAppraisalField(form, d, C);
    expect(parseAssessment(fromAppraisalForm(form), OUTCOMES)).toEqual(C);
  });

  it('keeps the results apart, emptied, for another tool that judges results, and drops them for a checklist', () => {
    const form = toAppraisalForm(C, 'rob2');
    expect(withTool(form, 'robins-i').results.map((r) => [r.outcome, r.domains.length, r.overall.judgement])).toEqual([['Symptom burden', 7, '']]);
    expect(withTool(form, 'casp-qual').results).toEqual([]);
  });
});
