/**
 * Meta-analysis in the browser: the team chooses a data file with metafor's escalc columns (one row per
 * study, as `metasift meta` reads), picks the measure and model, and gets the report's text, the forest
 * and funnel plots, and downloads — the HTML report, the R script that checks every number in metafor,
 * the forest plot. Everything runs in the page with the same core as the CLI; nothing is uploaded.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  decodeBytes,
  errorLocation,
  cumulativeTable,
  influenceTable,
  isMetasiftError,
  METASIFT_VERSION,
  metaAnalysis,
  metaCommandLine,
  metaOutputs,
  MetasiftError,
  parseDataTable,
  robFiguresFor,
  riskOfBiasSubsets,
  robForStudies,
  sensitivityTable,
  smallStudyTable,
  STUDY_ID_COLUMN,
  subsetText,
  type DataTable,
  type MetaAnalysisReport,
  type RobData,
} from '@metasift/core';
import type { ReviewContext } from './ReviewShell.js';
import { RowTable } from './RowTable.js';
import { api, type AnalysisSpec, type ExtractedOutcome, type RobFigures } from '../api.js';
import { useObjectUrl } from '../object-url.js';

const MEASURES = ['SMD', 'MD', 'ROM', 'OR', 'RR', 'RD', 'PETO', 'ZCOR', 'COR', 'PLO', 'PR', 'GEN'];
const METHODS: [string, string][] = [
  ['REML', 'REML (random effects)'],
  ['DL', 'DerSimonian–Laird'],
  ['ML', 'Maximum likelihood'],
  ['PM', 'Paule–Mandel'],
  ['HE', 'Hedges'],
  ['SJ', 'Sidik–Jonkman'],
  ['EB', 'Empirical Bayes'],
  ['HS', 'Hunter–Schmidt'],
  ['EE', 'Common effect (inverse variance)'],
  ['MH', 'Mantel–Haenszel (2×2 tables)'],
  ['PETO', 'Peto (2×2 tables)'],
];

interface Choice {
  measure: string;
  method: string;
  test: string;
  level: string;
  subgroup: string;
  /** Moderator columns for a meta-regression (none: an intercept-only model). */
  mods: string[];
  /** Sensitivity analyses by subset, separated by semicolons: "risk_of_bias!=High; design=RCT". */
  sensitivity: string;
  /** The column a cumulative meta-analysis adds the studies in order of ("" for none). */
  cumulative: string;
  /** The column clustering the rows for cluster-robust tests ("" for none). */
  cluster: string;
  /** The column the rows are nested in for the three-level model ("" for the usual model). */
  multilevel: string;
}

/** The subsets written in the sensitivity field, one per semicolon. */
const subsetsOf = (text: string): string[] => text.split(';').map((x) => x.trim()).filter(Boolean);

/** Cochrane's usual sensitivity analyses on an extracted table's risk_of_bias column, for the values it holds. */
function robSubsets(table: DataTable | undefined): { label: string; spec: string }[] {
  const { withoutHigh, lowOnly } = table ? riskOfBiasSubsets(table) : { withoutHigh: null, lowOnly: null };
  return [
    ...(withoutHigh ? [{ label: `Leave out ${withoutHigh.values.join(', ').toLowerCase()} risk of bias`, spec: subsetText(withoutHigh) }] : []),
    ...(lowOnly ? [{ label: 'Only low risk of bias', spec: subsetText(lowOnly) }] : []),
  ];
}

interface Result {
  paragraphs: { item: string; heading: string; text: string }[];
  forest: string;
  funnel: string | null;
  rScript: string;
  html: string;
  /** "12 studies analysed", or the comparisons and studies of a table with multi-arm trials, and a three-level model's clusters. */
  analysed: string;
  /** metafor's influence() per study. */
  influence: { columns: string[]; rows: string[][] } | null;
  sensitivity: { columns: string[]; rows: string[][] } | null;
  cumulative: { columns: string[]; rows: string[][] } | null;
  /** Egger's test, the rank test, trim-and-fill, PET-PEESE, the selection model and fail-safe N. */
  bias: { columns: string[]; rows: string[][] } | null;
  /** The cumulative meta-analysis's forest plot (SVG), one row per study added. */
  cumulativeForest: string | null;
}

