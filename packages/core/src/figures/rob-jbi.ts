/**
 * The JBI critical appraisal checklists (Joanna Briggs Institute; Tufanaru et al. 2017, Moola et al. 2017,
 * Lockwood et al. 2015, Munn et al. 2020), one per design, each question answered yes, no, unclear or
 * not applicable, and an overall appraisal that decides inclusion: include, seek further information,
 * exclude. JBI gives no rule for it from the questions: the reviewers decide.
 * The questions are given here in brief, in our words; the checklists' own wording is JBI's.
 */
import type { RobJudgement, RobToolDef } from './rob-style.js';

const JBI_LEVELS: readonly RobJudgement[] = ['yes', 'unclear', 'no', 'na'];
// JBI's answer where information is missing is "Unclear", not RoB 2's "No information"
const JBI_LABELS: Partial<Record<RobJudgement, string>> = { unclear: 'Unclear' };
const JBI_OVERALL: readonly RobJudgement[] = ['include', 'seek', 'exclude'];
const jbi = (design: string, questions: readonly string[]): RobToolDef => ({ name: `JBI ${design}`, levels: JBI_LEVELS, overallLevels: JBI_OVERALL, labels: JBI_LABELS, domains: questions, checklist: true });

export const JBI_TOOLS: Readonly<Record<string, RobToolDef>> = {
  'jbi-rct': jbi('randomized controlled trial', [
    'True randomization used',
    'Allocation concealed',
    'Groups similar at baseline',
    'Participants blind to assignment',
    'Those delivering treatment blind to assignment',
    'Outcome assessors blind to assignment',
    'Groups treated alike apart from the intervention',
    'Follow-up complete, or losses described and analysed',
    'Participants analysed in the groups they were randomized to',
    'Outcomes measured the same way in each group',
    'Outcomes measured reliably',
    'Appropriate statistical analysis',
    'Trial design appropriate, deviations accounted for',
  ]),
  'jbi-quasi': jbi('quasi-experimental', [
    'Clear which is the cause and which the effect',
    'Participants in the comparisons similar',
    'Comparisons receiving similar care apart from the intervention',
    'A control group',
    'Outcome measured several times before and after',
    'Follow-up complete, or differences described and analysed',
    'Outcomes measured the same way in each comparison',
    'Outcomes measured reliably',
    'Appropriate statistical analysis',
  ]),
  'jbi-cohort': jbi('cohort', [
    'Groups similar and recruited from the same population',
    'Exposure measured alike to assign exposed and unexposed',
    'Exposure measured validly and reliably',
    'Confounders identified',
    'Strategies to deal with confounders stated',
    'Participants free of the outcome at the start',
    'Outcomes measured validly and reliably',
    'Follow-up reported and long enough for outcomes to occur',
    'Follow-up complete, or losses described and explored',
    'Strategies to address incomplete follow-up used',
    'Appropriate statistical analysis',
  ]),
  'jbi-cross-sectional': jbi('analytical cross-sectional', [
    'Inclusion criteria clearly defined',
    'Participants and setting described in detail',
    'Exposure measured validly and reliably',
    'Objective, standard criteria for the condition',
    'Confounders identified',
    'Strategies to deal with confounders stated',
    'Outcomes measured validly and reliably',
    'Appropriate statistical analysis',
  ]),
  'jbi-case-series': jbi('case series', [
    'Clear inclusion criteria',
    'Condition measured in a standard, reliable way',
    'Valid methods to identify the condition',
    'Consecutive inclusion',
    'Complete inclusion',
    'Participants’ demographics clearly reported',
    'Participants’ clinical information clearly reported',
    'Outcomes or follow-up results clearly reported',
    'Sites’ or clinics’ demographics clearly reported',
    'Appropriate statistical analysis',
  ]),
  'jbi-qual': jbi('qualitative', [
    'Philosophical perspective congruent with the methodology',
    'Methodology congruent with the research question',
    'Methodology congruent with the data collection',
    'Methodology congruent with the analysis',
    'Methodology congruent with the interpretation',
    'Researcher located culturally or theoretically',
    'Researcher’s influence on the research addressed',
    'Participants and their voices adequately represented',
    'Ethical, with evidence of approval',
    'Conclusions flow from the analysis',
  ]),
};
