/**
 * Certainty of the evidence (GRADE) and the Summary of findings table: for each protocol outcome, the
 * random-effects meta-analysis of its extracted table (REML, the protocol's measure, computed in the page
 * as the meta-analysis tab does), the final risk-of-bias judgements of its studies, and the reviewers'
 * ratings per GRADE domain with the numbers each rests on; the table downloads as CSV.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { certaintyOf, certaintySymbols, GRADE_DOMAINS, isDichotomous, SOF_RISK_NOTE, tableToCsv, type GradeAssessment, type GradeDomain, type GradeStep } from '@metasift/core';
import { api } from '../api.js';
import { loadEvidence, sofRow, withAssumed, type Evidence } from '../evidence.js';
import { useObjectUrl } from '../object-url.js';
import type { ReviewContext } from './ReviewShell.js';

const empty = (outcome: string): GradeAssessment => ({ outcome, start: 'high', domains: Object.fromEntries(GRADE_DOMAINS.map(([d]) => [d, { levels: 0, reason: '' }])) as Record<GradeDomain, GradeStep>, up: { levels: 0, reason: '' } });

export function Grade({ ctx }: { ctx: ReviewContext }) {
  const outcomes = ctx.review.protocol.outcomes;
  const [evidence, setEvidence] = useState<Evidence[] | null>(null);
  const [saved, setSaved] = useState<GradeAssessment[]>([]);
  const [error, setError] = useState('');
  const load = useCallback(async () => {
    try {
      const loaded = await loadEvidence(ctx.review.id, outcomes);
      setEvidence(loaded.evidence);
      setSaved(loaded.grades);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [ctx.review.id, outcomes]);
  useEffect(() => {
    void load();
  }, [load]);
  const rows = useMemo(
    () =>
      (evidence ?? []).map((e) => {
        const a = saved.find((x) => x.outcome === e.outcome);
        return { e, a, sof: sofRow(e, a) };
      }),
    [evidence, saved],
  );
  const csv = useMemo(
    () =>
      tableToCsv({
        columns: ['outcome', 'studies', 'participants', 'effect (95% CI)', 'risk with comparator', 'risk with intervention', 'relative effect (95% CI)', 'certainty', 'comments'],
        rows: rows.map(({ e, a, sof }) => [e.outcome, String(e.k), sof.participants, sof.effect, sof.comparator, sof.intervention, sof.relative, a ? certaintyOf(a) : 'not rated', sof.comments]),
      }),
    [rows],
  );
  const csvUrl = useObjectUrl(evidence ? csv : null, 'text/csv');
  if (!outcomes.length) return <main className="page">The protocol names no outcomes: add them in Setup.</main>;
  return (
    <main className="page extraction" aria-label="Certainty of evidence">
      <h1>Certainty of evidence (GRADE)</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {!evidence && !error && <p className="loading">Loading…</p>}
      {evidence && (
        <>
          <table className="characteristics sof">
            <caption>Summary of findings: random-effects meta-analysis (REML) of each outcome’s final extracted data</caption>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Outcome
                </th>
                <th scope="colgroup" colSpan={2}>
                  Anticipated absolute effects (95% CI)
                </th>
                <th scope="col" rowSpan={2}>
                  Relative effect (95% CI)
                </th>
                <th scope="col" rowSpan={2}>
                  Studies (participants)
                </th>
                <th scope="col" rowSpan={2}>
                  Certainty
                </th>
                <th scope="col" rowSpan={2}>
                  Comments
                </th>
              </tr>
              <tr>
                <th scope="col">Risk with comparator</th>
                <th scope="col">Risk with intervention</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ e, sof }) => (
                <tr key={e.outcome}>
                  <th scope="row">{e.outcome}</th>
                  <td>{sof.comparator || '—'}</td>
                  <td>{sof.intervention || '—'}</td>
                  <td>{sof.relative || '—'}</td>
                  <td>{sof.studies}</td>
                  <td>{sof.certainty === 'not rated' ? <span className="muted">not rated</span> : sof.certainty}</td>
                  <td className="small">{sof.comments}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{SOF_RISK_NOTE}</p>
          <p>
            <a href={csvUrl} download="summary-of-findings.csv">
              Download the Summary of findings (CSV)
            </a>
          </p>
          {rows.map(({ e, a }) =>
            e.k === 0 ? (
              <p key={e.outcome} className="muted">
                {e.outcome}: {e.effect.startsWith('not available') ? e.effect : 'no study with final extracted data yet, nothing to rate.'}
              </p>
            ) : (
              <GradeForm key={`${e.outcome}-${JSON.stringify(a ?? null)}`} ctx={ctx} evidence={e} saved={a ?? empty(e.outcome)} onSaved={load} />
            ),
          )}
        </>
      )}
    </main>
  );
}

function GradeForm({ ctx, evidence, saved, onSaved }: { ctx: ReviewContext; evidence: Evidence; saved: GradeAssessment; onSaved: () => Promise<void> }) {
  const [a, setA] = useState<GradeAssessment>(saved);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const canEdit = ctx.role !== 'viewer';
  const setStep = (d: GradeDomain, s: Partial<GradeStep>): void => setA({ ...a, domains: { ...a.domains, [d]: { ...a.domains[d], ...s } } });
  const save = async (): Promise<void> => {
    setBusy(true);
    setError('');
    try {
      await api('PUT', `/reviews/${ctx.review.id}/grade`, a);
      await onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      aria-label={`GRADE: ${evidence.outcome}`}
      className="extraction-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset disabled={!canEdit || busy}>
        <legend>
          {evidence.outcome}: {certaintySymbols(certaintyOf(a))} {certaintyOf(a)}
        </legend>
        {error && <p role="alert" className="error">{error}</p>}
        <label>
          The evidence starts
          <select value={a.start} onChange={(e) => setA({ ...a, start: e.target.value as 'high' | 'low', up: e.target.value === 'high' ? { levels: 0, reason: '' } : a.up })}>
            <option value="high">high (randomised trials)</option>
            <option value="low">low (observational studies)</option>
          </select>
        </label>
        {GRADE_DOMAINS.map(([d, label]) => (
          <div key={d} className="grade-row">
            <label>
              {label}
              <select value={a.domains[d].levels} onChange={(e) => setStep(d, { levels: Number(e.target.value) as 0 | 1 | 2 })}>
                <option value={0}>not serious</option>
                <option value={1}>serious (−1)</option>
                <option value={2}>very serious (−2)</option>
              </select>
            </label>
            <label>
              Reason ({label.toLowerCase()})
              <input value={a.domains[d].reason} onChange={(e) => setStep(d, { reason: e.target.value })} />
            </label>
            {evidence.hints && <p className="muted small">{evidence.hints[d]}</p>}
          </div>
        ))}
        {a.start === 'low' && (
          <div className="grade-row">
            <label>
              Rated up
              <select value={a.up.levels} onChange={(e) => setA({ ...a, up: { ...a.up, levels: Number(e.target.value) as 0 | 1 | 2 } })}>
                <option value={0}>no</option>
                <option value={1}>+1</option>
                <option value={2}>+2</option>
              </select>
            </label>
            <label>
              Reason (rated up)
              <input value={a.up.reason} placeholder="large effect, dose–response, plausible confounding" onChange={(e) => setA({ ...a, up: { ...a.up, reason: e.target.value } })} />
            </label>
          </div>
        )}
        {evidence.pooled && isDichotomous(evidence.pooled.measure) && (
          <div className="grade-row">
            <label>
              Assumed comparator risk per 1,000
              <input
                inputMode="decimal"
                value={a.assumedRisk?.perThousand ?? ''}
                placeholder={evidence.absolute?.comparator.replace(' per 1,000', '') ?? ''}
                onChange={(e) => setA(withAssumed(a, e.target.value, a.assumedRisk?.source ?? ''))}
              />
            </label>
            <label>
              Where it comes from
              <input value={a.assumedRisk?.source ?? ''} placeholder="a cohort, a registry, a guideline" onChange={(e) => setA(withAssumed(a, String(a.assumedRisk?.perThousand ?? ''), e.target.value))} />
            </label>
            <p className="muted small">Blank: the study population, the included studies’ comparator events over their participants{evidence.absolute?.comparator ? ` (${evidence.absolute.comparator})` : ''}.</p>
          </div>
        )}
        {canEdit && <button type="submit">Save the rating of {evidence.outcome}</button>}
      </fieldset>
    </form>
  );
}

export default Grade;
