import { useState, type FormEvent } from 'react';
import { api } from '../api.js';

export function Login({ onLogin }: { onLogin: () => Promise<void> }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      await api('POST', '/auth/login', { email, password });
      await onLogin();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <main className="login">
      <h1>metasift</h1>
      <p className="muted">Systematic reviews, from database exports to PRISMA 2020.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          Email
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit">Log in</button>
      </form>
    </main>
  );
}
