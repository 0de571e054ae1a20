import { compareAssessments, parseAssessment } from '@metasift/core';
import { describe, expect, it } from 'vitest';
import { fromAppraisalForm, takeAppraisalField, toAppraisalForm, withTool } from './appraisal-form.js';

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
