/** Reads a CSV/TSV data file into a core DataTable, with errors that name the file and line. */
import { readFileSync, statSync } from 'node:fs';
import { MetasiftError, parseDataTable, type DataTable } from '@metasift/core';

/** Decodes UTF-8 (with or without BOM) or UTF-16 with BOM. */
function decode(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readTable(file: string): DataTable {
  let buf: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new MetasiftError('NOT_A_FILE', `${file} is a directory, not a data file`);
    buf = readFileSync(file);
  } catch (e) {
    if (e instanceof MetasiftError) throw e;
    throw new MetasiftError('FILE_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseDataTable(decode(buf), file);
}
