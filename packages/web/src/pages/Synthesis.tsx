/**
 * Narrative synthesis: the effect direction plot and a sign test per outcome from the final extracted
 * data (SWiM's vote counting by direction of effect), the results of individual studies per outcome
 * (pooled or not, with effect, direction and risk of bias), and themes coded across the included studies —
 * the themes, their excerpts by study, and the matrix of studies × themes — with downloads.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { characteristicsFor, effectDirectionPlot, tableToCsv, type ResultsTable, type SignTest } from '@metasift/core';
import { api, type ResultsTables, type ReviewEffectDirections, type Themes } from '../api.js';
import { useObjectUrl } from '../object-url.js';
import type { ReviewContext } from './ReviewShell.js';
import { RowTable } from './RowTable.js';

export function Synthesis({ ctx }: { ctx: ReviewContext }) {
  return (
    <main className="page extraction" aria-label="Narrative synthesis">
      <h1>Narrative synthesis</h1>
      <EffectDirection ctx={ctx} />
      <ResultsOfStudies ctx={ctx} />
      <ThemesSection ctx={ctx} />
    </main>
  );
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const pText = (p: number): string => (p < 0.001 ? '< 0.001' : p.toFixed(3));

function EffectDirection({ ctx }: { ctx: ReviewContext }) {
  const [d, setD] = useState<ReviewEffectDirections | null>(null);
  const [error, setError] = useState('');
  // SWiM's grouping for synthesis: the protocol's planned one to start with, or any characteristic of the review's
  const planned = ctx.review.protocol.synthesis_grouping ?? '';
  const [groupBy, setGroupBy] = useState(planned);
  const groupings = useMemo(() => characteristicsFor(ctx.review.protocol.extraction_fields).filter((c) => c.id !== 'notes'), [ctx.review.protocol]);
  useEffect(() => {
    api<ReviewEffectDirections>('GET', `/reviews/${ctx.review.id}/synthesis/effect-direction?groupBy=${encodeURIComponent(groupBy)}`).then(setD, (e: Error) => setError(e.message));
  }, [ctx.review.id, groupBy]);
  const svg = useMemo(() => (d && d.plot.studies.length > 0 ? effectDirectionPlot({ ...d.plot, title: 'Effect direction' }) : null), [d]);
  const url = useObjectUrl(svg, 'image/svg+xml');
  return (
    <section aria-label="Effect direction">
      <h2>Effect direction</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <p className="muted small">
        From each study's final extracted data: ▲ favours the intervention, ▼ favours the comparator, ◄► no difference — by the direction of the effect, not its significance, and which way is good for each
        outcome as the protocol says (SWiM, vote counting by direction of effect). Arrow size: under 50, 50–300, over 300 participants.
      </p>
      <label>
        Group studies by
        <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
          <option value="">no grouping</option>
          {groupings.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
              {c.id === planned ? ' (planned in the protocol)' : ''}
            </option>
          ))}
        </select>
      </label>
      {planned && groupBy !== planned && <p className="muted small">The protocol plans grouping by {groupings.find((c) => c.id === planned)?.label ?? planned}; the report groups that way.</p>}
      {d && d.plot.studies.length === 0 && <p className="muted">No study has final extracted data yet.</p>}
      {url && (
        <>
          <img className="figure" src={url} alt={`Effect direction plot of ${d!.plot.studies.length} studies`} />
          <p>
            <a href={url} download="effect-direction.svg">
              Download the effect direction plot (SVG)
            </a>
          </p>
        </>
      )}
      {d && d.plot.studies.length > 0 && <SignTests caption="Sign test per outcome (exact, two-sided)" rows={d.signTests.map((test) => ({ test }))} />}
      {d?.groups && d.plot.studies.length > 0 && (
        <SignTests caption="Sign test per group and outcome" rows={d.groups.flatMap((g) => g.signTests.filter((t) => t.benefit + t.harm + t.none > 0).map((test) => ({ group: g.group, test })))} />
      )}
      {d && d.notes.length > 0 && (
        <details>
          <summary className="small">{d.notes.length} studies or results left out</summary>
          <ul className="small">
            {d.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Sign tests, one row per outcome (and group, when grouped): the votes each way and the exact two-sided p. */
