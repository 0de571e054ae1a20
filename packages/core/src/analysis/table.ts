/**
 * A parsed data table (e.g. from a CSV file) and typed access to its columns, with errors that name the
 * row and column. Reading the file is the caller's job; this module does no I/O.
 */
import { MetasiftError } from '../errors.js';

export interface DataTable {
  readonly columns: readonly string[];
  /** Cells as text, one array per data row. */
  readonly rows: readonly (readonly string[])[];
  /** 1-based source line of each data row, when known (for error messages). */
  readonly lines?: readonly number[];
}

/** Values read as missing (R's NA convention plus empty cells). */
const MISSING = new Set(['', 'NA', 'na', 'N/A', 'n/a', '.', 'NaN']);

export function hasColumn(table: DataTable, name: string): boolean {
  return table.columns.includes(name);
}

function columnIndex(table: DataTable, name: string, role: string): number {
  const j = table.columns.indexOf(name);
  if (j < 0)
    throw new MetasiftError('MISSING_COLUMN', `${role} column "${name}" does not exist; the columns are: ${table.columns.join(', ')}`, { field: name });
  return j;
}

/** Text of one column (trimmed). */
export function textColumn(table: DataTable, name: string, role = 'the'): string[] {
  const j = columnIndex(table, name, role);
  return table.rows.map((r) => (r[j] ?? '').trim());
}

/** Parses a number the way a reviewer writes it: optional sign, decimals, exponent; nothing else. */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (MISSING.has(t)) return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

/** A numeric column; missing cells are null; anything else that is not a number is an error. */
export function numericColumn(table: DataTable, name: string, role = 'the'): (number | null)[] {
  const j = columnIndex(table, name, role);
  return table.rows.map((r, row) => {
    const cell = r[j] ?? '';
    const v = parseNumber(cell);
    if (v !== null && Number.isNaN(v))
      throw new MetasiftError('NON_NUMERIC', `"${cell}" is not a number`, { row, field: name });
    return v;
  });
}

/** True when every non-missing cell of the column parses as a number. */
export function isNumericColumn(table: DataTable, name: string): boolean {
  const j = columnIndex(table, name, 'the');
  return table.rows.every((r) => !Number.isNaN(parseNumber(r[j] ?? '')));
}
