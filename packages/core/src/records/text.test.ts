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
  it('caps an overlong line and passes it on with length max + 1', () => {
    const lines = collect(['x'.repeat(10), 'x'.repeat(10), '\nok'], 5);
    expect(lines).toEqual(['xxxxx', 'ok']);
  });
});
