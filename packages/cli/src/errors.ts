/** Turns any failure into `error[CODE]: message` on stderr and an exit code; never a stack trace. */
import { isMetasiftError, type DataTable } from '@metasift/core';

/** Exit code for bad input (the user can fix it) and for anything else. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_FAILURE = 1;

export interface ErrorContext {
  readonly file?: string;
  readonly table?: DataTable;
}

/** Location prefix "file, line N (row R), column C" built from what the error carries. */
function location(e: { row: number | undefined; field: string | undefined }, ctx: ErrorContext): string {
  const parts: string[] = [];
  if (e.row !== undefined) {
    const line = ctx.table?.lines?.[e.row];
    parts.push(`${ctx.file ? `${ctx.file}, ` : ''}${line !== undefined ? `line ${line} (data row ${e.row + 1})` : `row ${e.row + 1}`}`);
    if (e.field) parts.push(`column ${e.field}`);
  }
  return parts.length ? `${parts.join(', ')}: ` : '';
}

export function reportError(e: unknown, ctx: ErrorContext = {}): number {
  if (isMetasiftError(e)) {
    process.stderr.write(`error[${e.code}]: ${location(e, ctx)}${e.message}\n`);
    return e.code === 'NONCONVERGENCE' ? EXIT_FAILURE : EXIT_BAD_INPUT;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error[INTERNAL]: ${msg}\n  (this is a bug in metasift; please report it with the command you ran)\n`);
  return EXIT_FAILURE;
}