/** What was analysed: studies, or comparisons from studies (rows sharing a study_id), and a three-level model's clusters. */
function analysedText(report: MetaAnalysisReport): string {
  const k = report['k'] as number;
  const studies = report['studies'] as number | undefined;
  const rows = studies !== undefined && studies < k ? `${k} comparisons from ${studies} ${studies === 1 ? 'study' : 'studies'} analysed` : `${k} ${k === 1 ? 'study' : 'studies'} analysed`;
  const ml = report['multilevel'] as { column: string; clusters: number } | undefined;
  return ml ? `${rows} (three-level model: ${ml.clusters} clusters by ${ml.column})` : rows;
}

/** The analysis and everything made from it, or the error to show. */
function analyse(table: DataTable, name: string, c: Choice, robTools: readonly RobData[]): Result {
  if (c.level.trim() === '' || !Number.isFinite(Number(c.level))) throw new MetasiftError('INVALID_LEVEL', 'the confidence level is empty: give a percentage such as 95', { field: 'level' });
  const model = { ...(c.subgroup && { subgroup: c.subgroup }), ...(c.mods.length > 0 && { mods: c.mods }) };
  const subsets = subsetsOf(c.sensitivity);
  const report = metaAnalysis(table, { ...(c.measure && { measure: c.measure }), method: c.method, test: c.test, level: Number(c.level), ...model, ...(subsets.length && { sensitivity: subsets }), ...(c.cumulative && { cumulative: c.cumulative }), ...(c.cluster && { cluster: c.cluster }), ...(c.multilevel && { multilevel: c.multilevel }) });
  const command = metaCommandLine(name, { measure: c.measure, method: c.method, test: c.test, level: c.level, subgroup: c.subgroup, mods: c.mods, sensitivity: subsets, cumulative: c.cumulative, cluster: c.cluster, multilevel: c.multilevel });
  // an extracted outcome's studies with final risk-of-bias judgements show them beside the rows, RevMan style
  const studyCol = table.columns.indexOf('study');
  const rob = studyCol < 0 ? undefined : robForStudies(robTools, table.rows.map((row) => row[studyCol] ?? ''));
  const made = metaOutputs(table, report, { ...model, command, title: `Meta-analysis of ${name}`, generator: `metasift ${METASIFT_VERSION} (web app)`, ...(rob && { figure: { rob } }) });
  return { paragraphs: made.paragraphs, forest: made.forestSvg, funnel: made.funnelSvg, rScript: made.rScript, html: made.html, analysed: analysedText(report), influence: influenceTable(report), sensitivity: sensitivityTable(report), cumulative: cumulativeTable(report), bias: smallStudyTable(report), cumulativeForest: made.cumulativeForestSvg };
}

/**
 * The choice with the three-level model on `column` (or off): it is fitted by REML or ML with a z or t
 * test, as rma.mv, so another model gives way and Knapp–Hartung becomes t (which the usual model has too).
 */
function withMultilevel(c: Choice, column: string): Choice {
  if (!column) return { ...c, multilevel: '' };
  return { ...c, multilevel: column, method: c.method === 'ML' ? 'ML' : 'REML', test: c.test === 'knha' || c.test === 'adhoc' ? 't' : c.test };
}

