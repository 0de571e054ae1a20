/** A blob URL for text the page made (a figure, a report), revoked when the text changes or the page goes. */
import { useEffect, useMemo } from 'react';

export function useObjectUrl(text: string | null, type: string): string {
  const url = useMemo(() => (text ? URL.createObjectURL(new Blob([text], { type })) : ''), [text, type]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}

/** Saves text the page made as a file the browser downloads. */
export function downloadText(text: string, type: string, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