function SignTests({ caption, rows }: { caption: string; rows: { group?: string; test: SignTest }[] }) {
  const grouped = rows.some((r) => r.group !== undefined);
  return (
    <table className="characteristics">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {grouped && <th scope="col">Group</th>}
          <th scope="col">Outcome</th>
          <th scope="col">Favour the intervention</th>
          <th scope="col">Favour the comparator</th>
          <th scope="col">No difference</th>
          <th scope="col">p</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ group, test: t }) => (
          <tr key={`${group ?? ''}/${t.outcome}`}>
            {grouped ? <th scope="row">{group}</th> : null}
            {grouped ? <td>{t.outcome}</td> : <th scope="row">{t.outcome}</th>}
            <td>{t.benefit}</td>
            <td>{t.harm}</td>
            <td>{t.none}</td>
            <td>{t.benefit + t.harm > 0 ? pText(t.p) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The results of individual studies (PRISMA item 19; SWiM's tabulation): a table per outcome, each with a CSV download. */
function ResultsOfStudies({ ctx }: { ctx: ReviewContext }) {
  const [r, setR] = useState<ResultsTables | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<ResultsTables>('GET', `/reviews/${ctx.review.id}/synthesis/results`).then(setR, (e: Error) => setError(e.message));
  }, [ctx.review.id]);
  const tables = r?.tables.filter((t) => t.rows.length > 0) ?? [];
  return (
    <section aria-label="Results of individual studies">
      <h2>Results of individual studies</h2>
      {error && <p role="alert" className="error">{error}</p>}
      <p className="muted small">
        Every study with a final result for each outcome, whether or not it can be pooled: the result as reported, the effect with its 95% CI on the protocol's measure where the numbers give one, its direction,
        and the outcome's risk of bias (PRISMA 2020 item 19; SWiM's tabulation). A result reported without usable numbers (medians, a p-value) is extracted as "Direction only" and counts here and in the effect direction.
      </p>
      {r && tables.length === 0 && <p className="muted">No study has final extracted results yet.</p>}
      {tables.map((t) => (
        <OutcomeResults key={t.outcome} table={t} />
      ))}
    </section>
  );
}

function OutcomeResults({ table }: { table: ResultsTable }) {
  const csv = useMemo(() => tableToCsv({ columns: [...table.columns], rows: table.rows.map((row) => [...row]) }), [table]);
  const url = useObjectUrl(csv, 'text/csv');
  const slug = table.outcome.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return (
    <>
      <RowTable className="characteristics" caption={table.outcome} columns={table.columns} rows={table.rows} />
      <p className="small">
        {url && (
          <a href={url} download={`results-${slug}.csv`}>
            Download the {table.outcome} results (CSV)
          </a>
        )}
      </p>
    </>
  );
}

