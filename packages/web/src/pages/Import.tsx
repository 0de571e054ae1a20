/**
 * The import wizard: a database export with its search (database, its PRISMA source — database, trial
 * register or other method — platform, date, strategy); a preview
 * of the detected format, record count and issues with line numbers before anything is written; then
 * the import as a background job with a progress bar, and the dedup summary.
 */
import { useState, type FormEvent } from 'react';
import { inferSearchSource, SEARCH_SOURCE_LABELS, SEARCH_SOURCES, type SearchSource } from '@metasift/core';
import { api, type ImportJob, type Preview } from '../api.js';
import type { ReviewContext } from './ReviewShell.js';

export function Import({ ctx }: { ctx: ReviewContext }) {
  const r = `/reviews/${ctx.review.id}`;
  const [files, setFiles] = useState<File[]>([]);
  const [database, setDatabase] = useState('MEDLINE');
  const [platform, setPlatform] = useState('');
  // the PRISMA column: as the name suggests (a register, citation searching…) until the reviewer chooses
  const [chosenSource, setChosenSource] = useState<SearchSource | null>(null);
  const source = chosenSource ?? inferSearchSource(database);
  const [searchedOn, setSearchedOn] = useState(new Date().toISOString().slice(0, 10));
  const [strategy, setStrategy] = useState('');
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [jobs, setJobs] = useState<ImportJob[]>([]);
  const [error, setError] = useState('');
  if (ctx.role === 'viewer') return <main className="page"><p>Viewers cannot import.</p></main>;

  const form = (file: File): FormData => {
    const f = new FormData();
    f.append('file', file);
    f.append('database', database);
    f.append('platform', platform);
    f.append('source', source);
    f.append('searchedOn', searchedOn);
    f.append('strategy', strategy);
    return f;
  };
  const check = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    setJobs([]);
    try {
      setPreviews(await Promise.all(files.map((f) => api<Preview>('POST', `${r}/imports/preview`, form(f)))));
    } catch (err) {
      setPreviews([]);
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  // each file is a search run of its own, imported one after another (the server queues them too)
  const commit = async (): Promise<void> => {
    setError('');
    const done: ImportJob[] = [];
    try {
      for (const f of files) {
        let j = await api<ImportJob>('POST', `${r}/import-jobs`, form(f));
        setJobs([...done, j]);
        while (j.state === 'running') {
          await new Promise((res) => setTimeout(res, 250));
          j = await api<ImportJob>('GET', `${r}/import-jobs/${j.id}`);
          setJobs([...done, j]);
        }
        done.push(j);
      }
      if (done.every((j) => j.state === 'done')) setPreviews([]);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const total = previews.reduce((n, p) => n + p.records, 0);
  const running = jobs.some((j) => j.state === 'running');
  return (
    <main className="page">
      <h1>Import a database export</h1>
      <form className="grid" onSubmit={(e) => void check(e)}>
        <label>
          Export files of this search (RIS, MEDLINE, Embase/Ovid, Web of Science, EndNote XML, BibTeX, CSV, XLSX…)
          <input type="file" multiple required onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </label>
        <label>
          Database
          <input value={database} onChange={(e) => setDatabase(e.target.value)} required list="databases" />
          <datalist id="databases">
            {['MEDLINE', 'Embase', 'CENTRAL', 'CINAHL', 'PsycINFO', 'Scopus', 'Web of Science', 'ClinicalTrials.gov', 'WHO ICTRP', 'Citation searching'].map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </label>
        <label>
          Source (PRISMA 2020 column)
          <select value={source} onChange={(e) => setChosenSource(e.target.value as SearchSource)}>
            {SEARCH_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SEARCH_SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Platform
          <input value={platform} onChange={(e) => setPlatform(e.target.value)} placeholder="PubMed, Ovid, Embase.com…" />
        </label>
        <label>
          Searched on
          <input type="date" value={searchedOn} onChange={(e) => setSearchedOn(e.target.value)} required />
        </label>
        <label className="wide">
          Search strategy
          <textarea value={strategy} onChange={(e) => setStrategy(e.target.value)} rows={4} />
        </label>
        <button type="submit" disabled={!files.length}>
          Check the file{files.length > 1 ? 's' : ''}
        </button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {previews.map((preview) => (
        <section key={preview.fileName} aria-label={`Preview of ${preview.fileName}`}>
          <h2>{preview.fileName}</h2>
          <p>
            Format <strong>{preview.format}</strong> · <strong>{preview.records}</strong> records · {preview.issueCount} issue{preview.issueCount === 1 ? '' : 's'}
          </p>
          {preview.issues.length > 0 && (
            <ul className="issues">
              {preview.issues.map((i, n) => (
                <li key={n}>
                  line {i.line}: {i.message}
                </li>
              ))}
            </ul>
          )}
          <ol className="sample">
            {preview.sample.map((s, n) => (
              <li key={n}>
                {s.title} {s.year ? `(${s.year})` : ''}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {previews.length > 0 && (
        <button type="button" onClick={() => void commit()} disabled={running}>
          Import {total} records
        </button>
      )}
      {jobs.map((job) => (
        <section key={job.id} aria-label={`Import progress of ${job.fileName}`}>
          <p>
            {job.fileName}:{' '}
            {job.phase === 'writing' ? `writing records: ${job.written} of ${job.total}` : job.phase === 'deduplicating' ? 'finding duplicates…' : job.state === 'done' ? 'imported.' : job.state === 'failed' ? 'failed.' : 'reading the file…'}
          </p>
          <progress max={Math.max(job.total, 1)} value={job.state === 'done' ? Math.max(job.total, 1) : job.written} aria-label={`Import progress of ${job.fileName}`} />
          {job.error && <p role="alert" className="error">{job.error.message}</p>}
          {job.result && (
            <p role="status">
              {job.result.records} record{job.result.records === 1 ? '' : 's'} imported. The review now has {job.result.dedup.records} records: {job.result.dedup.unique} unique, {job.result.dedup.duplicatesRemoved} duplicates removed
              {job.result.dedup.pending ? (
                <>
                  , <a href={`#/reviews/${ctx.review.id}/duplicates`}>{job.result.dedup.pending} pairs to check</a>
                </>
              ) : null}
              .
            </p>
          )}
        </section>
      ))}
    </main>
  );
}
