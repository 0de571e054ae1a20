/**
 * Parsing an uploaded export for an import or a preview. BibTeX goes through a LaTeX parser at
 * ~0.5 MB/s (a 10,000-record Zotero export takes ~35 s), so a BibTeX file of some size is parsed in a
 * worker thread (`../worker/parse.mjs`) and a server keeps answering other reviewers meanwhile. The
 * line-tagged, XML and CSV formats parse at 30–190 MB/s: in place, since a thread would cost more than
 * it saves (starting one and loading the core takes ~0.7 s, and copying 20,000 parsed records back ~1 s).
 */
import { chooseFormat, parseText, type ImportOptions, type ParseResult } from '@metasift/core';
import { inWorkerOr } from './worker.js';

/** BibTeX texts of at least this many characters are parsed in a worker thread (~0.2 s of parsing). */
export const PARSE_WORKER_MIN_CHARS = 64 * 1024;

/** Whether parseExport hands this text to a worker thread: a BibTeX text of PARSE_WORKER_MIN_CHARS or more. */
export function parsesInWorker(text: string, options: ImportOptions = {}): boolean {
  if (text.length < PARSE_WORKER_MIN_CHARS) return false;
  try {
    return chooseFormat(text.slice(0, 65536), options).id === 'bibtex';
  } catch {
    return false; // not recognised: parseText says so, in place
  }
}

/** parseText, in a worker thread for large BibTeX texts; throws what parseText throws (its message). */
export async function parseExport(text: string, options: ImportOptions = {}): Promise<ParseResult> {
  const inPlace = (): ParseResult => parseText(text, options);
  return parsesInWorker(text, options) ? inWorkerOr('parse.mjs', { text, options }, inPlace) : inPlace();
}
