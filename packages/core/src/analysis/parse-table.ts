/**
 * A data table from delimited text (CSV, TSV or semicolons, chosen from the header line), with errors
 * that name the source and line. Shared by the CLI (after reading and decoding the file) and the web app
 * (after the browser reads the chosen file), so both accept and refuse the same files.
 */
import { parse } from 'csv-parse/sync';
import { MetasiftError } from '../errors.js';
import type { DataTable } from './table.js';

export function parseDataTable(text: string, source: string): DataTable {
  if (text.trim() === '') throw new MetasiftError('EMPTY_FILE', `${source} is empty`);
  const firstLine = text.slice(0, text.search(/\r?\n|\r|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, relax_quotes: false, trim: false }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new MetasiftError('CSV_SYNTAX', `${source}${err.lines ? `, line ${err.lines}` : ''}: ${err.message.replace(/^Invalid [^:]*: /, '')}`);
  }
  const [header, ...body] = records;
  if (header === undefined) throw new MetasiftError('EMPTY_FILE', `${source} is empty`);
  const columns = header.record.map((c) => c.trim());
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw new MetasiftError('DUPLICATE_COLUMN', `${source}, line 1: column "${dup}" appears twice`, { field: dup });
  return { columns, rows: body.map((r) => r.record), lines: body.map((r) => r.info.lines) };
}
