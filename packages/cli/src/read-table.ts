/** Reads a CSV/TSV data file into a core DataTable, with errors that name the file and line. */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MetasiftError, type DataTable } from '@metasift/core';

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
  const text = decode(buf);
  if (text.trim() === '') throw new MetasiftError('EMPTY_FILE', `${file} is empty`);
  const firstLine = text.slice(0, text.search(/\r?\n|\r|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, relax_quotes: false, trim: false }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new MetasiftError('CSV_SYNTAX', `${file}${err.lines ? `, line ${err.lines}` : ''}: ${err.message.replace(/^Invalid [^:]*: /, '')}`);
  }
  const [header, ...body] = records;
  if (header === undefined) throw new MetasiftError('EMPTY_FILE', `${file} is empty`);
  const columns = header.record.map((c) => c.trim());
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new MetasiftError('DUPLICATE_COLUMN', `${file}, line 1: column "${dup}" appears twice`, { field: dup });
  return { columns, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}
