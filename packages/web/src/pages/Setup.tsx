/** Review setup: the protocol (question, PICO, criteria, outcomes), members and roles, screening settings. */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type Member, type Settings } from '../api.js';
import type { ReviewContext } from './ReviewShell.js';

export function Setup({ ctx }: { ctx: ReviewContext }) {
  const r = `/reviews/${ctx.review.id}`;
  const p = ctx.review.protocol;
  const owner = ctx.role === 'owner';
  const [members, setMembers] = useState<Member[]>([]);
  const [settings, setSettings] = useState<Settings>(ctx.settings);
  const [blinding, setBlinding] = useState(ctx.review.blinding);
  const [question, setQuestion] = useState(p.question);
  const [criteria, setCriteria] = useState(p.criteria.map((c) => `${c.id} | ${c.kind} | ${c.text}`).join('\n'));
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<Member[]>('GET', `${r}/members`).then(setMembers, (e: Error) => setError(e.message));
  }, [r]);
  const run = async (what: string, f: () => Promise<unknown>): Promise<void> => {
    setError('');
    setStatus('');
    try {
      await f();
      setStatus(`${what} saved.`);
      await ctx.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const saveProtocol = (e: FormEvent): void => {
    e.preventDefault();
    const parsed = criteria
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        const [id, kind, ...text] = l.split('|').map((x) => x.trim());
        return { id, kind, text: text.join(' | ') };
      });
    void run('Protocol amendment', () => api('PUT', `${r}/protocol`, { protocol: { ...p, question, criteria: parsed }, reason }));
  };
  const saveSettings = (e: FormEvent): void => {
    e.preventDefault();
    void run('Settings', async () => {
      await api('PUT', `${r}/settings`, settings);
      await api('PUT', `${r}/blinding`, { blinding });
    });
  };
  const lines = (xs: string[]): string => xs.join('\n');
  const unlines = (s: string): string[] => s.split('\n').map((x) => x.trim()).filter(Boolean);
  return (
    <main className="page setup">
      <h1>Setup</h1>
      {status && <p role="status">{status}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <section aria-labelledby="h-protocol">
        <h2 id="h-protocol">Protocol {p.registry_id && <span className="badge">{p.registry_id}</span>}</h2>
        <dl className="pico">
          <dt>Population</dt>
          <dd>{p.pico.population}</dd>
          <dt>Intervention</dt>
          <dd>{p.pico.intervention}</dd>
          <dt>Comparator</dt>
          <dd>{p.pico.comparator}</dd>
          <dt>Outcomes</dt>
          <dd>{p.outcomes.map((o) => `${o.name} (${o.direction} is better${o.primary ? ', primary' : ''})`).join('; ')}</dd>
          <dt>Planned analyses</dt>
          <dd>{p.analyses.join('; ')}</dd>
        </dl>
        <form className="grid" onSubmit={saveProtocol}>
          <label className="wide">
            Question
            <textarea value={question} onChange={(e) => setQuestion(e.target.value)} rows={3} disabled={!owner} />
          </label>
          <label className="wide">
            Eligibility criteria, one a line: id | inclusion or exclusion | text
            <textarea value={criteria} onChange={(e) => setCriteria(e.target.value)} rows={6} disabled={!owner} />
          </label>
          {owner && (
            <>
              <label className="wide">
                Reason for the amendment
                <input value={reason} onChange={(e) => setReason(e.target.value)} required />
              </label>
              <button type="submit">Amend the protocol</button>
            </>
          )}
        </form>
      </section>
      <section aria-labelledby="h-settings">
        <h2 id="h-settings">Screening</h2>
        <form className="grid" onSubmit={saveSettings}>
          <label>
            Reviewers per record
            <select value={settings.reviewersPerRecord} onChange={(e) => setSettings({ ...settings, reviewersPerRecord: Number(e.target.value) as 1 | 2 })} disabled={!owner}>
              <option value={2}>Two, independently</option>
              <option value={1}>One</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={blinding} onChange={(e) => setBlinding(e.target.checked)} disabled={!owner} /> Blind reviewers to each other's decisions
          </label>
          <label className="check">
            <input type="checkbox" checked={settings.maybeCountsAsInclude} onChange={(e) => setSettings({ ...settings, maybeCountsAsInclude: e.target.checked })} disabled={!owner} /> “Maybe” goes forward like an include
          </label>
          <label className="wide">
            Full-text exclusion reasons, one a line
            <textarea value={lines(settings.exclusionReasons)} onChange={(e) => setSettings({ ...settings, exclusionReasons: unlines(e.target.value) })} rows={6} disabled={!owner} />
          </label>
          <label>
            Highlight as include terms
            <textarea value={lines(settings.highlight.include)} onChange={(e) => setSettings({ ...settings, highlight: { ...settings.highlight, include: unlines(e.target.value) } })} rows={5} disabled={!owner} />
          </label>
          <label>
            Highlight as exclude terms
            <textarea value={lines(settings.highlight.exclude)} onChange={(e) => setSettings({ ...settings, highlight: { ...settings.highlight, exclude: unlines(e.target.value) } })} rows={5} disabled={!owner} />
          </label>
          {owner && <button type="submit">Save the settings</button>}
        </form>
      </section>
      <section aria-labelledby="h-members">
        <h2 id="h-members">Members</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    disabled={!owner || m.userId === ctx.me.id}
                    onChange={(e) => void run('Role', async () => {
                      await api('PUT', `${r}/members/${m.userId}`, { role: e.target.value });
                      setMembers(await api<Member[]>('GET', `${r}/members`));
                    })}
                  >
                    <option value="owner">owner</option>
                    <option value="reviewer">reviewer</option>
                    <option value="viewer">viewer</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
