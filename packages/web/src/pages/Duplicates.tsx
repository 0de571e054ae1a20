/** The duplicate queue: two records side by side, differing fields marked; M merges, K keeps apart. */
import { useCallback, useEffect, useState } from 'react';
import { api, type DedupSummary, type DuplicatePair, type RecordView } from '../api.js';
import type { ReviewContext } from './ReviewShell.js';

const FIELDS: [string, (r: RecordView & { database: string }) => string][] = [
  ['Database', (r) => r.database],
  ['Title', (r) => r.fields.title],
  ['Authors', (r) => r.fields.authors.map((a) => `${a.family} ${a.given}`.trim()).join('; ')],
  ['Year', (r) => String(r.fields.year ?? '')],
  ['Journal', (r) => r.fields.journal],
  ['Volume', (r) => r.fields.volume],
  ['Issue', (r) => r.fields.issue],
  ['Pages', (r) => r.fields.pages],
  ['DOI', (r) => r.fields.doi],
  ['PMID', (r) => r.fields.pmid],
];

export function Duplicates({ ctx }: { ctx: ReviewContext }) {
  const r = `/reviews/${ctx.review.id}`;
  const [queue, setQueue] = useState<{ total: number; pairs: DuplicatePair[] } | null>(null);
  const [summary, setSummary] = useState<DedupSummary | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(() => api<{ total: number; pairs: DuplicatePair[] }>('GET', `${r}/duplicates?limit=20`).then(setQueue, (e: Error) => setError(e.message)), [r]);
  useEffect(() => {
    void load();
  }, [load]);
  const pair = queue?.pairs[0];
  // one verdict per pair on screen (as the screening page's busy flag): a key pressed again before the
  // next pair arrives would otherwise settle (or overturn) the same pair instead of the next one
  const [settling, setSettling] = useState(false);
  const settle = useCallback(
    async (verdict: 'merge' | 'keep-apart') => {
      if (!pair || ctx.role === 'viewer' || settling) return;
      setSettling(true);
      try {
        setSummary(await api<DedupSummary>('POST', `${r}/duplicates/${pair.id}`, { verdict }));
        await load();
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setSettling(false);
      }
    },
    [pair, r, load, ctx.role, settling],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.target as HTMLElement | null)?.tagName === 'INPUT' || e.ctrlKey || e.metaKey) return;
      if (e.key === 'm') void settle('merge');
      else if (e.key === 'k') void settle('keep-apart');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [settle]);
  return (
    <main className="page">
      <h1>Duplicates</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {summary && (
        <p role="status">
          {summary.records} records: {summary.unique} unique, {summary.duplicatesRemoved} duplicates removed, {summary.pending} pairs to check.
        </p>
      )}
      {queue && <p>{queue.total === 0 ? 'No pairs left to check.' : `${queue.total} pair${queue.total === 1 ? '' : 's'} to check, most similar first.`}</p>}
      {pair && (
        <>
          <table className="pair">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Record {pair.a.id}</th>
                <th scope="col">Record {pair.b.id}</th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map(([label, get]) => {
                const x = get(pair.a);
                const y = get(pair.b);
                const differ = x.trim().toLowerCase() !== y.trim().toLowerCase();
                return (
                  <tr key={label} className={differ ? 'differ' : undefined}>
                    <th scope="row">
                      {label}
                      {differ && <span className="visually-hidden"> (differs)</span>}
                    </th>
                    <td>{x}</td>
                    <td>{y}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted">Similarity {pair.score.toFixed(2)}</p>
          {ctx.role !== 'viewer' && (
            <div className="actions">
              <button type="button" className="include" onClick={() => void settle('merge')} disabled={settling}>
                Same work: merge <kbd>M</kbd>
              </button>
              <button type="button" onClick={() => void settle('keep-apart')} disabled={settling}>
                Different works: keep apart <kbd>K</kbd>
              </button>
            </div>
          )}
        </>
      )}
    </main>
  );
}
