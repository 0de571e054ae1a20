/**
 * Errors and diagnostics shared by every core module.
 *
 * Public entry points throw {@link MetasiftError} with a stable `code`; numeric kernels return NaN
 * outside their domain; statistical conditions that are not bugs are reported as `warnings`.
 */

/** A condition worth telling the user about that does not stop the computation. */
export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  /** 0-based row (study) the diagnostic concerns, when it concerns one. */
  readonly row?: number;
  /** Column or argument name the diagnostic concerns. */
  readonly field?: string;
}

/** An error with a stable machine-readable code; the CLI prints it as `error[CODE]: message`. */
export class MetasiftError extends Error {
  readonly code: string;
  readonly row: number | undefined;
  readonly field: string | undefined;

  constructor(code: string, message: string, where: { row?: number; field?: string } = {}) {
    super(message);
    this.name = 'MetasiftError';
    this.code = code;
    this.row = where.row;
    this.field = where.field;
  }
}

/** Type guard usable across package boundaries (instanceof can fail with duplicated modules). */
export function isMetasiftError(e: unknown): e is MetasiftError {
  return e instanceof Error && e.name === 'MetasiftError' && typeof (e as MetasiftError).code === 'string';
}

/**
 * Where an error points, for people: "FILE, line N (data row R), column C: " from the error's row and
 * field and the source lines of the table it came from; "FILE: " for a column the file lacks; "" when it
 * names neither a row nor a missing column.
 */
export function errorLocation(e: { readonly row: number | undefined; readonly field: string | undefined; readonly code?: string }, source?: string, lines?: readonly number[]): string {
  if (e.row === undefined) return e.code === 'MISSING_COLUMN' && source ? `${source}: ` : '';
  const line = lines?.[e.row];
  const parts = [`${source ? `${source}, ` : ''}${line !== undefined ? `line ${line} (data row ${e.row + 1})` : `row ${e.row + 1}`}`];
  if (e.field) parts.push(`column ${e.field}`);
  return `${parts.join(', ')}: `;
}