function ThemesSection({ ctx }: { ctx: ReviewContext }) {
  const base = `/reviews/${ctx.review.id}/synthesis`;
  const [data, setData] = useState<Themes | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [theme, setTheme] = useState({ name: '', description: '' });
  const [code, setCode] = useState({ recordId: '', themeId: '', excerpt: '' });
  const load = useCallback(() => api<Themes>('GET', `${base}/themes`).then(setData, (e: Error) => setError(e.message)), [base]);
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (f: () => Promise<unknown>, done: string): Promise<boolean> => {
    setError('');
    setStatus('');
    try {
      await f();
      setStatus(done);
      await load();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const csv = useMemo(
    () => (data ? tableToCsv({ columns: ['theme', 'study', 'excerpt'], rows: data.themes.flatMap((t) => t.codes.map((c) => [t.name, c.study, c.excerpt])) }) : null),
    [data],
  );
  const csvUrl = useObjectUrl(csv, 'text/csv');
  if (!data) return error ? <p role="alert" className="error">{error}</p> : null;
  const canEdit = ctx.role !== 'viewer';
  return (
    <section aria-label="Themes">
      <h2>Themes</h2>
      <p className="muted small">Themes coded across all included studies (for example the requirements of implementation), each code an excerpt of one study. Removing a code keeps it in the audit trail.</p>
      {error && <p role="alert" className="error">{error}</p>}
      <p role="status" className="muted">
        {status}
      </p>
      {canEdit && (
        <div className="synthesis-forms">
          <form
            aria-label="Add a theme"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => api('POST', `${base}/themes`, theme), `Theme “${theme.name.trim()}” added.`).then((ok) => ok && setTheme({ name: '', description: '' }));
            }}
          >
            <label>
              Theme
              <input value={theme.name} onChange={(e) => setTheme({ ...theme, name: e.target.value })} />
            </label>
            <label>
              Description
              <input value={theme.description} onChange={(e) => setTheme({ ...theme, description: e.target.value })} />
            </label>
            <button type="submit">Add the theme</button>
          </form>
          {data.themes.length > 0 && data.studies.length > 0 && (
            <form
              aria-label="Code an excerpt"
              onSubmit={(e) => {
                e.preventDefault();
                void act(() => api('POST', `${base}/themes/${code.themeId || data.themes[0]!.id}/codes`, { recordId: Number(code.recordId || data.studies[0]!.recordId), excerpt: code.excerpt }), 'Excerpt coded.').then(
                  (ok) => ok && setCode({ ...code, excerpt: '' }),
                );
              }}
            >
              <label>
                Study
                <select value={code.recordId} onChange={(e) => setCode({ ...code, recordId: e.target.value })}>
                  {data.studies.map((s) => (
                    <option key={s.recordId} value={s.recordId}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Under the theme
                <select value={code.themeId} onChange={(e) => setCode({ ...code, themeId: e.target.value })}>
                  {data.themes.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Excerpt
                <textarea rows={2} value={code.excerpt} placeholder="A quote or finding from the study, with its page" onChange={(e) => setCode({ ...code, excerpt: e.target.value })} />
              </label>
              <button type="submit">Code the excerpt</button>
            </form>
          )}
        </div>
      )}
      {data.themes.map((t) => (
        <section key={t.id} aria-label={`Theme: ${t.name}`} className="theme">
          <h3>
            {t.name} <span className="muted small">({count(t.codes.length, 'excerpt', 'excerpts')} from {count(new Set(t.codes.map((c) => c.recordId)).size, 'study', 'studies')})</span>
          </h3>
          {t.description && <p className="muted">{t.description}</p>}
          <ul>
            {t.codes.map((c) => (
              <li key={c.id}>
                <strong>{c.study}:</strong> {c.excerpt}{' '}
                {canEdit && (
                  <button type="button" className="link" aria-label={`Remove the excerpt of ${c.study} from ${t.name}`} onClick={() => void act(() => api('DELETE', `${base}/codes/${c.id}`), 'Code removed.')}>
                    remove
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {data.themes.length > 0 && (
        <>
          <table className="characteristics">
            <caption>Studies × themes (excerpts coded)</caption>
            <thead>
              <tr>
                <th scope="col">Study</th>
                {data.themes.map((t) => (
                  <th key={t.id} scope="col">
                    {t.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.studies.map((s) => (
                <tr key={s.recordId}>
                  <th scope="row">{s.label}</th>
                  {data.themes.map((t) => {
                    const n = t.codes.filter((c) => c.recordId === s.recordId).length;
                    return <td key={t.id}>{n || ''}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href={csvUrl} download="themes.csv">
              Download the coded excerpts (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}
