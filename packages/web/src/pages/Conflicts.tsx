/** Conflicts (both decisions shown, the owner resolves) and agreement per reviewer pair: kappa with 95% CI, percent agreement, PABAK. */
import { useCallback, useEffect, useState } from 'react';
import { api, STAGE_LABEL, type Decision, type Member, type PairAgreement, type RecordView, type Stage, type Verdict } from '../api.js';
import type { ReviewContext } from './ReviewShell.js';

const fmt = (x: number | null, d = 2): string => (x === null || Number.isNaN(x) ? '—' : x.toFixed(d));

export function Conflicts({ ctx }: { ctx: ReviewContext }) {
  return (
    <main className="page">
      {(['title_abstract', 'full_text'] as Stage[]).map((s) => (
        <StageConflicts key={s} ctx={ctx} stage={s} />
      ))}
    </main>
  );
}

function StageConflicts({ ctx, stage }: { ctx: ReviewContext; stage: Stage }) {
  const r = `/reviews/${ctx.review.id}`;
  const [items, setItems] = useState<{ record: RecordView; decisions: Decision[] }[]>([]);
  const [agreement, setAgreement] = useState<PairAgreement[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState('');
  const load = useCallback(async () => {
    try {
      setAgreement(await api<PairAgreement[]>('GET', `${r}/screening/${stage}/agreement`));
      setMembers(await api<Member[]>('GET', `${r}/members`));
      if (ctx.role === 'viewer') return;
      const { recordIds } = await api<{ recordIds: number[] }>('GET', `${r}/screening/${stage}/conflicts`);
      setItems(await Promise.all(recordIds.slice(0, 50).map(async (id) => ({ record: await api<RecordView>('GET', `${r}/records/${id}`), decisions: await api<Decision[]>('GET', `${r}/screening/${stage}/records/${id}/decisions`) }))));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [r, stage, ctx.role]);
  useEffect(() => {
    void load();
  }, [load]);
  const name = (id: number): string => members.find((m) => m.userId === id)?.name ?? `user ${id}`;
  const settle = async (recordId: number, verdict: Verdict, reasons: string[]): Promise<void> => {
    try {
      await api('POST', `${r}/screening/${stage}/resolutions`, { recordId, verdict, reason: reasons[0] ?? '' });
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby={`h-${stage}`}>
      <h2 id={`h-${stage}`}>{STAGE_LABEL[stage]}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <h3>Agreement</h3>
      {agreement.length === 0 ? (
        <p className="muted">No record has been screened by two reviewers yet.</p>
      ) : (
        <table className="agreement">
          <thead>
            <tr>
              <th scope="col">Reviewers</th>
              <th scope="col">Records</th>
              <th scope="col">Agreement</th>
              <th scope="col">Cohen's κ (95% CI)</th>
              <th scope="col">PABAK</th>
            </tr>
          </thead>
          <tbody>
            {agreement.map((a) => (
              <tr key={`${a.reviewers[0].id}-${a.reviewers[1].id}`}>
                <td>
                  {a.reviewers[0].name} & {a.reviewers[1].name}
                </td>
                <td>{a.n}</td>
                <td>{(a.agreement * 100).toFixed(1)}%</td>
                <td className="kappa">
                  {fmt(a.kappa)} ({fmt(a.ci[0])} to {fmt(a.ci[1])})
                </td>
                <td>{fmt(a.pabak)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Conflicts</h3>
      {ctx.role === 'viewer' ? (
        <p className="muted">The review's owner, or a third reviewer, resolves conflicts.</p>
      ) : items.length === 0 ? (
        <p className="muted">{ctx.role === 'owner' ? 'No open conflicts.' : 'No open conflicts that you did not decide yourself (a third reviewer resolves those).'}</p>
      ) : (
        <ul className="conflicts">
          {items.map(({ record, decisions }) => (
            <li key={record.id} className="conflict">
              <h4>{record.fields.title}</h4>
              <ul>
                {decisions.map((d) => (
                  <li key={d.reviewerId}>
                    {name(d.reviewerId)}: <span className={`badge ${d.verdict}`}>{d.verdict}</span>
                    {d.reasons.length ? ` (${d.reasons.join('; ')})` : ''}
                    {d.note ? ` — “${d.note}”` : ''}
                  </li>
                ))}
              </ul>
              <button type="button" className="include" onClick={() => void settle(record.id, 'include', [])}>
                Resolve: include
              </button>
              <button type="button" className="exclude" onClick={() => void settle(record.id, 'exclude', decisions.flatMap((d) => d.reasons))}>
                Resolve: exclude
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
