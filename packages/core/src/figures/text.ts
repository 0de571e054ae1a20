/**
 * Text measurement and wrapping with the metrics of the shipped font (Source Sans 3), so box sizes and
 * line breaks are computed in the pure core exactly as the renderer will draw them.
 */
import { FONT_METRICS } from './font-metrics.js';

export type FontFace = 'regular' | 'bold' | 'italic';

/** Width of unknown characters, in em (about an average lower-case letter). */
const FALLBACK_EM = 0.52;

/** Width in pixels of `s` at `size` px. */
export function textWidth(s: string, size: number, face: FontFace = 'regular'): number {
  const table = FONT_METRICS[face];
  let em = 0;
  for (const ch of s) em += table[ch.codePointAt(0)!] ?? FALLBACK_EM;
  return em * size;
}

/**
 * Greedy word wrap to lines no wider than `maxWidth`; a single word longer than the width is broken
 * by characters. Existing line breaks are kept.
 */
export function wrapText(s: string, maxWidth: number, size: number, face: FontFace = 'regular'): string[] {
  const out: string[] = [];
  for (const paragraph of s.split('\n')) {
    let current = '';
    // break only at ordinary spaces: a no-break space (U+00A0) keeps "n = 19" together
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (textWidth(candidate, size, face) <= maxWidth) {
        current = candidate;
        continue;
      }
      if (current) out.push(current);
      current = '';
      let piece = '';
      for (const ch of word) {
        if (textWidth(piece + ch, size, face) > maxWidth && piece) {
          out.push(piece);
          piece = '';
        }
        piece += ch;
      }
      current = piece;
    }
    out.push(current);
  }
  return out;
}

/** Shortens `s` with an ellipsis so that it fits `maxWidth`. */
export function truncate(s: string, maxWidth: number, size: number, face: FontFace = 'regular'): string {
  if (textWidth(s, size, face) <= maxWidth) return s;
  let t = s;
  while (t.length > 1 && textWidth(`${t}…`, size, face) > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}
