/** A small hash router: #/reviews/3/screen/title_abstract → ['reviews', '3', 'screen', 'title_abstract']. */
import { useEffect, useState } from 'react';

export function useRoute(): string[] {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const on = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash.replace(/^#\/?/, '').split('/').filter(Boolean);
}

export const go = (path: string): void => {
  window.location.hash = path;
};
