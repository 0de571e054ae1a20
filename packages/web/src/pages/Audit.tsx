/** The review's audit trail (owner): every change, who made it and when, with the fields it changed before and after. */
import { useEffect, useState } from 'react';
import { api, type Member } from '../api.js';
import { auditChanges, type FieldChange } from '../audit-diff.js';
import type { ReviewContext } from './ReviewShell.js';

interface Entry {
  id: number;
  at: string;
  actorId: number | null;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}

/** One side of the changed fields, a line each ("field: value"). */
function Side({ changes, side }: { changes: FieldChange[]; side: 'before' | 'after' }) {
  return (
    <>
      {changes.map((c) => (
        <div key={c.field}>
          {c.field && <span className="field">{c.field}: </span>}
          {c[side] || <span className="muted">—</span>}
        </div>
      ))}
    </>
  );
}

export function Audit({ ctx }: { ctx: ReviewContext }) {
  const r = `/reviews/${ctx.review.id}`;
  const [entries, setEntries] = useState<Entry[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (ctx.role !== 'owner') return;
    // both at once, so that the trail never shows "user 3" where a person's name follows a moment later
    Promise.all([api<Entry[]>('GET', `${r}/audit`), api<Member[]>('GET', `${r}/members`)]).then(
      ([e, m]) => {
        setMembers(m);
        setEntries(e);
      },
      (e: Error) => setError(e.message),
    );
  }, [r, ctx.role]);
  if (ctx.role !== 'owner') return <main className="page"><p>The audit trail is for the review's owner.</p></main>;
  const who = (id: number | null): string => (id === null ? 'system' : (members.find((m) => m.userId === id)?.name ?? `user ${id}`));
  const shown = entries.filter((e) => !filter || `${e.entity} ${e.action} ${who(e.actorId)}`.toLowerCase().includes(filter.toLowerCase())).slice(-500).reverse();
  return (
    <main className="page">
      <h1>Audit trail</h1>
      <p className="muted">Every change to the review, newest first; nothing is ever edited or deleted here.</p>
      {error && <p role="alert" className="error">{error}</p>}
      <label>
        Filter (entity, action or person)
        <input value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      <table className="audit">
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((e) => {
            const { changes, unchanged } = auditChanges(e.before, e.after);
            // something created has no before: its cell stays empty rather than a dash a field
            const created = e.before === null || e.before === undefined;
            return (
              <tr key={e.id}>
                <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
                <td>{who(e.actorId)}</td>
                <td>
                  {e.entity} {e.entityId}: {e.action}
                  {!created && unchanged > 0 && <div className="muted small">{unchanged} field{unchanged === 1 ? '' : 's'} unchanged</div>}
                </td>
                <td className="json">{!created && <Side changes={changes} side="before" />}</td>
                <td className="json">
                  <Side changes={changes} side="after" />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
