/**
 * Highlighting of include/exclude terms in record text, matched on Porter stems so that "randomised"
 * also marks "randomisation" and "telephone" marks "telephones". The text is split into React text
 * nodes and <mark> elements: record text is never parsed as HTML.
 */
import { stemmer } from 'stemmer';
import type { ReactNode } from 'react';

export interface Terms {
  include: string[];
  exclude: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
const norm = (w: string): string => stemmer(w.toLowerCase());

interface Matcher {
  /** Each term as a sequence of word stems. */
  terms: { stems: string[]; kind: 'include' | 'exclude' }[];
}

export function matcher(t: Terms): Matcher {
  const terms: Matcher['terms'] = [];
  for (const kind of ['include', 'exclude'] as const) for (const term of t[kind]) {
    const stems = (term.match(WORD) ?? []).map(norm);
    if (stems.length) terms.push({ stems, kind });
  }
  // longer phrases first so "quality of life" wins over "life"
  terms.sort((a, b) => b.stems.length - a.stems.length);
  return { terms };
}

export function highlight(text: string, m: Matcher): ReactNode[] {
  if (!m.terms.length || !text) return [text];
  const words = [...text.matchAll(WORD)].map((x) => ({ start: x.index, end: x.index + x[0].length, stem: norm(x[0]) }));
  const out: ReactNode[] = [];
  let pos = 0;
  for (let i = 0; i < words.length; ) {
    const hit = m.terms.find((t) => t.stems.every((s, k) => words[i + k]?.stem === s));
    if (!hit) {
      i++;
      continue;
    }
    const start = words[i]!.start;
    const end = words[i + hit.stems.length - 1]!.end;
    if (start > pos) out.push(text.slice(pos, start));
    out.push(
      <mark key={start} className={`hl-${hit.kind}`} title={hit.kind === 'include' ? 'include term' : 'exclude term'}>
        {text.slice(start, end)}
      </mark>,
    );
    pos = end;
    i += hit.stems.length;
  }
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}
