/**
 * Writing a command's output files all or none: each is written beside its target under a temporary
 * name, and only when every one is written are they renamed into place; if any write fails, the
 * temporary files are removed and the targets are as they were.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { MetasiftError } from '@metasift/core';

export interface Output {
  readonly file: string;
  readonly data: string | Uint8Array;
  /** The option that named the file (for the error's field). */
  readonly flag: string;
}

/** Checks that `file` ends in one of `extensions` (lower case, with the dot) before anything is computed or written. */
export function requireExtension(file: string, extensions: readonly string[], flag: string, what: string): void {
  if (!extensions.includes(extname(file).toLowerCase()))
    throw new MetasiftError('UNKNOWN_FORMAT', `${what}: use a file name ending in ${extensions.map((e) => (e === '.r' ? '.R' : e)).join(', ')}, not "${file}"`, { field: flag });
}

export function writeOutputs(outputs: readonly Output[]): void {
  const targets = outputs.map((o) => resolve(o.file));
  const twice = outputs.find((_, i) => targets.indexOf(targets[i]!) !== i);
  if (twice) throw new MetasiftError('DUPLICATE_OUTPUT', `${twice.file} is named for two outputs; give each its own file`, { field: twice.flag });
  const written: string[] = [];
  const temp = (file: string): string => `${file}.${process.pid}.partial`;
  try {
    for (const o of outputs) {
      try {
        writeFileSync(temp(o.file), o.data);
      } catch (e) {
        throw new MetasiftError('WRITE_FAILED', `cannot write ${o.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { field: o.flag });
      }
      written.push(o.file);
    }
  } catch (e) {
    for (const f of written) rmSync(temp(f), { force: true });
    throw e;
  }
  for (const o of outputs) {
    try {
      renameSync(temp(o.file), o.file);
    } catch (e) {
      for (const f of written) rmSync(temp(f), { force: true });
      throw new MetasiftError('WRITE_FAILED', `cannot write ${o.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { field: o.flag });
    }
  }
}
