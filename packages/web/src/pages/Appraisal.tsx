/**
 * Risk of bias: the included studies with the tool each design calls for; for the chosen one, the user's
 * assessment (RoB 2, ROBINS-I, CASP qualitative, an MMAT category or a JBI checklist, blinded from the other reviewer's until both are saved), then the two
 * compared and settled; and robvis's traffic-light and summary plots of the final assessments, per tool.
 */
import { useEffect, useMemo, useState } from 'react';
import { ROB_TOOLS, robSummary, robTrafficLight, type RobAssessment, type RobData } from '@metasift/core';
import { api, type AppraisedStudy, type RobFigures } from '../api.js';
import { fromAppraisalForm, takeAppraisalField, toAppraisalForm, type AppraisalFormState } from '../appraisal-form.js';
import { useObjectUrl } from '../object-url.js';
import { appraisalFormFor } from './AppraisalForm.js';
import { DualEntryPanel, StudiesLayout, StudyList, useIncludedStudies, type EntryCodec } from './DualEntry.js';
import type { ReviewContext } from './ReviewShell.js';

export function Appraisal({ ctx, arg }: { ctx: ReviewContext; arg: string | undefined }) {
  const base = `/reviews/${ctx.review.id}/appraisal`;
  const { studies, error, load, selected } = useIncludedStudies<AppraisedStudy>(base, arg);
  const tool = selected?.suggestedTool ?? 'rob2';
  const codec = useMemo((): EntryCodec<RobAssessment, AppraisalFormState> => {
    const outcomes = ctx.review.protocol.outcomes.map((o) => o.name);
    return {
      noun: 'assessment',
      toForm: (data) => toAppraisalForm(data, tool, outcomes),
      fromForm: fromAppraisalForm,
      takeField: takeAppraisalField,
      Form: appraisalFormFor(outcomes),
      settled: 'The consensus is saved; the figures use it.',
    };
  }, [tool, ctx.review.protocol]);
  const toolCell = (s: AppraisedStudy) => (s.suggestedTool ? ROB_TOOLS[s.suggestedTool]!.name : <span className="muted small">{s.design || 'no design yet'}</span>);
  return (
    <main className="page extraction" aria-label="Risk of bias">
      <h1>Risk of bias</h1>
      <StudiesLayout
        studies={studies}
        error={error}
        list={studies && <StudyList ctx={ctx} page="appraisal" studies={studies} selected={selected} extra={{ heading: 'Tool', cell: toolCell }} />}
        panel={
          selected ? (
            <DualEntryPanel key={selected.recordIds[0]} ctx={ctx} study={selected} path={`${base}/records/${selected.recordIds[0]}`} codec={codec} onSaved={load} />
          ) : (
            <p className="muted">Choose a study to assess its risk of bias. The tool follows the design recorded in data extraction: RoB 2 for randomised trials, ROBINS-I for non-randomised studies of interventions, the CASP checklist for qualitative studies, the MMAT (2018) for descriptive and mixed methods studies; a review that appraises every design with the MMAT or the JBI checklists chooses the category per study.</p>
          )
        }
      />
      <Figures ctx={ctx} version={studies} />
    </main>
  );
}

/** The traffic-light and summary plots of the final assessments, one pair per tool, with SVG downloads. */
function Figures({ ctx, version }: { ctx: ReviewContext; version: unknown }) {
  const [figures, setFigures] = useState<RobFigures | null>(null);
  useEffect(() => {
    if (!version) return;
    api<RobFigures>('GET', `/reviews/${ctx.review.id}/appraisal/figures`).then(setFigures, () => setFigures(null));
  }, [ctx.review.id, version]);
  if (!figures || figures.tools.length === 0) return null;
  return (
    <section aria-label="Risk-of-bias figures">
      <h2>Risk-of-bias figures</h2>
      <p className="muted small">From each study's final assessment: the consensus, or two that agree{figures.notes.length > 0 && ` (${figures.notes.length} not final yet, left out)`}.</p>
      {figures.tools.map((d) => (
        <ToolFigures key={d.tool} data={d} />
      ))}
      {figures.outcomes.map((o) => (
        <section key={o.outcome} aria-label={`Risk of bias: ${o.outcome}`}>
          <h3>{o.outcome}: results judged apart</h3>
          <p className="muted small">The results some studies judged apart, with those judgements; the other studies' judgements as for the whole study.</p>
          {o.tools.map((d) => (
            <ToolFigures key={d.tool} data={d} />
          ))}
        </section>
      ))}
    </section>
  );
}

function ToolFigures({ data }: { data: RobData }) {
  const traffic = useMemo(() => robTrafficLight(data), [data]);
  const summary = useMemo(() => robSummary(data), [data]);
  const trafficUrl = useObjectUrl(traffic, 'image/svg+xml');
  const summaryUrl = useObjectUrl(summary, 'image/svg+xml');
  const named = data.outcome ? `${data.tool}, ${data.outcome}` : data.tool;
  const slug = named.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <div className="rob-figures">
      {data.outcome ? <h4>{data.tool}</h4> : <h3>{data.tool}</h3>}
      <img className="figure" src={trafficUrl} alt={`Traffic-light plot: ${named} judgements of ${data.studies.length} ${data.studies.length === 1 ? 'study' : 'studies'}`} />
      <img className="figure" src={summaryUrl} alt={`Summary plot: share of studies at each level of risk per ${named} domain`} />
      <p>
        <a href={trafficUrl} download={`rob-${slug}-traffic-light.svg`}>
          Download the traffic-light plot (SVG)
        </a>{' '}
        ·{' '}
        <a href={summaryUrl} download={`rob-${slug}-summary.svg`}>
          Download the summary plot (SVG)
        </a>
      </p>
    </div>
  );
}
