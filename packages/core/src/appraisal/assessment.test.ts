import { describe, expect, it } from 'vitest';
import { isMetasiftError } from '../errors.js';
import { needsSettling } from '../extraction/compare.js';
import { robTrafficLight } from '../figures/rob.js';
import { compareAssessments, parseAssessment, proposedOverall, robDataOf, suggestTool, type RobAssessment } from './assessment.js';

const rob2 = (js: (string | null)[], overall: string | null = null): RobAssessment =>
  parseAssessment({ tool: 'rob2', domains: js.map((j) => ({ judgement: j, support: '' })), overall: { judgement: overall, support: '' } });

describe('risk-of-bias assessments', () => {
  it('suggests the tool the design needs', () => {
    expect(['RCT', 'Cluster randomised trial', 'Non-randomised controlled trial', 'Prospective cohort', 'Qualitative interviews', 'Case series'].map(suggestTool)).toEqual(['rob2', 'rob2', 'robins-i', 'robins-i', 'casp-qual', null]);
  });

  it('proposes the overall judgement from the domains as the guidance does', () => {
    expect(proposedOverall(rob2(['low', 'low', 'low', 'low', 'low']))).toBe('low');
    expect(proposedOverall(rob2(['low', 'some', 'low', 'some', 'low']))).toBe('some');
    expect(proposedOverall(rob2(['low', 'some', 'high', 'low', 'unclear']))).toBe('high');
    expect(proposedOverall(rob2(['low', 'low', 'low', 'low', null]))).toBeNull();
    const robins = (js: string[]) => proposedOverall(parseAssessment({ tool: 'robins-i', domains: js.map((judgement) => ({ judgement })) }));
    expect(robins(['low', 'moderate', 'serious', 'low', 'low', 'moderate', 'low'])).toBe('serious');
    expect(robins(['low', 'moderate', 'critical', 'serious', 'low', 'low', 'low'])).toBe('critical');
    // missing information where nothing is serious: "no information"
    expect(robins(['low', 'moderate', 'unclear', 'low', 'low', 'low', 'low'])).toBe('unclear');
  });

  it('names each bad field: a judgement the tool does not use, too many domains, an unknown tool', () => {
    const message = (x: unknown): string => {
      try {
        parseAssessment(x);
      } catch (e) {
        if (isMetasiftError(e)) return e.message;
      }
      return 'no error';
    };
    expect(message({ tool: 'rob2', domains: [{ judgement: 'serious' }, null, 'low'], overall: { judgement: 'low', support: 5 } })).toBe(
      'invalid assessment: domains.1.judgement: "serious" is not a RoB 2 judgement (low = Low, some = Some concerns, high = High, unclear = No information); domains.3: must be an object with "judgement" and "support"; overall.support: must be text',
    );
    expect(message({ tool: 'rob2', domains: Array(6).fill(null) })).toBe('invalid assessment: domains: RoB 2 has 5 domains, got 6');
    expect(message({ tool: 'casp' })).toBe('invalid assessment: tool: must be one of rob2, robins-i, casp-qual');
    expect(message({ tool: 'casp-qual', domains: [{ judgement: 'low' }] })).toContain('domains.1.judgement: "low" is not a CASP qualitative judgement (yes = Yes, cant-tell = Can’t tell, no = No)');
  });

  it('compares two reviewers’ assessments domain by domain', () => {
    const a = parseAssessment({ tool: 'rob2', domains: [{ judgement: 'low', support: 'Central randomisation.' }, { judgement: 'some' }], overall: { judgement: 'some' } });
    const b = parseAssessment({ tool: 'rob2', domains: [{ judgement: 'low', support: 'Central  randomisation.' }, { judgement: 'high' }], overall: { judgement: 'high' } });
    const c = compareAssessments(a, b);
    expect(c.differences.map((d) => [d.label, d.a, d.b])).toEqual([
      ['D2 Bias due to deviations from intended interventions', 'Some concerns', 'High'],
      ['Overall', 'Some concerns', 'High'],
    ]);
    // the judgements are counted (D1, D2, overall); supports only shown
    expect([c.compared, c.agreed]).toEqual([3, 1]);
    const worded = compareAssessments(a, parseAssessment({ tool: 'rob2', domains: [{ judgement: 'low', support: 'Randomised centrally.' }, { judgement: 'some' }], overall: { judgement: 'some' } }));
    expect(worded.differences).toEqual([{ path: 'domains.1.support', label: 'D1 Bias arising from the randomization process: support', a: 'Central randomisation.', b: 'Randomised centrally.', key: 'domains.1.support', informational: true }]);
    expect([worded.compared, worded.agreed, needsSettling(worded), needsSettling(c)]).toEqual([3, 3, false, true]);
    expect(compareAssessments(a, parseAssessment({ tool: 'robins-i' })).differences).toEqual([{ path: 'tool', label: 'Tool', a: 'RoB 2', b: 'ROBINS-I', key: 'tool' }]);
  });

  it('gives the traffic-light plot the studies assessed with one tool', () => {
    const data = robDataOf('rob2', [
      { label: 'Smith 2020', assessment: rob2(['low', 'some', 'low', 'low', 'low'], 'some') },
      { label: 'Doe 2019', assessment: parseAssessment({ tool: 'robins-i' }) },
    ]);
    expect(data.studies).toEqual([{ label: 'Smith 2020', judgements: ['low', 'some', 'low', 'low', 'low'], overall: 'some' }]);
    expect(data.levels).toEqual(['low', 'some', 'high']);
    expect(robTrafficLight(data)).toContain('data-study="Smith 2020" data-domain="D2" data-judgement="some"');
  });
});

describe('the CASP checklist for qualitative studies', () => {
  it('answers nine questions yes, can’t tell or no, proposes no overall answer, and draws as robvis does', () => {
    const a = parseAssessment({ tool: 'casp-qual', domains: ['yes', 'yes', 'yes', 'cant-tell', 'yes', 'no', 'yes', 'yes', 'yes'].map((judgement) => ({ judgement })), overall: { judgement: 'yes', support: 'Minor concerns only.' } });
    expect(a.domains).toHaveLength(9);
    expect(proposedOverall(a)).toBeNull();
    const data = robDataOf('casp-qual', [{ label: 'Lee 2021', assessment: a }]);
    expect(data.tool).toBe('CASP qualitative');
    expect(data.levels).toEqual(['yes', 'cant-tell', 'no']);
    const svg = robTrafficLight(data);
    expect(svg).toContain('data-domain="D6" data-judgement="no"');
    expect(svg).toContain('Can’t tell');
  });
});
