import { describe, expect, it } from 'vitest';
import { createLineSplitter, splitLines } from './text.js';

describe('streamed line splitting', () => {
  const collect = (chunks: string[], max?: number): string[] => {
    const out: string[] = [];
    const s = createLineSplitter((l) => out.push(l), max);
    chunks.forEach((c) => s.push(c));
    s.end();
    return out;
  };
  it('agrees with splitting the whole text, whatever the chunk boundaries (CRLF split across chunks too)', () => {
    const text = 'a\r\nb\nc\rd\r\n\r\ne';
    for (let size = 1; size <= text.length; size++) {
      const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      expect(collect(chunks)).toEqual(splitLines(text));
    }
  });
  it('agrees with splitting the whole text on random mixtures of CR, LF and CRLF in random chunks', () => {
    let seed = 11;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let trial = 0; trial < 300; trial++) {
      const text = Array.from({ length: rand(120) }, () => ['a', 'b', '\r', '\n', '\r\n'][rand(5)]).join('');
      const chunks: string[] = [];
      for (let i = 0; i < text.length; ) {
        const k = 1 + rand(9);
        chunks.push(text.slice(i, i + k));
        i += k;
      }
      // a final line end does not open one more (empty) line
      const expected = /[\r\n]$/.test(text) || text === '' ? splitLines(text).slice(0, -1) : splitLines(text);
      expect(collect(chunks)).toEqual(expected);
    }
  });
  it('caps an overlong line and passes it on with length max + 1', () => {
    const lines = collect(['x'.repeat(10), 'x'.repeat(10), '\nok'], 5);
    expect(lines).toEqual(['xxxxx', 'ok']);
  });
});
