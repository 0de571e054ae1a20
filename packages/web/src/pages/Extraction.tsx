/**
 * Data extraction: the included studies with their status; for the chosen one, the user's own
 * extraction (blinded from the other reviewer's until both are saved), then the two compared field by
 * field and settled into a consensus; and each outcome's analysis table, to open in the meta-analysis
 * page or download as the CSV `metasift meta` reads.
 */
import { useEffect, useMemo, useState } from 'react';
import { characteristicsFor, type ExtractionData } from '@metasift/core';
import { api, extractedOutcomes, type ExtractedOutcome, type IncludedStudy, type OutcomeTableOrError, type StudyCharacteristics } from '../api.js';
import { fromForm, takeField, toForm, type FormState } from '../extraction-form.js';
import { useObjectUrl } from '../object-url.js';
import { DualEntryPanel, StudiesLayout, StudyList, useIncludedStudies, type EntryCodec } from './DualEntry.js';
import { extractionFormFor } from './ExtractionForm.js';
import type { ReviewContext } from './ReviewShell.js';
import { RowTable } from './RowTable.js';

export function Extraction({ ctx, arg }: { ctx: ReviewContext; arg: string | undefined }) {
  const base = `/reviews/${ctx.review.id}/extraction`;
  const { studies, error, load, selected } = useIncludedStudies<IncludedStudy>(base, arg);
  const codec = useMemo((): EntryCodec<ExtractionData, FormState> => {
    const outcomes = ctx.review.protocol.outcomes.map((o) => o.name);
    const characteristics = characteristicsFor(ctx.review.protocol.extraction_fields);
    return {
      noun: 'extraction',
      toForm: (data) => toForm(data, outcomes, characteristics),
      fromForm,
      takeField,
      Form: extractionFormFor(characteristics),
      settled: 'The consensus is saved; the analysis uses it.',
    };
  }, [ctx.review.protocol]);
  return (
    <main className="page extraction" aria-label="Data extraction">
      <h1>Data extraction</h1>
      <StudiesLayout
        studies={studies}
        error={error}
        list={studies && <StudyList ctx={ctx} page="extraction" studies={studies} selected={selected} />}
        panel={selected ? <DualEntryPanel key={selected.recordIds[0]} ctx={ctx} study={selected} path={`${base}/records/${selected.recordIds[0]}`} codec={codec} onSaved={load} /> : <p className="muted">Choose a study to extract its data.</p>}
      />
      <CharacteristicsTable ctx={ctx} version={studies} />
      <OutcomeTables ctx={ctx} version={studies} />
    </main>
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
      <RowTable className="characteristics" columns={t.columns} rows={t.rows} />
    </section>
  );
}

/** Each outcome's analysis table from the final data: open it in the meta-analysis page, or download it. */
function OutcomeTables({ ctx, version }: { ctx: ReviewContext; version: unknown }) {
  const outcomes = ctx.review.protocol.outcomes;
  const [tables, setTables] = useState<OutcomeTableOrError[]>([]);
  useEffect(() => {
    if (!version) return;
    void extractedOutcomes(ctx.review.id, outcomes).then(setTables);
  }, [ctx.review.id, outcomes, version]);
  if (!outcomes.length) return <p className="muted">The protocol names no outcomes: add them in Setup to extract results.</p>;
  return (
    <section aria-label="Analysis tables">
      <h2>Analysis tables</h2>
      <p className="muted small">From each study's final data: the consensus, or two extractions that agree.</p>
      <ul className="outcome-tables">
        {tables.map((t) =>
          'error' in t ? (
            <li key={t.outcome}>
              <strong>{t.outcome}</strong>: <span className="error">{t.error}</span>
            </li>
          ) : (
            <OutcomeRow key={t.outcome} ctx={ctx} table={t} />
          ),
        )}
      </ul>
    </section>
  );
}

function OutcomeRow({ ctx, table }: { ctx: ReviewContext; table: ExtractedOutcome }) {
  const csvUrl = useObjectUrl(table.csv, 'text/csv');
  return (
    <li>
      <strong>{table.outcome}</strong> ({table.measure}): {table.studies} {table.studies === 1 ? 'study' : 'studies'}
      {table.comparisons > table.studies && ` (${table.comparisons} comparisons)`}{' '}
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
