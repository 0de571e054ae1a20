/** The PRISMA 2020 flow diagram, live from the recorded decisions; downloadable as SVG and PNG; with the report's text on it, and the references exported by where they stand. */
import { useEffect, useState } from 'react';
import { REFERENCE_SET_LABELS, REFERENCE_SETS } from '@metasift/core';
import { useObjectUrl } from '../object-url.js';
import { api, type PrismaCounts } from '../api.js';
import { ReportText } from './ReportText.js';
import type { ReviewContext } from './ReviewShell.js';

/** The other-methods column (records found only by citation searching, websites…), from retrieval on. */
function OtherMethodRows({ other }: { other: NonNullable<PrismaCounts['other']> }) {
  return (
    <>
      {other.sources.map((d) => (
        <tr key={`other ${d.name}`}>
          <th scope="row">Other methods: records identified from {d.name}</th>
          <td>{d.n}</td>
        </tr>
      ))}
      <tr><th scope="row">Other methods: reports sought for retrieval</th><td>{other.sought}</td></tr>
      <tr><th scope="row">Other methods: reports not retrieved</th><td>{other.not_retrieved}</td></tr>
      <tr><th scope="row">Other methods: reports assessed for eligibility</th><td>{other.assessed}</td></tr>
      {other.excluded_reasons.map((x) => (
        <tr key={`other ${x.reason}`}>
          <th scope="row">Other methods: reports excluded: {x.reason}</th>
          <td>{x.n}</td>
        </tr>
      ))}
    </>
  );
}

export function Prisma({ ctx }: { ctx: ReviewContext }) {
  const r = `/reviews/${ctx.review.id}`;
  const [counts, setCounts] = useState<{ counts: PrismaCounts; warnings: string[] } | null>(null);
  const [svg, setSvg] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ counts: PrismaCounts; warnings: string[] }>('GET', `${r}/prisma`).then(setCounts, (e: Error) => setError(e.message));
    api<string>('GET', `${r}/prisma.svg`).then(setSvg, (e: Error) => setError(e.message));
  }, [r]);
  const svgUrl = useObjectUrl(svg, 'image/svg+xml');
  const png = async (): Promise<void> => {
    const img = new Image();
    img.src = svgUrl;
    await img.decode();
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth * scale;
    canvas.height = img.naturalHeight * scale;
    const g = canvas.getContext('2d')!;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    const a = document.createElement('a');
    a.href = canvas.toDataURL('image/png');
    a.download = 'prisma.png';
    a.click();
  };
  return (
    <main className="page">
      <h1>PRISMA 2020 flow diagram</h1>
      {error && <p role="alert" className="error">{error}</p>}
      <p className="muted">Every number is derived from the recorded imports, duplicates and decisions.</p>
      {svgUrl && (
        <>
          <div className="actions">
            <a className="button" href={svgUrl} download="prisma.svg">
              Download SVG
            </a>
            <button type="button" onClick={() => void png()}>
              Download PNG
            </button>
          </div>
          <img className="prisma" src={svgUrl} alt={counts ? `PRISMA flow: ${counts.counts.screened} records screened, ${counts.counts.excluded} excluded, ${counts.counts.assessed} reports assessed, ${counts.counts.included_studies} studies included` : 'PRISMA flow diagram'} />
        </>
      )}
      {counts && counts.warnings.length > 0 && (
        <ul className="warnings">
          {counts.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {counts && (
        <table className="counts" aria-label="PRISMA counts">
          <tbody>
            {counts.counts.databases.map((d) => (
              <tr key={d.name}>
                <th scope="row">Records identified from {d.name}</th>
                <td>{d.n}</td>
              </tr>
            ))}
            {counts.counts.registers.map((d) => (
              <tr key={`register ${d.name}`}>
                <th scope="row">Records identified from {d.name} (register)</th>
                <td>{d.n}</td>
              </tr>
            ))}
            <tr><th scope="row">Duplicate records removed</th><td>{counts.counts.removed.duplicates}</td></tr>
            <tr><th scope="row">Records screened</th><td>{counts.counts.screened}</td></tr>
            <tr><th scope="row">Records excluded</th><td>{counts.counts.excluded}</td></tr>
            <tr><th scope="row">Reports sought for retrieval</th><td>{counts.counts.sought}</td></tr>
            <tr><th scope="row">Reports not retrieved</th><td>{counts.counts.not_retrieved}</td></tr>
            <tr><th scope="row">Reports assessed for eligibility</th><td>{counts.counts.assessed}</td></tr>
            {counts.counts.excluded_reasons.map((x) => (
              <tr key={x.reason}>
                <th scope="row">Reports excluded: {x.reason}</th>
                <td data-reason={x.reason}>{x.n}</td>
              </tr>
            ))}
            {counts.counts.other && <OtherMethodRows other={counts.counts.other} />}
            <tr><th scope="row">Studies included in review</th><td>{counts.counts.included_studies}</td></tr>
          </tbody>
        </table>
      )}
      <section aria-label="Export references">
        <h2>Export references</h2>
        <p className="muted small">For a reference manager or another tool: RIS, each record with a note line saying where it stands in the review, or CSV with the status and reason as columns.</p>
        <ul className="exports">
          {REFERENCE_SETS.map((set) => (
            <li key={set}>
              {REFERENCE_SET_LABELS[set]}:{' '}
              <a href={`/api${r}/export/references?set=${set}&format=ris`} download>
                RIS
              </a>{' '}
              ·{' '}
              <a href={`/api${r}/export/references?set=${set}&format=csv`} download>
                CSV
              </a>
            </li>
          ))}
        </ul>
      </section>
      {counts && <ReportText ctx={ctx} counts={counts.counts} svg={svg} />}
    </main>
  );
}