/** One of the table's columns, or none (disabled until a table is open). */
function ColumnChoice({ label, value, onChange, columns }: { label: string; value: string; onChange: (e: { target: { value: string } }) => void; columns: readonly string[] | undefined }) {
  return (
    <label>
      {label}
      <select value={value} onChange={onChange} disabled={!columns}>
        <option value="">none</option>
        {columns?.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}

/** A file name for an outcome's extracted table: "quality-of-life.csv". */
const slug = (outcome: string): string => `${outcome.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'outcome'}.csv`;

export function Analysis({ ctx, outcome: extracted }: { ctx: ReviewContext; outcome?: string | undefined }) {
  const [file, setFile] = useState<{ name: string; table: DataTable } | null>(null);
  const [readError, setReadError] = useState('');
  const [notes, setNotes] = useState<string[]>([]);
  const [choice, setChoice] = useState<Choice>({ measure: '', method: 'REML', test: 'z', level: '95', subgroup: '', mods: [], sensitivity: '', cumulative: '', cluster: '', multilevel: '' });
  /** The analysis of record as saved (the choice it was made with), to say whether the page shows it. */
  const [saved, setSaved] = useState<string | null>(null);
  /** The review's final risk-of-bias judgements (an extracted outcome only). */
  const [robTools, setRobTools] = useState<readonly RobData[]>([]);
  const key = (c: Choice): string => JSON.stringify([c.measure, c.method, c.test, Number(c.level), c.subgroup, c.mods, subsetsOf(c.sensitivity), c.cumulative, c.cluster, c.multilevel]);
  // an outcome's table from the extracted data (Data extraction → "Open in meta-analysis"), with its
  // analysis of record when one was saved
  useEffect(() => {
    if (extracted === undefined) return;
    Promise.all([
      api<ExtractedOutcome>('GET', `/reviews/${ctx.review.id}/extraction/outcomes/${encodeURIComponent(extracted)}`),
      api<AnalysisSpec[]>('GET', `/reviews/${ctx.review.id}/analyses`),
      api<RobFigures>('GET', `/reviews/${ctx.review.id}/appraisal/figures`),
    ]).then(
      ([t, specs, figures]) => {
        setRobTools(robFiguresFor(figures, t.outcome));
        setFile({ name: slug(t.outcome), table: parseDataTable(t.csv, slug(t.outcome)) });
        setNotes(t.notes);
        const spec = specs.find((x) => x.outcome === t.outcome);
        if (spec) {
          const restored = { measure: spec.measure || t.measure, method: spec.method, test: spec.test, level: String(spec.level), subgroup: spec.subgroup, mods: spec.mods, sensitivity: (spec.sensitivity ?? []).join('; '), cumulative: spec.cumulative ?? '', cluster: spec.cluster ?? '', multilevel: spec.multilevel ?? '' };
          setChoice(restored);
          setSaved(key(restored));
        } else setChoice((c) => ({ ...c, measure: t.measure, subgroup: '', mods: [], sensitivity: '', cumulative: '', cluster: '', multilevel: '' }));
      },
      (e: Error) => setReadError(e.message),
    );
  }, [ctx.review.id, extracted]);
  const saveSpec = async (): Promise<void> => {
    if (extracted === undefined) return;
    try {
      await api('PUT', `/reviews/${ctx.review.id}/analyses`, { outcome: extracted, measure: choice.measure, method: choice.method, test: choice.test, level: Number(choice.level), subgroup: choice.subgroup, mods: choice.mods, sensitivity: subsetsOf(choice.sensitivity), cumulative: choice.cumulative, cluster: choice.cluster, multilevel: choice.multilevel });
      setSaved(key(choice));
    } catch (e) {
      setReadError(e instanceof Error ? e.message : String(e));
    }
  };
  const outcome = useMemo((): { result: Result } | { error: string } | null => {
    if (!file) return null;
    try {
      return { result: analyse(file.table, file.name, choice, robTools) };
    } catch (e) {
      if (isMetasiftError(e)) return { error: `${errorLocation(e, file.name, file.table.lines)}${e.message}` };
      return { error: `metasift could not analyse ${file.name}: ${e instanceof Error ? e.message : String(e)} (a bug; please report it with the file)` };
    }
  }, [file, choice, robTools]);
  const result = outcome && 'result' in outcome ? outcome.result : null;
  const forestUrl = useObjectUrl(result?.forest ?? null, 'image/svg+xml');
  const funnelUrl = useObjectUrl(result?.funnel ?? null, 'image/svg+xml');
  const cumulativeUrl = useObjectUrl(result?.cumulativeForest ?? null, 'image/svg+xml');
  const htmlUrl = useObjectUrl(result?.html ?? null, 'text/html');
  const rUrl = useObjectUrl(result?.rScript ?? null, 'text/plain');

  const choose = async (f: File | undefined): Promise<void> => {
    setReadError('');
    setFile(null);
    setNotes([]);
    if (!f) return;
    try {
      const table = parseDataTable(decodeBytes(new Uint8Array(await f.arrayBuffer())).text, f.name);
      setFile({ name: f.name, table });
      setChoice((c) => ({ ...c, subgroup: '', mods: [], sensitivity: '', cumulative: '', cluster: '', multilevel: '' }));
    } catch (e) {
      setReadError(isMetasiftError(e) ? e.message : String(e));
    }
  };
  const quick = robSubsets(file?.table);
  const set = (key: Exclude<keyof Choice, 'mods'>) => (e: { target: { value: string } }) => setChoice((c) => ({ ...c, [key]: e.target.value }));
  const base = file?.name.replace(/\.[^.]*$/, '') ?? 'analysis';

  return (
    <main className="page analysis" aria-label="Meta-analysis">
      <h1>Meta-analysis</h1>
      <p className="muted">
        Choose a CSV or TSV file with one row per study and metafor's escalc columns (m1i sd1i n1i m2i sd2i n2i; ai bi ci di or ai n1i ci n2i; ri ni; xi ni; yi vi), a
        study column to label the rows and any column to group by — or open an outcome's table from the extracted data. It is analysed in this browser, with the numbers of R's metafor, for {ctx.review.title}.
      </p>
      {ctx.review.protocol.outcomes.length > 0 && (
        <p>
          Extracted data:{' '}
          {ctx.review.protocol.outcomes.map((o, i) => (
            <span key={o.name}>
              {i > 0 && ' · '}
              <a href={`#/reviews/${ctx.review.id}/analysis/${encodeURIComponent(o.name)}`} aria-current={o.name === extracted ? 'true' : undefined}>
                {o.name}
              </a>
            </span>
          ))}
        </p>
      )}
      <div className="analysis-form">
        <label>
          Data file <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
        <label>
          Measure
          <select value={choice.measure} onChange={set('measure')}>
            <option value="">from the columns</option>
            {MEASURES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Model
          <select value={choice.method} onChange={set('method')}>
            {METHODS.map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Test
          <select value={choice.test} onChange={set('test')}>
            <option value="z">z</option>
            <option value="t">t (k − p df)</option>
            <option value="knha" disabled={!!choice.multilevel}>
              Knapp–Hartung
            </option>
            <option value="adhoc" disabled={!!choice.multilevel}>
              Knapp–Hartung, ad hoc (never narrower than t)
            </option>
          </select>
        </label>
        <label>
          Level (%)
          <input type="number" min="50" max="99.9" step="0.1" value={choice.level} onChange={set('level')} />
        </label>
        <ColumnChoice label="Subgroups by" value={choice.subgroup} onChange={set('subgroup')} columns={file?.table.columns} />
        <label>
          Meta-regression on
          <select
            multiple
            size={3}
            value={choice.mods}
            disabled={!file}
            onChange={(e) => {
              const mods = [...e.target.selectedOptions].map((o) => o.value);
              setChoice((c) => ({ ...c, mods }));
            }}
          >
            {file?.table.columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <ColumnChoice label="Cumulative by" value={choice.cumulative} onChange={set('cumulative')} columns={file?.table.columns} />
        <ColumnChoice label="Robust standard errors clustered by" value={choice.cluster} onChange={set('cluster')} columns={file?.table.columns} />
        <ColumnChoice label="Three-level model: rows nested in" value={choice.multilevel} onChange={(e) => setChoice((c) => withMultilevel(c, e.target.value))} columns={file?.table.columns} />
        {file?.table.columns.includes(STUDY_ID_COLUMN) && !choice.cluster && !choice.multilevel && (
          <p className="muted small wide">
            This table has multi-arm trials, a row per comparison (their shared comparator groups split): clustering by {STUDY_ID_COLUMN}, or a three-level model with the rows nested in {STUDY_ID_COLUMN}, also allows for the comparisons of one trial being related.
          </p>
        )}
        <label className="wide">
          Sensitivity analyses (the same model on a subset; column=value keeps those studies, column!=value leaves them out; separate with ;)
          <input value={choice.sensitivity} onChange={set('sensitivity')} disabled={!file} placeholder="risk_of_bias!=High; design=RCT" />
        </label>
        {quick.map((q) => (
          <button key={q.spec} type="button" disabled={subsetsOf(choice.sensitivity).includes(q.spec)} onClick={() => setChoice((c) => ({ ...c, sensitivity: [...subsetsOf(c.sensitivity), q.spec].join('; ') }))}>
            {q.label}
          </button>
        ))}
      </div>
      {readError && <p role="alert" className="error">{readError}</p>}
      {notes.length > 0 && (
        <ul className="muted small" aria-label="Notes on the extracted data">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {outcome && 'error' in outcome && <p role="alert" className="error">{outcome.error}</p>}
      {result && file && (
        <section aria-label="Results">
          <p className="muted">
            {file.name}: {file.table.rows.length} rows, {result.analysed}.
          </p>
          {extracted !== undefined && ctx.role !== 'viewer' && (
            <p>
              <button type="button" onClick={() => void saveSpec()}>
                Save as the analysis of record for {extracted}
              </button>{' '}
              <span role="status" className="muted">
                {saved === key(choice) ? `This is the analysis of record for ${extracted}: the review report and GRADE use it.` : saved !== null ? 'Changed from the saved analysis of record: save to replace it.' : ''}
              </span>
            </p>
          )}
          <div className="report-actions">
            <a className="button" href={htmlUrl} download={`${base}-report.html`}>
              Download the report (HTML)
            </a>
            <a className="button" href={rUrl} download={`${base}.R`}>
              Download the R script
            </a>
            <a className="button" href={forestUrl} download={`${base}-forest.svg`}>
              Download the forest plot (SVG)
            </a>
          </div>
          <h2>Forest plot</h2>
          <img className="figure" src={forestUrl} alt={`Forest plot of ${result.analysed.replace(' analysed', '')}`} />
          <h2>Text for the report</h2>
          {result.paragraphs.map((p) => (
            <div key={p.item} className="report-paragraph">
              <h3>
                {p.heading} <span className="muted">(PRISMA 2020 item {p.item})</span>
              </h3>
              <p data-item={p.item}>{p.text}</p>
            </div>
          ))}
          {result.influence && (
            <details className="influence">
              <summary>
                Influence diagnostics ({result.influence.rows.filter((row) => row.at(-1) === '*').length} of {result.influence.rows.length} studies influential by metafor’s cut-offs)
              </summary>
              <RowTable columns={result.influence.columns} rows={result.influence.rows} numeric />
            </details>
          )}
          {result.sensitivity && <RowTable caption="Sensitivity analyses" columns={result.sensitivity.columns} rows={result.sensitivity.rows} />}
          {result.cumulative && <RowTable caption={`Cumulative meta-analysis by ${choice.cumulative}`} columns={result.cumulative.columns} rows={result.cumulative.rows} />}
          {cumulativeUrl && (
            <>
              <img className="figure" src={cumulativeUrl} alt={`Cumulative forest plot by ${choice.cumulative}`} />
              <p>
                <a href={cumulativeUrl} download={`${base}-cumulative-forest.svg`}>
                  Download the cumulative forest plot (SVG)
                </a>
              </p>
            </>
          )}
          {funnelUrl && (
            <>
              <h2>Funnel plot</h2>
              <img className="figure" src={funnelUrl} alt="Funnel plot" />
            </>
          )}
          {result.bias && <RowTable caption="Small-study effects and selection" columns={result.bias.columns} rows={result.bias.rows} />}
        </section>
      )}
    </main>
  );
}

export default Analysis;
