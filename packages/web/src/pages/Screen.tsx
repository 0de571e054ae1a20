/**
 * Screening one record at a time, by keyboard: I include, E exclude, M maybe, U undo my last decision,
 * N write a note; at full text an exclusion needs a reason (1–9 picks one). The next record is fetched
 * right after each decision; the time from key press to the next record on screen is kept in
 * window.__metasiftLatencies for the browser test.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { decisionToUndo } from '../undo.js';
import { api, STAGE_LABEL, type HistoryEntry, type Progress, type RecordView, type ReportView, type Stage, type StoppingStatus, type StudyView, type Verdict } from '../api.js';
import { highlight, matcher } from '../highlight.js';
import type { ReviewContext } from './ReviewShell.js';
import { PdfView } from '../PdfView.js';

declare global {
  interface Window {
    __metasiftLatencies?: number[];
  }
}

export function Screen({ ctx, stage }: { ctx: ReviewContext; stage: Stage }) {
  const base = `/reviews/${ctx.review.id}/screening/${stage}`;
  const [record, setRecord] = useState<RecordView | null | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [note, setNote] = useState('');
  const [choosingReason, setChoosingReason] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const started = useRef<number | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const m = useMemo(() => matcher(ctx.settings.highlight), [ctx.settings.highlight]);
  const canScreen = ctx.role !== 'viewer';

  // the side panels (progress, my history) refresh after the next record is on screen, not before it
  const [stopping, setStopping] = useState<StoppingStatus | null>(null);
  const ranked = stage === 'title_abstract' && ctx.settings.order === 'relevance';
  const refreshPanels = useCallback(async () => {
    const [p, h, st] = await Promise.all([
      api<Progress>('GET', `${base}/progress`),
      canScreen ? api<HistoryEntry[]>('GET', `${base}/history?limit=10`) : Promise.resolve([]),
      ranked ? api<StoppingStatus>('GET', `/reviews/${ctx.review.id}/stopping`) : Promise.resolve(null),
    ]);
    setProgress(p);
    setHistory(h);
    setStopping(st);
  }, [base, canScreen, ranked, ctx.review.id]);
  const beginSample = async (): Promise<void> => {
    try {
      setStopping(await api<StoppingStatus>('POST', `/reviews/${ctx.review.id}/stopping`, { recallTarget: 0.95, confidence: 0.95 }));
      await load();
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  };

  const load = useCallback(async () => {
    const next = canScreen ? await api<{ record: RecordView | null }>('GET', `${base}/next`) : { record: null };
    setRecord(next.record);
    setNote('');
    setChoosingReason(false);
    void refreshPanels().catch((e: Error) => setMessage(e.message));
  }, [base, canScreen, refreshPanels]);

  useEffect(() => {
    load().catch((e: Error) => setMessage(e.message));
  }, [load]);

  // the next record is on screen: note how long it took since the key press
  useEffect(() => {
    if (started.current === null || record === undefined) return;
    (window.__metasiftLatencies ??= []).push(performance.now() - started.current);
    started.current = null;
  }, [record]);

  const decide = useCallback(
    async (verdict: Verdict | null, reasons: string[] = [], recordId?: number) => {
      const id = recordId ?? record?.id;
      if (!id || busy) return;
      setBusy(true);
      setMessage('');
      started.current = performance.now();
      try {
        // the answer carries my next record: one round trip from key press to the next record
        const res = await api<{ next: RecordView | null }>('POST', `${base}/decisions?next=true`, { recordId: id, verdict, reasons, note });
        setRecord(res.next);
        setNote('');
        setChoosingReason(false);
        void refreshPanels().catch((e: Error) => setMessage(e.message));
        if (verdict === null) setMessage('Undone: the record is back in your queue.');
      } catch (e) {
        started.current = null;
        setMessage(e instanceof Error ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [record, busy, base, note, refreshPanels],
  );

  const undo = useCallback(() => {
    const last = decisionToUndo(history);
    if (last) void decide(null, [], last.recordId);
    else setMessage('Nothing to undo.');
  }, [history, decide]);

  const reasons = ctx.settings.exclusionReasons;
  // a layout effect: the handler for the next record is in place in the same commit that shows it, so a
  // key pressed the moment it appears is not met by the previous record's handler (still busy) and lost
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT')) {
        if (e.key === 'Escape') t.blur();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || !canScreen) return;
      const k = e.key.toLowerCase();
      if (choosingReason) {
        const n = Number(e.key);
        if (n >= 1 && n <= reasons.length) void decide('exclude', [reasons[n - 1]!]);
        else if (k === 'escape') setChoosingReason(false);
        e.preventDefault();
        return;
      }
      if (k === 'i') void decide('include');
      else if (k === 'm') void decide('maybe');
      else if (k === 'e') {
        // no reason list before the record is on screen: loading it would close the list again
        if (stage === 'full_text') setChoosingReason(Boolean(record));
        else void decide('exclude');
      } else if (k === 'r') setChoosingReason(Boolean(record));
      else if (k === 'u') undo();
      else if (k === 'n') noteRef.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide, undo, choosingReason, reasons, stage, canScreen, record]);

  const criteria = ctx.review.protocol.criteria;
  return (
    <main className="screen" aria-label={`${STAGE_LABEL[stage]} screening`}>
      <section className="record" aria-live="polite" aria-busy={busy}>
        <ProgressBar progress={progress} />
        {message && <p role="status" className="message">{message}</p>}
        {!canScreen && <p>Viewers follow progress; screening is for reviewers.</p>}
        {record === undefined && canScreen && <p className="loading">Loading…</p>}
        {record === null && (
          <div className="done">
            <h2>Nothing left for you at {STAGE_LABEL[stage].toLowerCase()}</h2>
            <p>{stage === 'title_abstract' ? 'Records appear here as they are imported.' : 'Records come here once they are included at title and abstract (agreed or resolved).'}</p>
          </div>
        )}
        {record && (
          <article>
            {stage === 'title_abstract' && ctx.settings.order === 'relevance' && (
              <p className="muted small order-note">
                {record.servedBy === 'relevance'
                  ? 'Ordered by relevance: the screening model (stemmed TF-IDF and word embeddings + linear SVM, plus each record’s likeness to its nearest included record) ranks the records you have not screened.'
                  : stopping?.sampling
                    ? 'Random sample for the stopping rule: the records not yet screened, in the seeded random order.'
                    : 'Seeded random order until the model has one include and one exclude to learn from.'}
              </p>
            )}
            <h2 className="title" data-record-id={record.id}>
              {highlight(record.fields.title || '(no title)', m)}
            </h2>
            <p className="meta">
              {[
                record.fields.authors.slice(0, 6).map((a) => `${a.family}${a.given ? ' ' + a.given.slice(0, 1) : ''}`).join(', ') + (record.fields.authors.length > 6 ? ' et al.' : ''),
                record.fields.year ? String(record.fields.year) : '',
                record.fields.journal,
                record.fields.doi ? `doi:${record.fields.doi}` : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <div className="abstract">{record.fields.abstract ? record.fields.abstract.split(/\n+/).map((p, i) => <p key={i}>{highlight(p, m)}</p>) : <p className="muted">No abstract.</p>}</div>
            {record.fields.keywords?.length ? <p className="muted small">Keywords: {record.fields.keywords.join('; ')}</p> : null}
            {stage === 'full_text' && <FullText ctx={ctx} recordId={record.id} />}
          </article>
        )}
        {record && canScreen && (
          <div className="actions">
            <button type="button" className="include" onClick={() => void decide('include')} disabled={busy}>
              Include <kbd>I</kbd>
            </button>
            <button type="button" className="maybe" onClick={() => void decide('maybe')} disabled={busy}>
              Maybe <kbd>M</kbd>
            </button>
            <button type="button" className="exclude" onClick={() => (stage === 'full_text' ? setChoosingReason(true) : void decide('exclude'))} disabled={busy}>
              Exclude <kbd>E</kbd>
            </button>
            <button type="button" onClick={undo} disabled={busy}>
              Undo <kbd>U</kbd>
            </button>
            <label className="note">
              Note <kbd>N</kbd>
              <textarea ref={noteRef} value={note} onChange={(e) => setNote(e.target.value)} rows={2} placeholder="Optional; Esc returns to the keys" />
            </label>
          </div>
        )}
        {choosingReason && (
          <div className="reasons" role="dialog" aria-label="Exclusion reason">
            <p>{stage === 'full_text' ? 'Why is it excluded? Press a number, or Esc.' : 'Exclude with a reason (optional at this stage): press a number, or Esc.'}</p>
            <ol>
              {reasons.map((r, i) => (
                <li key={r}>
                  <button type="button" onClick={() => void decide('exclude', [r])}>
                    <kbd>{i + 1}</kbd> {r}
                  </button>
                </li>
              ))}
            </ol>
          </div>
        )}
      </section>
      <aside className="side">
        <h3>Eligibility</h3>
        <ul className="criteria">
          {criteria.map((c) => (
            <li key={c.id} className={c.kind}>
              <strong>{c.id}</strong> {c.text}
            </li>
          ))}
        </ul>
        {ranked && stopping && (
          <section aria-label="Stopping rule" className="stopping">
            <h3>Stopping rule</h3>
            {!stopping.sampling ? (
              <>
                <p className="small">
                  When the ranking has found most relevant records, the owner begins a random sample of those not yet screened; the hypergeometric test (Callaghan & Müller-Hansen 2020) then says when recall reaches
                  95% with 95% confidence.
                </p>
                {ctx.role === 'owner' && (
                  <button type="button" onClick={() => void beginSample()}>
                    Begin the random sample
                  </button>
                )}
              </>
            ) : (
              <>
                <p className="small">
                  Random sample: {stopping.sampled} of {stopping.poolAtSample} screened, {stopping.sampledRelevant} relevant ({stopping.relevantBeforeSample} found by the ranking before).
                </p>
                {stopping.decision && (
                  <p className={stopping.decision.stop ? 'stop-yes' : 'small'} role="status">
                    {stopping.decision.stop ? 'You may stop: ' : 'Keep screening: '}
                    {stopping.decision.explanation}
                  </p>
                )}
              </>
            )}
          </section>
        )}
        <h3>Keys</h3>
        <p className="small">
          <kbd>I</kbd> include · <kbd>E</kbd> exclude{stage === 'full_text' ? ' (with a reason)' : ''} · <kbd>R</kbd> exclude with a reason · <kbd>M</kbd> maybe · <kbd>U</kbd> undo · <kbd>N</kbd> note
        </p>
        {history.length > 0 && (
          <>
            <h3>My last decisions</h3>
            <ol className="history">
              {history.map((h) => (
                <li key={h.decisionId}>
                  <span className={`badge ${h.verdict ?? 'undo'}`}>{h.verdict ?? 'undone'}</span> {h.title.slice(0, 70)}
                </li>
              ))}
            </ol>
          </>
        )}
      </aside>
    </main>
  );
}

function ProgressBar({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  return (
    <div className="progress">
      <span>
        Mine: <strong>{progress.mine}</strong> of {progress.total}
      </span>
      {progress.others.map((o) => (
        <span key={o.reviewerId}>
          {o.name}: {o.decided}
        </span>
      ))}
      <span>Remaining: {progress.remaining}</span>
      <span>Conflicts: {progress.conflicts}</span>
      <progress max={Math.max(progress.total, 1)} value={progress.mine} aria-label="My progress" />
    </div>
  );
}

function FullText({ ctx, recordId }: { ctx: ReviewContext; recordId: number }) {
  const [reports, setReports] = useState<ReportView[]>([]);
  const [error, setError] = useState('');
  const base = `/reviews/${ctx.review.id}/records/${recordId}`;
  const load = useCallback(() => api<ReportView[]>('GET', `${base}/reports`).then(setReports, (e: Error) => setError(e.message)), [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const upload = async (file: File): Promise<void> => {
    const f = new FormData();
    f.append('file', file);
    try {
      await api('POST', `${base}/reports`, f);
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const pdf = reports.find((r) => r.retrieval === 'retrieved');
  const [studies, setStudies] = useState<StudyView[]>([]);
  const [studyId, setStudyId] = useState('new');
  const [label, setLabel] = useState('');
  const loadStudies = useCallback(() => api<StudyView[]>('GET', `/reviews/${ctx.review.id}/studies`).then(setStudies, (e: Error) => setError(e.message)), [ctx.review.id]);
  useEffect(() => {
    void loadStudies();
  }, [loadStudies]);
  const linked = pdf ? studies.find((s) => s.reports.some((r) => r.id === pdf.id)) : undefined;
  const link = async (): Promise<void> => {
    if (!pdf) return;
    try {
      await api('POST', `/reviews/${ctx.review.id}/studies`, { reportIds: [pdf.id], studyId: studyId === 'new' ? null : Number(studyId), label });
      await loadStudies();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section className="fulltext" aria-label="Full text">
      {error && <p role="alert" className="error">{error}</p>}
      <div className="row">
        <label>
          Attach PDF <input type="file" accept="application/pdf" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
        </label>
        <button type="button" onClick={() => void api('POST', `${base}/not-retrieved`, { note: '' }).then(load, (e: Error) => setError(e.message))}>
          Mark not retrieved
        </button>
        {reports.some((r) => r.retrieval === 'not_retrieved') && <span className="badge exclude">not retrieved</span>}
      </div>
      {pdf && (
        <div className="row study">
          {linked ? (
            <span>
              Report of study <strong>{linked.label || `#${linked.id}`}</strong> ({linked.reports.length} report{linked.reports.length === 1 ? '' : 's'})
            </span>
          ) : (
            <>
              <label>
                Study
                <select value={studyId} onChange={(e) => setStudyId(e.target.value)}>
                  <option value="new">a new study</option>
                  {studies.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label || `study ${s.id}`} ({s.reports.length} reports)
                    </option>
                  ))}
                </select>
              </label>
              {studyId === 'new' && (
                <label>
                  Label
                  <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Smith 2020" />
                </label>
              )}
              <button type="button" onClick={() => void link()}>
                Link this report
              </button>
            </>
          )}
        </div>
      )}
      {pdf && <PdfView url={`/api/reviews/${ctx.review.id}/reports/${pdf.id}/file`} title={pdf.fileName} />}
    </section>
  );
}
