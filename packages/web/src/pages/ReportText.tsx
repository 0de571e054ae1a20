/**
 * The report's text on the search, selection, data collection and risk of bias (PRISMA 2020 items 6, 8, 9, 11 and 16a) and the search
 * strategies' appendix (item 7), written from the recorded searches, counts, settings, agreement and
 * stopping rule — the same records the diagram is drawn from — ready to copy into the manuscript.
 */
import { useEffect, useState } from 'react';
import { selectionReportHtml, studyLabel, type ReportParagraph } from '@metasift/core';
import type { ExcludedReport, PrismaCounts } from '../api.js';
import { downloadText } from '../object-url.js';
import { gatherSelection, selectionTables, type SearchRun } from '../report-data.js';
import type { ReviewContext } from './ReviewShell.js';

export function ReportText({ ctx, counts, svg }: { ctx: ReviewContext; counts: PrismaCounts; svg: string }) {
  const [runs, setRuns] = useState<SearchRun[] | null>(null);
  const [excluded, setExcluded] = useState<ExcludedReport[] | null>(null);
  const [paragraphs, setParagraphs] = useState<ReportParagraph[] | null>(null);
  const [copied, setCopied] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    gatherSelection(ctx, counts).then(
      (g) => {
        if (!live) return;
        setRuns(g.runs);
        setExcluded(g.excluded);
        setParagraphs(g.paragraphs);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [ctx, counts]);

  const copy = async (label: string, text: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(label);
    } catch {
      setCopied('');
      setError('The browser did not allow copying; select the text instead.');
    }
  };
  const all = paragraphs?.map((p) => `${p.heading}\n${p.text}`).join('\n\n') ?? '';
  const download = (): void => {
    if (!paragraphs || !runs || !excluded) return;
    const html = selectionReportHtml({
      title: `${ctx.review.title}: search and selection`,
      prismaSvg: svg,
      paragraphs,
      ...selectionTables({ runs, excluded }),
      generator: `metasift, ${new Date().toISOString().slice(0, 10)}`,
    });
    downloadText(html, 'text/html', 'search-and-selection.html');
  };
  return (
    <section className="report-text" aria-label="Text for the report">
      <h2>Text for the report</h2>
      <p className="muted">Written from the same records as the diagram; it changes as screening goes on. Edit it in your manuscript as you need.</p>
      {error && <p role="alert" className="error">{error}</p>}
      {paragraphs && (
        <>
          {paragraphs.map((p) => (
            <div key={p.item} className="report-paragraph">
              <ItemHeading title={p.heading} item={p.item} />
              <p data-item={p.item}>{p.text}</p>
              <button type="button" onClick={() => void copy(p.item, p.text)}>
                {copied === p.item ? 'Copied' : 'Copy'}
              </button>
            </div>
          ))}
          <div className="report-actions">
            <button type="button" onClick={() => void copy('all', all)}>
              {copied === 'all' ? 'Copied' : 'Copy all'}
            </button>
            <button type="button" onClick={download} disabled={!svg || !runs || !excluded}>
              Download the report (HTML)
            </button>
          </div>
        </>
      )}
      {excluded && excluded.length > 0 && (
        <>
          <ItemHeading title="Reports excluded after full-text assessment, with reasons" item="16b" />
          <table className="strategies" aria-label="Reports excluded at full text">
            <thead>
              <tr>
                <th scope="col">Study</th>
                <th scope="col">Title</th>
                <th scope="col">Reason for exclusion</th>
              </tr>
            </thead>
            <tbody>
              {excluded.map((x) => (
                <tr key={x.recordId}>
                  <td className="date">{studyLabel(x)}</td>
                  <td>
                    {x.title}
                    {x.journal && <span className="muted"> {x.journal}</span>}
                  </td>
                  <td>{x.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {runs && runs.length > 0 && (
        <>
          <ItemHeading title="Appendix: search strategies" item="7" />
          <table className="strategies" aria-label="Search strategies">
            <thead>
              <tr>
                <th scope="col">Database</th>
                <th scope="col">Platform</th>
                <th scope="col">Searched</th>
                <th scope="col">Records</th>
                <th scope="col">Strategy</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((s) => (
                <tr key={s.id}>
                  <td>{s.database}</td>
                  <td>{s.platform ?? ''}</td>
                  <td className="date">{s.searched_on ?? 'not recorded'}</td>
                  <td>{s.record_count}</td>
                  <td className="strategy">{s.strategy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function ItemHeading({ title, item }: { title: string; item: string }) {
  return (
    <h3>
      {title} <span className="muted">(PRISMA 2020 item {item})</span>
    </h3>
  );
}
