/**
 * What data extraction and risk-of-bias appraisal share on screen: the list of included studies with
 * their status, and one study's panel — the user's own entry (blinded from the other's until both are
 * saved), then the two compared field by field, each difference taken from either side into the
 * consensus form.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Difference } from '@metasift/core';
import { api, type IncludedStudyStatus, type StudyEntries } from '../api.js';
import type { ReviewContext } from './ReviewShell.js';

const STATUS_CLASS: Record<IncludedStudyStatus['status'], string> = { 'not started': '', 'in progress': 'maybe', 'to settle': 'exclude', agreed: 'include', settled: 'include' };

/** The included studies of a page (`base` is its API path) and the one the hash names. */
export function useIncludedStudies<S extends IncludedStudyStatus>(base: string, arg: string | undefined) {
  const [studies, setStudies] = useState<S[] | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => api<S[]>('GET', base).then(setStudies, (e: Error) => setError(e.message)), [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const selected = studies?.find((s) => String(s.recordIds[0]) === arg) ?? null;
  return { studies, error, load, selected };
}

/** The page's body: the list beside the chosen study's panel, or what to do first. */
export function StudiesLayout({ studies, error, list, panel }: { studies: unknown[] | null; error: string; list: ReactNode; panel: ReactNode }) {
  return (
    <>
      {error && <p role="alert" className="error">{error}</p>}
      {studies && studies.length === 0 && <p className="muted">No study is included yet: studies appear here once they are included at full text.</p>}
      {studies && studies.length > 0 && (
        <div className="extraction-layout">
          {list}
          {panel}
        </div>
      )}
    </>
  );
}

/** The included studies, each linking to its panel (`#/reviews/ID/PAGE/RECORD`), with its status and any extra cell. */
export function StudyList<S extends IncludedStudyStatus>({ ctx, page, studies, selected, extra }: { ctx: ReviewContext; page: string; studies: S[]; selected: S | null; extra?: { heading: string; cell: (s: S) => ReactNode } }) {
  return (
    <nav aria-label="Included studies">
      <table>
        <caption>Included studies ({studies.length})</caption>
        <thead>
          <tr>
            <th scope="col">Study</th>
            <th scope="col">Status</th>
            {extra && <th scope="col">{extra.heading}</th>}
          </tr>
        </thead>
        <tbody>
          {studies.map((s) => (
            <tr key={s.recordIds[0]} aria-current={s === selected ? 'true' : undefined}>
              <td>
                <a href={`#/reviews/${ctx.review.id}/${page}/${s.recordIds[0]}`}>{s.label}</a>
              </td>
              <td>
                <span className={`badge ${STATUS_CLASS[s.status]}`}>{s.status}</span> <span className="muted small">{s.mine ? 'mine saved' : ''}</span>
              </td>
              {extra && <td>{extra.cell(s)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </nav>
  );
}

export interface FormProps<F> {
  label: string;
  form: F;
  onChange: (f: F) => void;
  onSave: () => void;
  saveLabel: string;
  disabled: boolean;
  /** Paths of the fields the two entries differ in. */
  highlight?: ReadonlySet<string>;
}

/** An entry form's frame: its label, Ctrl+Enter (or the button) saves. */
export function EntryFormFrame({ label, onSave, saveLabel, disabled, className, children }: { label: string; onSave: () => void; saveLabel: string; disabled: boolean; className: string; children: ReactNode }) {
  return (
    <form
      aria-label={label}
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSave();
        }
      }}
    >
      {children}
      <p>
        <button type="submit" disabled={disabled}>
          {saveLabel}
        </button>{' '}
        <span className="muted small">
          or <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
      </p>
    </form>
  );
}

export interface EntryCodec<T, F> {
  /** "extraction", "assessment". */
  noun: string;
  toForm: (data: T | null) => F;
  fromForm: (form: F) => unknown;
  takeField: (form: F, d: Difference, source: T) => F;
  Form: (p: FormProps<F>) => ReactNode;
  /** What the status line says after the consensus is saved. */
  settled: string;
}

/** One study's entries: mine, then the comparison and the consensus when both are there. */
export function DualEntryPanel<T, F>({ ctx, study, path, codec, onSaved }: { ctx: ReviewContext; study: IncludedStudyStatus; path: string; codec: EntryCodec<T, F>; onSaved: () => Promise<void> }) {
  const { noun, toForm, fromForm, takeField, Form } = codec;
  const [view, setView] = useState<StudyEntries<T> | null>(null);
  const [mine, setMine] = useState<F>(() => toForm(null));
  const [agreed, setAgreed] = useState<F>(() => toForm(null));
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const show = useCallback(
    (v: StudyEntries<T>) => {
      setView(v);
      setMine(toForm(v.mine?.data ?? null));
      // the consensus starts from the settled entry, else from the first (the differences marked)
      setAgreed(toForm(v.consensus?.data ?? v.comparison?.a.data ?? null));
    },
    [toForm],
  );
  useEffect(() => {
    api<StudyEntries<T>>('GET', path).then(show, (e: Error) => setError(e.message));
  }, [path, show]);

  const save = async (method: 'PUT' | 'POST', url: string, form: F, done: string): Promise<void> => {
    setBusy(true);
    setError('');
    setStatus('');
    try {
      show(await api<StudyEntries<T>>(method, url, fromForm(form)));
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
  const c = view.comparison;
  const differs = new Set(c?.differences.map((d) => d.path) ?? []);
  return (
    <section aria-label={`${noun[0]!.toUpperCase()}${noun.slice(1)} of ${study.label}`}>
      <h2>{study.label}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <p role="status" className="muted">
        {status}
      </p>
      {canEdit && (
        <details open={!c}>
          <summary>
            My {noun} {view.mine ? `(saved ${new Date(view.mine.savedAt).toLocaleString()})` : '(not saved yet)'}
          </summary>
          {ctx.review.blinding && !c && <p className="muted small">Blinded: the other reviewer's {noun} is shown once you have both saved yours.</p>}
          <Form label={`My ${noun}`} form={mine} onChange={setMine} onSave={() => void save('PUT', path, mine, `Your ${noun} is saved.`)} saveLabel={`Save my ${noun}`} disabled={busy} />
        </details>
      )}
      {c && (
        <section aria-label="Compare and settle">
          <h3>Compare and settle</h3>
          <p>
            {c.a.reviewer} and {c.b.reviewer} agree on {c.agreed} of {c.compared} fields.
            {view.consensus && ` Settled by ${view.consensus.reviewer} on ${new Date(view.consensus.savedAt).toLocaleString()}.`}
          </p>
          {c.differences.length > 0 && (
            <table className="differences">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">{c.a.reviewer}</th>
                  <th scope="col">{c.b.reviewer}</th>
                </tr>
              </thead>
              <tbody>
                {c.differences.map((d) => (
                  <tr key={d.path}>
                    <th scope="row">{d.label}</th>
                    {[c.a, c.b].map((p, i) => (
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
              <Form label="Consensus" form={agreed} onChange={setAgreed} onSave={() => void save('POST', `${path}/consensus`, agreed, codec.settled)} saveLabel="Save the consensus" disabled={busy} highlight={differs} />
            </>
          )}
        </section>
      )}
    </section>
  );
}
