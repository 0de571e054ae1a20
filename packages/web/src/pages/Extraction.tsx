/**
 * Data extraction: the included studies with their status; for the chosen one, the user's own
 * extraction (blinded from the other reviewer's until both are saved), then the two compared field by
 * field and settled into a consensus; and each outcome's analysis table, to open in the meta-analysis
 * page or download as the CSV `metasift meta` reads.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, type ExtractedOutcome, type IncludedStudy, type StudyCharacteristics, type StudyExtraction } from '../api.js';
import { fromForm, takeField, toForm, type FormState } from '../extraction-form.js';
import { useObjectUrl } from '../object-url.js';
import { ExtractionForm } from './ExtractionForm.js';
import type { ReviewContext } from './ReviewShell.js';

const STATUS_CLASS: Record<IncludedStudy['status'], string> = { 'not started': '', 'in progress': 'maybe', 'to settle': 'exclude', agreed: 'include', settled: 'include' };

export function Extraction({ ctx, arg }: { ctx: ReviewContext; arg: string | undefined }) {
  const base = `/reviews/${ctx.review.id}/extraction`;
  const [studies, setStudies] = useState<IncludedStudy[] | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => api<IncludedStudy[]>('GET', base).then(setStudies, (e: Error) => setError(e.message)), [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const selected = studies?.find((s) => String(s.recordIds[0]) === arg) ?? null;
  return (
    <main className="page extraction" aria-label="Data extraction">
      <h1>Data extraction</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {studies && studies.length === 0 && <p className="muted">No study is included yet: studies appear here once they are included at full text.</p>}
      {studies && studies.length > 0 && (
        <div className="extraction-layout">
          <nav aria-label="Included studies">
            <table>
              <caption>Included studies ({studies.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Study</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {studies.map((s) => (
                  <tr key={s.recordIds[0]} aria-current={s === selected ? 'true' : undefined}>
                    <td>
                      <a href={`#/reviews/${ctx.review.id}/extraction/${s.recordIds[0]}`}>{s.label}</a>
                    </td>
                    <td>
                      <span className={`badge ${STATUS_CLASS[s.status]}`}>{s.status}</span> <span className="muted small">{s.mine ? 'mine saved' : ''}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </nav>
          {selected ? <StudyPanel key={selected.recordIds[0]} ctx={ctx} study={selected} onSaved={load} /> : <p className="muted">Choose a study to extract its data.</p>}
        </div>
      )}
      <CharacteristicsTable ctx={ctx} version={studies} />
      <OutcomeTables ctx={ctx} version={studies} />
    </main>
  );
}

function StudyPanel({ ctx, study, onSaved }: { ctx: ReviewContext; study: IncludedStudy; onSaved: () => Promise<void> }) {
  const path = `/reviews/${ctx.review.id}/extraction/records/${study.recordIds[0]}`;
  const outcomes = useMemo(() => ctx.review.protocol.outcomes.map((o) => o.name), [ctx.review.protocol]);
  const [view, setView] = useState<StudyExtraction | null>(null);
  const [mine, setMine] = useState<FormState>(toForm(null, outcomes));
  const [agreed, setAgreed] = useState<FormState>(toForm(null, outcomes));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const show = useCallback(
    (v: StudyExtraction) => {
      setView(v);
      setMine(toForm(v.mine?.data ?? null, outcomes));
      // the consensus starts from the settled data, else from the first extraction (the differences marked)
      setAgreed(toForm(v.consensus?.data ?? v.comparison?.a.data ?? null, outcomes));
    },
    [outcomes],
  );
  useEffect(() => {
    api<StudyExtraction>('GET', path).then(show, (e: Error) => setError(e.message));
  }, [path, show]);

  const save = async (method: 'PUT' | 'POST', url: string, form: FormState, done: string): Promise<void> => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      show(await api<StudyExtraction>(method, url, fromForm(form)));
      setStatus(done);
      await onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (!view) return error ? <p role="alert" className="error">{error}</p> : <p className="loading">Loading…</p>;
  const canEdit = ctx.role !== 'viewer';
  const pair = view.comparison ? [view.comparison.a, view.comparison.b] : [];
  const differs = new Set(view.comparison?.differences.map((d) => d.path) ?? []);
  return (
    <section aria-label={`Extraction of ${study.label}`}>
      <h2>{study.label}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <p role="status" className="muted">
        {status}
      </p>
      {canEdit && (
        <details open={!view.comparison}>
          <summary>My extraction {view.mine ? `(saved ${new Date(view.mine.savedAt).toLocaleString()})` : '(not saved yet)'}</summary>
          {ctx.review.blinding && !view.comparison && <p className="muted small">Blinded: the other reviewer's extraction is shown once you have both saved yours.</p>}
          <ExtractionForm label="My extraction" form={mine} onChange={setMine} onSave={() => void save('PUT', path, mine, 'Your extraction is saved.')} saveLabel="Save my extraction" disabled={busy} />
        </details>
      )}
      {view.comparison && pair.length === 2 && (
        <section aria-label="Compare and settle">
          <h3>Compare and settle</h3>
          <p>
            {pair[0]!.reviewer} and {pair[1]!.reviewer} agree on {view.comparison.agreed} of {view.comparison.compared} fields.
            {view.consensus && ` Settled by ${view.consensus.reviewer} on ${new Date(view.consensus.savedAt).toLocaleString()}.`}
          </p>
          {view.comparison.differences.length > 0 && (
            <table className="differences">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">{pair[0]!.reviewer}</th>
                  <th scope="col">{pair[1]!.reviewer}</th>
                </tr>
              </thead>
              <tbody>
                {view.comparison.differences.map((d) => (
                  <tr key={d.path}>
                    <th scope="row">{d.label}</th>
                    {pair.map((p, i) => (
                      <td key={p.reviewerId}>
                        <span>{(i === 0 ? d.a : d.b) || '(empty)'}</span>{' '}
                        {canEdit && (
                          <button type="button" className="link" onClick={() => setAgreed((f) => takeField(f, d, p.data))} aria-label={`Use ${p.reviewer}'s value for ${d.label}`}>
                            use
                          </button>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canEdit && (
            <>
              <h4>Consensus</h4>
              <ExtractionForm label="Consensus" form={agreed} onChange={setAgreed} onSave={() => void save('POST', `${path}/consensus`, agreed, 'The consensus is saved; the analysis uses it.')} saveLabel="Save the consensus" disabled={busy} highlight={differs} />
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** The characteristics of included studies (PRISMA 2020 item 17) from the final data, with a CSV download. */
function CharacteristicsTable({ ctx, version }: { ctx: ReviewContext; version: unknown }) {
  const [t, setT] = useState<StudyCharacteristics | null>(null);
  useEffect(() => {
    if (!version) return;
    api<StudyCharacteristics>('GET', `/reviews/${ctx.review.id}/extraction/characteristics`).then(setT, () => setT(null));
  }, [ctx.review.id, version]);
  const csvUrl = useObjectUrl(t?.csv ?? null, 'text/csv');
  if (!t || t.rows.length === 0) return null;
  return (
    <section aria-label="Characteristics of included studies">
      <h2>Characteristics of included studies</h2>
      <p className="muted small">
        PRISMA 2020 item 17, from each study's final data{t.notes.length > 0 && ` (${t.notes.length} not final yet, left out)`}.{' '}
        <a href={csvUrl} download="characteristics-of-included-studies.csv">
          Download CSV
        </a>
      </p>
      <table className="characteristics">
        <thead>
          <tr>
            {t.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Each outcome's analysis table from the final data: open it in the meta-analysis page, or download it. */
function OutcomeTables({ ctx, version }: { ctx: ReviewContext; version: unknown }) {
  const outcomes = ctx.review.protocol.outcomes;
  const [tables, setTables] = useState<ExtractedOutcome[]>([]);
  useEffect(() => {
    if (!version) return;
    Promise.all(outcomes.map((o) => api<ExtractedOutcome>('GET', `/reviews/${ctx.review.id}/extraction/outcomes/${encodeURIComponent(o.name)}`))).then(setTables, () => setTables([]));
  }, [ctx.review.id, outcomes, version]);
  if (!outcomes.length) return <p className="muted">The protocol names no outcomes: add them in Setup to extract results.</p>;
  return (
    <section aria-label="Analysis tables">
      <h2>Analysis tables</h2>
      <p className="muted small">From each study's final data: the consensus, or two extractions that agree.</p>
      <ul className="outcome-tables">
        {tables.map((t) => (
          <OutcomeRow key={t.outcome} ctx={ctx} table={t} />
        ))}
      </ul>
    </section>
  );
}

function OutcomeRow({ ctx, table }: { ctx: ReviewContext; table: ExtractedOutcome }) {
  const csvUrl = useObjectUrl(table.csv, 'text/csv');
  return (
    <li>
      <strong>{table.outcome}</strong> ({table.measure}): {table.studies} {table.studies === 1 ? 'study' : 'studies'}{' '}
      {table.studies > 0 && (
        <>
          <a href={`#/reviews/${ctx.review.id}/analysis/${encodeURIComponent(table.outcome)}`}>Open in meta-analysis</a> ·{' '}
          {csvUrl && (
            <a href={csvUrl} download={`${table.outcome.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.csv`}>
              Download CSV
            </a>
          )}
        </>
      )}
      {table.notes.length > 0 && (
        <details>
          <summary className="small">{table.notes.length} notes</summary>
          <ul className="small">
            {table.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
