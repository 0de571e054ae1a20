import { describe, expect, it } from 'vitest';
import { isMetasiftError } from '../errors.js';
import { needsSettling } from '../extraction/compare.js';
import { robTrafficLight } from '../figures/rob.js';
import { ROB_TOOLS } from '../figures/rob-style.js';
import { assessmentFor, compareAssessments, parseAssessment, proposedOverall, robDataOf, robFigureSet, robFiguresFor, screeningCaution, suggestTool, type RobAssessment } from './assessment.js';

const rob2 = (js: (string | null)[], overall: string | null = null): RobAssessment =>
  parseAssessment({ tool: 'rob2', domains: js.map((j) => ({ judgement: j, support: '' })), overall: { judgement: overall, support: '' } });

describe('risk-of-bias assessments', () => {
  it('suggests the tool the design needs', () => {
    expect(['RCT', 'Cluster randomised trial', 'Non-randomised controlled trial', 'Prospective cohort', 'Qualitative interviews', 'Case series'].map(suggestTool)).toEqual(['rob2', 'rob2', 'robins-i', 'robins-i', 'casp-qual', 'mmat-desc']);
    // descriptive designs have no intervention tool; mixed methods before the qualitative words they contain
    expect(['Cross-sectional survey', 'Observational cross-sectional', 'Mixed methods (survey and interviews)', 'Observational', 'Feasibility study'].map(suggestTool)).toEqual(['mmat-desc', 'mmat-desc', 'mmat-mixed', 'robins-i', null]);
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
    expect(message({ tool: 'casp' })).toBe('invalid assessment: tool: must be one of rob2, robins-i, casp-qual, mmat-qual, mmat-rct, mmat-nrs, mmat-desc, mmat-mixed, jbi-rct, jbi-quasi, jbi-cohort, jbi-cross-sectional, jbi-case-series, jbi-qual');
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

describe('the MMAT (2018)', () => {
  const mmat = (tool: string, js: string[]) => parseAssessment({ tool, domains: js.map((judgement) => ({ judgement })) });
  it('has the two screening questions and the five criteria of each category, answered yes, can’t tell or no', () => {
    for (const [tool, first] of [['mmat-qual', '1.1'], ['mmat-rct', '2.1'], ['mmat-nrs', '3.1'], ['mmat-desc', '4.1'], ['mmat-mixed', '5.1']] as const) {
      const def = ROB_TOOLS[tool]!;
      expect(def.domains).toHaveLength(7);
      expect(def.domains[0]).toMatch(/^S1\. /);
      expect(def.domains[2]!.startsWith(`${first} `)).toBe(true);
      expect(def.levels).toEqual(['yes', 'cant-tell', 'no']);
    }
    expect(() => mmat('mmat-rct', ['yes', 'yes', 'low'])).toThrow('domains.3.judgement: "low" is not a MMAT randomized judgement');
  });
  it('proposes no overall answer and cautions when a screening question is not answered yes', () => {
    const a = mmat('mmat-desc', ['yes', 'cant-tell', 'yes', 'no', 'yes', 'yes', 'yes']);
    expect(proposedOverall(a)).toBeNull();
    expect(screeningCaution(a)).toBe('S2 (Can’t tell): the MMAT advises that further appraisal may not be feasible or appropriate');
    expect(screeningCaution(mmat('mmat-desc', ['no', 'no']))).toMatch(/^S1 \(No\) and S2 \(No\): /);
    expect(screeningCaution(mmat('mmat-desc', ['yes', 'yes', 'no']))).toBeNull();
    // CASP's first two questions are not screening questions
    expect(screeningCaution(parseAssessment({ tool: 'casp-qual', domains: [{ judgement: 'no' }] }))).toBeNull();
  });
  it('draws each category as its own figure', () => {
    const studies = [
      { label: 'Ames 2019', assessment: mmat('mmat-desc', ['yes', 'yes', 'yes', 'no', 'yes', 'cant-tell', 'yes']) },
      { label: 'Bo 2020', assessment: mmat('mmat-mixed', ['yes', 'yes', 'yes', 'yes', 'no', 'yes', 'yes']) },
    ];
    const desc = robDataOf('mmat-desc', studies);
    expect([desc.tool, desc.studies.map((s) => s.label)]).toEqual(['MMAT descriptive', ['Ames 2019']]);
    expect(robTrafficLight(desc)).toContain('data-study="Ames 2019" data-domain="D4" data-judgement="no"');
  });
});

describe('results judged apart (RoB 2 and ROBINS-I judge results, not studies)', () => {
  const OUTCOMES = ['Quality of life', 'Symptom burden', 'Depression'];
  const low = ['low', 'low', 'low', 'low', 'low'].map((judgement) => ({ judgement }));
  // a self-reported symptom score, unblinded, with a third of the questionnaires missing, beside the study's other results
  const symptoms = { outcome: 'Symptom burden', domains: ['low', 'low', 'high', 'some', 'low'].map((judgement) => ({ judgement })), overall: { judgement: 'high', support: 'D3: 34% missing.' } };
  const study = parseAssessment({ tool: 'rob2', domains: low, overall: { judgement: 'low' }, results: [symptoms] }, OUTCOMES);

  it('holds the study’s judgements for every result not judged apart', () => {
    expect(assessmentFor(study, 'Symptom burden').overall).toEqual({ judgement: 'high', support: 'D3: 34% missing.' });
    expect(assessmentFor(study, 'Quality of life').overall.judgement).toBe('low');
    expect(assessmentFor(study).domains.map((d) => d.judgement)).toEqual(['low', 'low', 'low', 'low', 'low']);
    // an assessment without results is read as before
    expect(parseAssessment({ tool: 'rob2', domains: low }, OUTCOMES)).not.toHaveProperty('results');
  });

  it('names each bad result: an outcome the protocol lacks, one judged twice, a checklist judged per result', () => {
    const message = (x: unknown): string => {
      try {
        parseAssessment(x, OUTCOMES);
      } catch (e) {
        if (isMetasiftError(e)) return e.message;
      }
      return 'no error';
    };
    expect(message({ tool: 'rob2', results: [{ outcome: 'Pain', overall: { judgement: 'low' } }, { outcome: ' ', domains: [] }, symptoms, { ...symptoms, overall: { judgement: 'serious' } }] })).toBe(
      'invalid assessment: results.1.outcome: "Pain" is not an outcome of the protocol (Quality of life, Symptom burden, Depression); results.2.outcome: must name the outcome whose result is judged; results.4.outcome: "Symptom burden" is judged apart twice; results.4.overall.judgement: "serious" is not a RoB 2 judgement (low = Low, some = Some concerns, high = High, unclear = No information)',
    );
    expect(message({ tool: 'casp-qual', results: [symptoms] })).toBe('invalid assessment: results: CASP qualitative is answered for the whole study; results are judged apart with RoB 2 or ROBINS-I');
    expect(message({ tool: 'rob2', results: { outcome: 'Depression' } })).toContain('results: must be a list');
    expect(message({ tool: 'robins-i', results: [{ outcome: 'Depression', domains: Array(8).fill(null) }] })).toBe('invalid assessment: results.1.domains: ROBINS-I has 7 domains, got 8');
  });

  it('compares the results two reviewers judged apart, and counts one judging a result apart that the other did not', () => {
    const other = parseAssessment({ tool: 'rob2', domains: low, overall: { judgement: 'low' }, results: [{ ...symptoms, domains: ['low', 'low', 'some', 'some', 'low'].map((judgement) => ({ judgement })), overall: { judgement: 'some', support: 'D3' } }, { outcome: 'Depression', overall: { judgement: 'some' } }] }, OUTCOMES);
    const c = compareAssessments(study, other, OUTCOMES);
    expect(c.differences.filter((d) => !d.informational).map((d) => [d.path, d.a, d.b, d.outcome, d.key])).toEqual([
      ['results.Symptom burden.domains.3.judgement', 'High', 'Some concerns', 'Symptom burden', 'domains.3'],
      ['results.Symptom burden.overall.judgement', 'High', 'Some concerns', 'Symptom burden', 'overall'],
      ['results.Depression', 'no', 'yes', 'Depression', 'result'],
    ]);
    expect(c.differences.find((d) => d.informational)).toMatchObject({ path: 'results.Symptom burden.overall.support', label: 'Symptom burden: Overall: support', outcome: 'Symptom burden' });
    // the study's six judgements, the shared result's six, and the one result judged by one reviewer only
    expect([c.compared, c.agreed]).toEqual([13, 10]);
    expect(needsSettling(c)).toBe(true);
  });

  it('draws one outcome’s figures with its results’ judgements, the study’s where none was judged apart', () => {
    const other = parseAssessment({ tool: 'rob2', domains: low, overall: { judgement: 'some' } });
    const studies = [
      { label: 'Bakitas 2009', assessment: study },
      { label: 'Hoek 2017', assessment: other },
    ];
    const set = robFigureSet(studies, OUTCOMES);
    expect(set.tools.map((t) => t.studies.map((s) => s.overall))).toEqual([['low', 'some']]);
    expect(set.outcomes.map((o) => o.outcome)).toEqual(['Symptom burden']);
    const symptomFigure = robFiguresFor(set, 'Symptom burden')[0]!;
    expect(symptomFigure.studies.map((s) => [s.label, s.judgements[2], s.overall])).toEqual([
      ['Bakitas 2009', 'high', 'high'],
      ['Hoek 2017', 'low', 'some'],
    ]);
    expect(robTrafficLight(symptomFigure)).toContain('Risk of bias (RoB 2; Symptom burden)');
    // an outcome with no result judged apart takes the study-wide figures
    expect(robFiguresFor(set, 'Depression')).toBe(set.tools);
  });
});

describe('the JBI critical appraisal checklists', () => {
  it('has one checklist per design, answered yes, unclear, no or not applicable in JBI’s words', () => {
    expect(['jbi-rct', 'jbi-quasi', 'jbi-cohort', 'jbi-cross-sectional', 'jbi-case-series', 'jbi-qual'].map((t) => ROB_TOOLS[t]!.domains.length)).toEqual([13, 9, 11, 8, 10, 10]);
    const a = parseAssessment({ tool: 'jbi-cohort', domains: ['yes', 'yes', 'unclear', 'yes', 'no', 'na'].map((judgement) => ({ judgement })), overall: { judgement: 'include', support: 'Confounding addressed in the analysis.' } });
    expect(proposedOverall(a)).toBeNull();
    // the overall appraisal decides inclusion, in JBI's three words, not the questions' answers
    let overall = '';
    try {
      parseAssessment({ tool: 'jbi-cohort', overall: { judgement: 'yes' } });
    } catch (e) {
      if (isMetasiftError(e)) overall = e.message;
    }
    expect(overall).toBe('invalid assessment: overall.judgement: "yes" is not a JBI cohort overall judgement (include = Include, seek = Seek further info, exclude = Exclude)');
    let message = '';
    try {
      parseAssessment({ tool: 'jbi-qual', domains: [{ judgement: 'cant-tell' }] });
    } catch (e) {
      if (isMetasiftError(e)) message = e.message;
    }
    expect(message).toBe('invalid assessment: domains.1.judgement: "cant-tell" is not a JBI qualitative judgement (yes = Yes, unclear = Unclear, no = No, na = Not applicable)');
    const b = parseAssessment({ tool: 'jbi-cohort', domains: ['yes', 'yes', 'no'].map((judgement) => ({ judgement })), overall: { judgement: 'include' } });
    expect(compareAssessments(a, b).differences.filter((d) => !d.informational).map((d) => [d.a, d.b])[0]).toEqual(['Unclear', 'No']);
    // a checklist is answered for the study: no result judged apart
    expect(() => parseAssessment({ tool: 'jbi-rct', results: [{ outcome: 'Pain' }] })).toThrow('results: JBI randomized controlled trial is answered for the whole study');
  });

  it('draws its figures with JBI’s "Unclear" and a grey not applicable, only the levels used', () => {
    const a = parseAssessment({ tool: 'jbi-cross-sectional', domains: ['yes', 'unclear', 'na', 'no', 'yes', 'yes', 'yes', 'yes'].map((judgement) => ({ judgement })), overall: { judgement: 'seek' } });
    const data = robDataOf('jbi-cross-sectional', [{ label: 'Ng 2022', assessment: a }]);
    expect(data.levels).toEqual(['yes', 'unclear', 'no', 'na', 'include', 'seek', 'exclude']);
    expect(robTrafficLight(data)).toContain('data-domain="Overall" data-judgement="seek"');
    expect(robTrafficLight(data)).toContain('>Seek further info<');
    const svg = robTrafficLight(data);
    expect(svg).toContain('>Unclear<');
    expect(svg).not.toContain('No information');
    expect(svg).toContain('data-domain="D3" data-judgement="na"');
    const clean = parseAssessment({ tool: 'jbi-cross-sectional', domains: Array(8).fill({ judgement: 'yes' }) });
    expect(robDataOf('jbi-cross-sectional', [{ label: 'Ng 2022', assessment: clean }]).levels).toEqual(['yes', 'no', 'include', 'seek', 'exclude']);
  });
});
