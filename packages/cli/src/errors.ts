/** Turns any failure into `error[CODE]: message` on stderr and an exit code; never a stack trace. */
import { errorLocation, isMetasiftError, type DataTable } from '@metasift/core';

/** Exit code for bad input (the user can fix it) and for anything else. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_FAILURE = 1;

export interface ErrorContext {
  readonly file?: string;
  readonly table?: DataTable;
}

export function reportError(e: unknown, ctx: ErrorContext = {}): number {
  if (isMetasiftError(e)) {
    process.stderr.write(`error[${e.code}]: ${errorLocation(e, ctx.file, ctx.table?.lines)}${e.message}\n`);
    return e.code === 'NONCONVERGENCE' ? EXIT_FAILURE : EXIT_BAD_INPUT;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error[INTERNAL]: ${msg}\n  (this is a bug in metasift; please report it with the command you ran)\n`);
  return EXIT_FAILURE;
}
