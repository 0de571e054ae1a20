import { useEffect, useState, type FormEvent } from 'react';
import { api, type ReviewSummary } from '../api.js';
import { go } from '../router.js';

export function Reviews() {
  const [reviews, setReviews] = useState<ReviewSummary[] | null>(null);
  const [error, setError] = useState('');
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState('');
  useEffect(() => {
    api<ReviewSummary[]>('GET', '/reviews').then(setReviews, (e: Error) => setError(e.message));
  }, []);
  // a new review starts with its title and question; the rest of the protocol is filled in on its Setup page
  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      const { id } = await api<{ id: number }>('POST', '/reviews', { title, protocol: { question, pico: {}, criteria: [], outcomes: [], analyses: [], registry_id: '' } });
      go(`/reviews/${id}/setup`);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
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
      <h2>New review</h2>
      <form className="grid" aria-label="New review" onSubmit={(e) => void create(e)}>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required />
        </label>
        <label className="wide">
          Review question
          <textarea value={question} onChange={(e) => setQuestion(e.target.value)} rows={2} required />
        </label>
        <button type="submit">Create the review</button>
      </form>
    </main>
  );
}
