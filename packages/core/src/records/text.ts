/**
 * Bytes to text: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, and Windows-1252 / Latin-1 when the
 * bytes are not valid UTF-8; then lines split on LF, CRLF or CR (and mixtures) with their numbers.
 */

// TextDecoder is a global in Node and browsers; declared here because the core compiles without DOM types.
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(input?: Uint8Array, options?: { stream?: boolean }): string };
};

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Detects the encoding from a BOM or by trying strict UTF-8. */
export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bom: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, Math.min(bytes.length, 1 << 22)), { stream: true });
    return { encoding: 'utf-8', bom: 0 };
  } catch {
    return { encoding: 'windows-1252', bom: 0 };
  }
}

/** Decodes a whole buffer (BOM removed). */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const { encoding, bom } = detectEncoding(bytes);
  return { text: new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom)), encoding };
}

/** A streaming decoder for the CLI: feed chunks, get text. */
export function createDecoder(encoding: Encoding): { decode(chunk: Uint8Array, last?: boolean): string } {
  const d = new TextDecoder(encoding, { ignoreBOM: false });
  let first = true;
  return {
    decode(chunk, last = false) {
      let t = d.decode(chunk, { stream: !last });
      if (first && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      first = false;
      return t;
    },
  };
}

/** Splits text into lines on LF, CRLF or lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** True when the text looks binary (NUL bytes or many control characters) rather than an export. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let ctrl = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 9 || (c > 13 && c < 32)) ctrl++;
  }
  return sample.length > 0 && ctrl / sample.length > 0.05;
}

/**
 * Incremental line splitter for streamed text: push chunks, get complete lines (LF, CRLF or CR) with
 * their numbers. Work is linear in the input: a line spread over many chunks is gathered in pieces,
 * never re-scanned, and anything past `maxLine` characters is dropped. The default keeps one character
 * more than the parsers' 1 MiB field limit, so that they see the line is too long and report the cut.
 */
export function createLineSplitter(onLine: (line: string, lineNo: number) => void, maxLine = (1 << 20) + 1): { push(text: string): void; end(): void } {
  let pieces: string[] = [];
  let pieceLen = 0;
  let lineNo = 0;
  let heldCR = false;
  const emit = (tail: string): void => {
    const line = pieces.length ? pieces.join('') + tail.slice(0, Math.max(0, maxLine - pieceLen)) : tail.length > maxLine ? tail.slice(0, maxLine) : tail;
    pieces = [];
    pieceLen = 0;
    onLine(line, ++lineNo);
  };
  return {
    push(chunk: string) {
      let text = heldCR ? `\r${chunk}` : chunk;
      heldCR = text.endsWith('\r');
      if (heldCR) text = text.slice(0, -1);
      // line ends found with indexOf (native, no regular expression per line): the nearer of the next LF
      // and the next CR; a CR followed by LF is one line end
      let start = 0;
      let cr = text.indexOf('\r');
      for (;;) {
        if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
        const lf = text.indexOf('\n', start);
        let end: number;
        let next: number;
        if (cr !== -1 && (lf === -1 || cr < lf)) {
          end = cr;
          next = cr + 1 === lf ? cr + 2 : cr + 1;
        } else if (lf !== -1) {
          end = lf;
          next = lf + 1;
        } else break;
        emit(text.slice(start, end));
        start = next;
      }
      const rest = text.slice(start);
      if (rest) {
        if (pieceLen < maxLine) pieces.push(rest.slice(0, maxLine - pieceLen));
        pieceLen += rest.length;
      }
    },
    end() {
      if (heldCR) emit('');
      else if (pieceLen > 0) emit('');
      heldCR = false;
    },
  };
}
