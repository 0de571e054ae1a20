/**
 * A full text read in the page with pdf.js: each page drawn on a canvas, its text layer left out (the
 * viewer is for reading; search is the browser's). Loaded on demand, so the screening page stays light.
 */
import { useEffect, useRef, useState } from 'react';

const PAGES_AT_ONCE = 5;

export function PdfView({ url, title }: { url: string; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(0);
  const [shown, setShown] = useState(PAGES_AT_ONCE);
  const [error, setError] = useState('');
  useEffect(() => {
    let cancelled = false;
    const canvases: HTMLCanvasElement[] = [];
    (async () => {
      const pdfjs = await import('pdfjs-dist');
      pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url).toString();
      const doc = await pdfjs.getDocument({ url, withCredentials: true }).promise;
      if (cancelled) return;
      setPages(doc.numPages);
      for (let n = 1; n <= Math.min(doc.numPages, shown); n++) {
        const page = await doc.getPage(n);
        if (cancelled || !box.current) return;
        const viewport = page.getViewport({ scale: 1.3 });
        const canvas = document.createElement('canvas');
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        canvas.setAttribute('aria-label', `page ${n}`);
        canvas.className = 'pdf-page';
        box.current.appendChild(canvas);
        canvases.push(canvas);
        await page.render({ canvas, viewport }).promise;
      }
    })().catch((e: unknown) => setError(`${title}: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      cancelled = true;
      for (const c of canvases) c.remove();
    };
  }, [url, title, shown]);
  return (
    <div className="pdf" role="document" aria-label={`Full text: ${title}`}>
      {error && <p role="alert" className="error">{error}</p>}
      <div ref={box} />
      {pages > shown && (
        <button type="button" onClick={() => setShown(pages)}>
          Show all {pages} pages
        </button>
      )}
    </div>
  );
}
