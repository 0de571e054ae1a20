/** One review: its tabs, and the page the hash names. */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { api, type Me, type Review, type ReviewSummary, type Settings, type Stage } from '../api.js';
import { Screen } from './Screen.js';
import { Conflicts } from './Conflicts.js';
import { Duplicates } from './Duplicates.js';
import { Prisma } from './Prisma.js';
import { Import } from './Import.js';
import { Setup } from './Setup.js';
import { Audit } from './Audit.js';
import { Extraction } from './Extraction.js';
import { Appraisal } from './Appraisal.js';
import { Synthesis } from './Synthesis.js';

// the meta-analysis engine and figures load only when the page is opened
const Analysis = lazy(() => import('./Analysis.js'));
const Grade = lazy(() => import('./Grade.js'));
const Report = lazy(() => import('./Report.js'));

export interface ReviewContext {
  review: Review;
  settings: Settings;
  role: ReviewSummary['role'];
  me: Me;
  reload: () => Promise<void>;
}

const TABS: [string, string][] = [
  ['screen/title_abstract', 'Title & abstract'],
  ['screen/full_text', 'Full text'],
  ['conflicts', 'Conflicts & agreement'],
  ['duplicates', 'Duplicates'],
  ['import', 'Import'],
  ['prisma', 'PRISMA'],
  ['extraction', 'Data extraction'],
  ['appraisal', 'Risk of bias'],
  ['synthesis', 'Synthesis'],
  ['analysis', 'Meta-analysis'],
  ['grade', 'GRADE'],
  ['report', 'Report'],
  ['setup', 'Setup'],
  ['audit', 'Audit trail'],
];

export function ReviewShell({ reviewId, page, arg, me }: { reviewId: number; page: string; arg: string | undefined; me: Me }) {
  const [ctx, setCtx] = useState<ReviewContext | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(async () => {
    try {
      const [review, settings, reviews] = await Promise.all([api<Review>('GET', `/reviews/${reviewId}`), api<Settings>('GET', `/reviews/${reviewId}/settings`), api<ReviewSummary[]>('GET', '/reviews')]);
      setCtx({ review, settings, role: reviews.find((r) => r.id === reviewId)?.role ?? 'viewer', me, reload: load });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [reviewId, me]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <p role="alert" className="error page">{error}</p>;
  if (!ctx) return <p className="loading">Loading…</p>;
  const current = arg ? `${page}/${arg}` : page;
  return (
    <div className="review">
      <nav className="tabs" aria-label="Review">
        <span className="review-title">{ctx.review.title}</span>
        {TABS.map(([path, label]) => (
          <a key={path} href={`#/reviews/${reviewId}/${path}`} aria-current={current === path || (page === path && arg && page !== 'screen') ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {page === 'screen' && <Screen key={arg} ctx={ctx} stage={(arg === 'full_text' ? 'full_text' : 'title_abstract') as Stage} />}
      {page === 'conflicts' && <Conflicts ctx={ctx} />}
      {page === 'duplicates' && <Duplicates ctx={ctx} />}
      {page === 'import' && <Import ctx={ctx} />}
      {page === 'prisma' && <Prisma ctx={ctx} />}
      {page === 'extraction' && <Extraction ctx={ctx} arg={arg} />}
      {page === 'appraisal' && <Appraisal ctx={ctx} arg={arg} />}
      {page === 'synthesis' && <Synthesis ctx={ctx} />}
      {page === 'analysis' && (
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Analysis key={arg} ctx={ctx} outcome={arg === undefined ? undefined : decodeURIComponent(arg)} />
        </Suspense>
      )}
      {page === 'grade' && (
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Grade ctx={ctx} />
        </Suspense>
      )}
      {page === 'report' && (
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Report ctx={ctx} />
        </Suspense>
      )}
      {page === 'setup' && <Setup ctx={ctx} />}
      {page === 'audit' && <Audit ctx={ctx} />}
    </div>
  );
}
