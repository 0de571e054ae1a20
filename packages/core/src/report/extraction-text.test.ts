import { describe, expect, it } from 'vitest';
import { appraisalText, extractionText } from './extraction-text.js';

describe('extractionText (PRISMA 2020 item 9)', () => {
  it('says how two blinded reviewers extracted, how often they agreed and how many studies a consensus settled', () => {
    const p = extractionText({
      reviewersPerRecord: 2,
      blinding: true,
      studies: [
        { status: 'settled', fields: { compared: 10, agreed: 9 } },
        { status: 'agreed', fields: { compared: 12, agreed: 12 } },
        { status: 'settled', fields: { compared: 8, agreed: 6 } },
      ],
    })!;
    expect(p.item).toBe('9');
    expect(p.text).toMatch(/^Two reviewers extracted the data of each included study independently, blinded to each other’s extractions until both were saved, on a form/);
    expect(p.text).not.toContain('not finished');
    // 27 of 30 fields
    expect(p.text).toContain('For the 3 studies extracted by both, the reviewers agreed on 90.0% of the 30 fields either filled; 2 studies were settled by consensus.');
  });

  it('says first what is still open while extraction goes on', () => {
    const p = extractionText({
      reviewersPerRecord: 2,
      blinding: false,
      studies: [
        { status: 'not started', fields: null },
        { status: 'in progress', fields: null },
        { status: 'in progress', fields: null },
        { status: 'to settle', fields: { compared: 4, agreed: 3 } },
      ],
    })!;
    expect(p.text).not.toContain('blinded');
    expect(p.text).toContain('Data extraction is not finished: of 4 studies included, 1 study not yet extracted, 2 studies extracted by one reviewer so far and 1 study awaiting consensus.');
    expect(p.text).toContain('For the 1 study extracted by both, the reviewers agreed on 75.0% of the 4 fields either filled.');
  });

  it('is one reviewer’s extraction when the review has one per record, and nothing before any study is included', () => {
    expect(extractionText({ reviewersPerRecord: 1, blinding: true, studies: [{ status: 'agreed', fields: null }] })!.text).toMatch(/^One reviewer extracted the data of each included study on a form[^.]*\.$/);
    expect(extractionText({ reviewersPerRecord: 2, blinding: true, studies: [] })).toBeNull();
  });
});

describe('appraisalText (PRISMA 2020 item 11)', () => {
  it('names the tools used, the blinding, the agreement on judgements and the consensus', () => {
    const p = appraisalText({ reviewersPerRecord: 2, blinding: true, tools: ['RoB 2', 'ROBINS-I'], studies: [{ status: 'settled', fields: { compared: 6, agreed: 4 } }, { status: 'agreed', fields: { compared: 8, agreed: 8 } }, { status: 'not started', fields: null }] })!;
    expect(p).toMatchObject({ item: '11', heading: 'Study risk of bias assessment' });
    expect(p.text).toBe(
      'Two reviewers assessed the risk of bias of each included study independently, blinded to each other’s assessments until both were saved, with the Cochrane RoB 2 tool for randomised trials and ROBINS-I for non-randomised studies of interventions, judging each domain and the study overall with support from the report; differences in judgements were settled by consensus. Risk-of-bias assessment is not finished: of 3 studies included, 1 study not yet assessed. For the 2 studies assessed by both, the reviewers agreed on 85.7% of the 14 judgements; 1 study was settled by consensus.',
    );
  });
});

describe('appraisalText with the MMAT', () => {
  it('says the MMAT once with the categories used', () => {
    expect(appraisalText({ reviewersPerRecord: 1, blinding: false, tools: ['RoB 2', 'MMAT descriptive', 'MMAT mixed methods'], studies: [{ status: 'agreed', fields: null }] })!.text).toBe(
      'One reviewer assessed the risk of bias of each included study with the Cochrane RoB 2 tool for randomised trials and the Mixed Methods Appraisal Tool (MMAT, version 2018) for quantitative descriptive and mixed methods studies, judging each domain and the study overall with support from the report.',
    );
  });
});

describe('appraisalText with the JBI checklists', () => {
  it('says JBI once with the designs whose checklists were used, beside the other tools', () => {
    expect(appraisalText({ reviewersPerRecord: 1, blinding: false, tools: ['RoB 2', 'JBI cohort', 'JBI qualitative', 'MMAT descriptive'], studies: [{ status: 'agreed', fields: null }] })!.text).toContain(
      'with the Cochrane RoB 2 tool for randomised trials, the Mixed Methods Appraisal Tool (MMAT, version 2018) for quantitative descriptive studies and the JBI critical appraisal checklists for cohort studies and qualitative research,',
    );
  });
});

describe('appraisalText with the CASP checklist', () => {
  it('names it among the tools', () => {
    expect(appraisalText({ reviewersPerRecord: 1, blinding: false, tools: ['RoB 2', 'CASP qualitative'], studies: [{ status: 'agreed', fields: null }] })!.text).toBe(
      'One reviewer assessed the risk of bias of each included study with the Cochrane RoB 2 tool for randomised trials and the CASP checklist for qualitative studies, judging each domain and the study overall with support from the report.',
    );
  });
});

describe('appraisalText with results judged apart', () => {
  it('says which outcomes’ results were judged apart from the study’s judgements', () => {
    const text = (outcomesApart: string[]) => appraisalText({ reviewersPerRecord: 1, blinding: false, tools: ['RoB 2'], outcomesApart, studies: [{ status: 'agreed', fields: null }] })!.text;
    expect(text(['Symptom burden', 'Depression'])).toContain("a study's result for some outcomes (Symptom burden and Depression) was judged apart where its risk of bias differed from the study's other results; the study's judgements hold for the rest.");
    expect(text([])).not.toContain('judged apart');
  });
});
