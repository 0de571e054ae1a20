/** Review setup: the protocol (question, PICO, criteria, outcomes), members and roles, screening settings. */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { characteristicsFor } from '@metasift/core';
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
  const [pico, setPico] = useState(p.pico);
  const [outcomes, setOutcomes] = useState(p.outcomes.map((o) => `${o.name} | ${o.direction} | ${o.primary ? 'primary' : 'secondary'} | ${o.measure}`).join('\n'));
  const [registry, setRegistry] = useState(p.registry_id);
  const [analyses, setAnalyses] = useState(p.analyses.join('\n'));
  const [grouping, setGrouping] = useState(p.synthesis_grouping ?? '');
  const [fields, setFields] = useState((p.extraction_fields ?? []).map((f) => [f.id, f.label, f.hint, f.options.join('; ')].join(' | ').replace(/( \| )+$/, '')).join('\n'));
  const [invite, setInvite] = useState({ email: '', displayName: '', role: 'reviewer', password: '' });
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
    // each textarea holds one entry a line, its parts separated by |
    const entries = (text: string): string[][] => text.split('\n').filter((l) => l.trim()).map((l) => l.split('|').map((x) => x.trim()));
    const parsed = entries(criteria).map(([id, kind, ...text]) => ({ id, kind, text: text.join(' | ') }));
    const outs = entries(outcomes).map(([name, direction, primary, measure]) => ({ name, direction, primary: primary === 'primary', measure: measure || 'SMD' }));
    const extraction_fields = entries(fields).map(([id = '', label = '', hint = '', options = '']) => ({ id, label, hint, options: options.split(';').map((o) => o.trim()).filter(Boolean) }));
    const planned = analyses.split('\n').map((l) => l.trim()).filter(Boolean);
    void run('Protocol amendment', () => api('PUT', `${r}/protocol`, { protocol: { ...p, question, pico, criteria: parsed, outcomes: outs, analyses: planned, registry_id: registry, extraction_fields, synthesis_grouping: grouping }, reason }));
  };
  const saveSettings = (e: FormEvent): void => {
    e.preventDefault();
    void run('Settings', async () => {
      await api('PUT', `${r}/settings`, settings);
      await api('PUT', `${r}/blinding`, { blinding });
    });
  };
  // the grouping may name a field of the review's own only once it is saved in the protocol
  const groupings = useMemo(() => characteristicsFor(p.extraction_fields).filter((c) => c.id !== 'notes'), [p.extraction_fields]);
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
          {p.synthesis_grouping && (
            <>
              <dt>Grouping for synthesis</dt>
              <dd>{groupings.find((c) => c.id === p.synthesis_grouping)?.label ?? p.synthesis_grouping}</dd>
            </>
          )}
          {!!p.extraction_fields?.length && (
            <>
              <dt>Extraction fields</dt>
              <dd>{p.extraction_fields.map((f) => (f.options.length ? `${f.label} (${f.options.join(', ')})` : f.label)).join('; ')}</dd>
            </>
          )}
        </dl>
        <form className="grid" onSubmit={saveProtocol}>
          <label className="wide">
            Question
            <textarea value={question} onChange={(e) => setQuestion(e.target.value)} rows={3} disabled={!owner} />
          </label>
          {(['population', 'intervention', 'comparator', 'outcomes'] as const).map((k) => (
            <label key={k}>
              {k[0]!.toUpperCase() + k.slice(1)} (PICO)
              <textarea value={pico[k]} onChange={(e) => setPico({ ...pico, [k]: e.target.value })} rows={2} disabled={!owner} />
            </label>
          ))}
          <label className="wide">
            Outcomes, one a line: name | higher or lower (which is better) | primary or secondary | measure
            <textarea value={outcomes} onChange={(e) => setOutcomes(e.target.value)} rows={4} disabled={!owner} />
          </label>
          <label>
            Registry id (e.g. PROSPERO CRD42…)
            <input value={registry} onChange={(e) => setRegistry(e.target.value)} disabled={!owner} />
          </label>
          <label className="wide">
            Planned analyses, one a line
            <textarea value={analyses} onChange={(e) => setAnalyses(e.target.value)} rows={4} disabled={!owner} />
          </label>
          <label>
            Group studies for synthesis by (SWiM)
            <select value={grouping} onChange={(e) => setGrouping(e.target.value)} disabled={!owner}>
              <option value="">no grouping</option>
              {groupings.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label className="wide">
            Eligibility criteria, one a line: id | inclusion or exclusion | text
            <textarea value={criteria} onChange={(e) => setCriteria(e.target.value)} rows={6} disabled={!owner} />
          </label>
          <label className="wide">
            Extraction fields of the review’s own, one a line: id | label | hint | answers separated by ; (a choice; none for free text)
            <textarea value={fields} onChange={(e) => setFields(e.target.value)} rows={3} disabled={!owner} placeholder="framework | Theoretical framework | named in the methods | yes; no; unclear" />
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
          <label>
            Title/abstract order
            <select value={settings.order} onChange={(e) => setSettings({ ...settings, order: e.target.value as Settings['order'] })} disabled={!owner}>
              <option value="random">Seeded random order (the same for every reviewer)</option>
              <option value="relevance">By relevance (the screening model, refitted after every decision)</option>
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
        {owner && (
          <form
            className="grid"
            aria-label="Add a member"
            onSubmit={(e) => {
              e.preventDefault();
              void run('Member', async () => {
                await api('POST', `${r}/members`, { email: invite.email, displayName: invite.displayName, role: invite.role, ...(invite.password ? { password: invite.password } : {}) });
                setMembers(await api<Member[]>('GET', `${r}/members`));
                setInvite({ email: '', displayName: '', role: 'reviewer', password: '' });
              });
            }}
          >
            <label>
              Email
              <input type="email" value={invite.email} onChange={(e) => setInvite({ ...invite, email: e.target.value })} required />
            </label>
            <label>
              Name
              <input value={invite.displayName} onChange={(e) => setInvite({ ...invite, displayName: e.target.value })} />
            </label>
            <label>
              Role
              <select value={invite.role} onChange={(e) => setInvite({ ...invite, role: e.target.value })}>
                <option value="reviewer">reviewer</option>
                <option value="viewer">viewer</option>
                <option value="owner">owner</option>
              </select>
            </label>
            <label>
              Initial password (only for a new account)
              <input type="password" autoComplete="new-password" value={invite.password} onChange={(e) => setInvite({ ...invite, password: e.target.value })} minLength={8} />
            </label>
            <button type="submit">Add member</button>
          </form>
        )}
      </section>
    </main>
  );
}
