import { useEffect, useState } from 'react';
import { api, type ReviewSummary } from '../api.js';

export function Reviews() {
  const [reviews, setReviews] = useState<ReviewSummary[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<ReviewSummary[]>('GET', '/reviews').then(setReviews, (e: Error) => setError(e.message));
  }, []);
  return (
    <main className="page">
      <h1>My reviews</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {reviews && reviews.length === 0 && <p>You are not a member of any review yet.</p>}
      <ul className="cards">
        {reviews?.map((r) => (
          <li key={r.id}>
            <a href={`#/reviews/${r.id}/screen/title_abstract`}>{r.title}</a> <span className="badge">{r.role}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
