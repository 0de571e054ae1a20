/** The app shell: who is logged in, and which page the hash names. */
import { useCallback, useEffect, useState } from 'react';
import { api, setCsrf, type Me } from './api.js';
import { useRoute } from './router.js';
import { Login } from './pages/Login.js';
import { Reviews } from './pages/Reviews.js';
import { ReviewShell } from './pages/ReviewShell.js';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const route = useRoute();

  const refresh = useCallback(async () => {
    try {
      const m = await api<{ user: Omit<Me, 'csrf'>; csrf: string }>('GET', '/me');
      setCsrf(m.csrf);
      setMe({ ...m.user, csrf: m.csrf });
    } catch {
      setMe(null);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const logout = async (): Promise<void> => {
    await api('POST', '/auth/logout').catch(() => undefined);
    setMe(null);
    window.location.hash = '';
  };

  if (me === undefined) return <p className="loading">Loading…</p>;
  if (me === null) return <Login onLogin={refresh} />;
  return (
    <div className="app">
      <header className="top">
        <a className="brand" href="#/">
          metasift
        </a>
        <span className="who">
          {me.displayName} <span className="muted">({me.email})</span>
        </span>
        <button type="button" className="link" onClick={() => void logout()}>
          Log out
        </button>
      </header>
      {route[0] === 'reviews' && route[1] ? <ReviewShell reviewId={Number(route[1])} page={route[2] ?? 'screen'} arg={route[3]} me={me} /> : <Reviews />}
    </div>
  );
}
