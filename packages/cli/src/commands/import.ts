/**
 * `metasift import FILE... [--database NAME] [--format F] [--out records.jsonl] [--json]`: reads every
 * export losslessly into normalised records. Line-tagged files stream record by record (memory stays
 * flat); a bad record becomes an issue with its line; an unrecognisable, binary or truncated file is an
 * error naming the file, and then nothing is written (the output is written to a temporary file and
 * renamed only when every file imported).
 */
import { closeSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Command } from 'commander';
import {
  MetasiftError,
  chooseFormat,
  createDecoder,
  createLineSplitter,
  createTaggedStream,
  detectEncoding,
  parseRows,
  parseText,
  decodeBytes,
  type BibRecord,
  type ImportIssue,
} from '@metasift/core';
import { reportError } from '../errors.js';
import { toJson } from '../json.js';

interface ImportFlags {
  database?: string;
  format?: string;
  out?: string;
  json?: boolean;
  map?: string[];
  progress?: boolean;
}

export interface FileSummary {
  file: string;
  format: string;
  records: number;
  issues: ImportIssue[];
}

const HEAD_BYTES = 1 << 16;
const ZIP = [0x50, 0x4b, 0x03, 0x04];

function readHead(file: string): Buffer {
  let fd: number;
  try {
    if (statSync(file).isDirectory()) throw new MetasiftError('NOT_A_FILE', `${file} is a directory`);
    fd = openSync(file, 'r');
  } catch (e) {
    if (e instanceof MetasiftError) throw e;
    throw new MetasiftError('FILE_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const buf = Buffer.alloc(HEAD_BYTES);
  const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
  closeSync(fd);
  return buf.subarray(0, n);
}

function progressBar(file: string, total: number): (done: number) => void {
  if (!process.stderr.isTTY || total < 5_000_000) return () => undefined;
  let last = -1;
  return (done) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((width * pct) / 100);
    process.stderr.write(`\r${file} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%${pct === 100 ? '\n' : ''}`);
  };
}

/** Imports one file, calling `onRecord` for each record. */
export async function importFile(file: string, flags: ImportFlags, onRecord: (r: BibRecord) => void): Promise<FileSummary> {
  const head = readHead(file);
  if (head.length === 0) throw new MetasiftError('EMPTY_FILE', `${file} is empty`);
  const mapping = Object.fromEntries((flags.map ?? []).map((m) => m.split('=').map((s) => s.trim()) as [string, string]));
  const options = { ...(flags.database ? { database: flags.database } : {}), ...(flags.format ? { format: flags.format } : {}), mapping };
  if (flags.format === 'xlsx' || (!flags.format && ZIP.every((b, i) => head[i] === b))) {
    const { readSheet } = (await import('read-excel-file/node')) as unknown as { readSheet: (f: string) => Promise<unknown[][]> };
    let rows: unknown[][];
    try {
      rows = await readSheet(file);
    } catch (e) {
      throw new MetasiftError('BAD_SPREADSHEET', `${file}: not a readable .xlsx workbook (${(e as Error).message})`);
    }
    const res = parseRows(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c)))), 'xlsx', mapping);
    for (const r of res.records) {
      if (flags.database) r.database = flags.database;
      onRecord(r);
    }
    return { file, format: 'xlsx', records: res.records.length, issues: res.issues };
  }
  const { encoding, bom } = detectEncoding(head);
  const headText = createDecoder(encoding).decode(head.subarray(bom), false);
  let plugin;
  try {
    plugin = chooseFormat(headText, options);
  } catch (e) {
    if (e instanceof MetasiftError) throw new MetasiftError(e.code, `${file}: ${e.message}`);
    throw e;
  }
  if (plugin.kind === 'whole') {
    const { readFileSync } = await import('node:fs');
    const { text } = decodeBytes(readFileSync(file));
    let res;
    try {
      res = parseText(text, { ...options, format: plugin.id });
    } catch (e) {
      if (e instanceof MetasiftError) throw new MetasiftError(e.code, `${file}: ${e.message}`);
      throw e;
    }
    res.records.forEach(onRecord);
    return { file, format: res.format, records: res.records.length, issues: res.issues };
  }
  // stream line-tagged formats
  const issues: ImportIssue[] = [];
  let count = 0;
  const stream = createTaggedStream(plugin, headText, (r) => {
    count++;
    onRecord(r);
  }, (i) => issues.push(i), options);
  // UTF-8: Buffer#toString on whole characters (V8's fast path), carrying an incomplete character over to
  // the next chunk; UTF-16LE: Node's StringDecoder; other encodings: the core's TextDecoder
  const decoder = encoding === 'utf-8' ? utf8ChunkDecoder() : encoding === 'utf-16le' ? stringDecoder('utf16le') : createDecoder(encoding);
  const total = statSync(file).size;
  const tick = flags.progress === false ? () => undefined : progressBar(file, total);
  const lines = createLineSplitter((l, n) => stream.feed(l, n));
  let done = 0;
  // synchronous reads into one reused 64 KiB buffer: the decoded text of each block is small and short-lived,
  // so memory stays flat and the collector's young generation recycles it (8 MiB chunks from a read stream
  // were twice as slow end to end, most of it spent allocating and collecting)
  const block = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(file, 'r');
  try {
    for (let got = readSync(fd, block, 0, block.length, null); got > 0; got = readSync(fd, block, 0, block.length, null)) {
      done += got;
      lines.push(decoder.decode(block.subarray(0, got)));
      tick(done);
    }
  } finally {
    closeSync(fd);
  }
  lines.push(decoder.decode(new Uint8Array(0), true));
  lines.end();
  stream.finish();
  if (count === 0) throw new MetasiftError('NO_RECORDS', `${file}: no ${plugin.label} records found`);
  return { file, format: plugin.id, records: count, issues };
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('read database exports (MEDLINE, PubMed XML, RIS, Ovid, WoS, RefWorks, EndNote XML, BibTeX, CSV/TSV, XLSX) into normalised records')
    .argument('<files...>', 'export files (format detected from the content)')
    .option('--database <NAME>', 'source database to record (overrides detection), e.g. Embase')
    .option('--format <F>', 'force a format: medline, pubmed-xml, ris, ovid, wos, refworks, endnote-xml, bibtex, csv, xlsx')
    .option('--out <FILE>', 'write one JSON record per line (JSONL)')
    .option('--map <FIELD=COLUMN...>', 'CSV/XLSX column for a field, e.g. --map title="Article Name"')
    .option('--json', 'print a JSON summary')
    .option('--no-progress', 'no progress bar')
    .action(async (files: string[], flags: ImportFlags) => {
      const tmp = flags.out ? `${flags.out}.${process.pid}.partial` : undefined;
      let fd: number | undefined;
      try {
        try {
          fd = tmp ? openSync(tmp, 'w') : undefined;
        } catch (e) {
          throw new MetasiftError('WRITE_FAILED', `cannot write ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { field: 'out' });
        }
        const summaries: FileSummary[] = [];
        let buffer = '';
        const flush = (): void => {
          if (fd !== undefined && buffer) writeSync(fd, buffer);
          buffer = '';
        };
        for (const file of files) {
          summaries.push(
            await importFile(file, flags, (r) => {
              if (fd === undefined) return;
              buffer += `${JSON.stringify(r)}\n`;
              if (buffer.length > 1 << 20) flush();
            }),
          );
        }
        flush();
        if (fd !== undefined) closeSync(fd);
        fd = undefined;
        if (tmp && flags.out) renameSync(tmp, flags.out);
        const total = summaries.reduce((s, f) => s + f.records, 0);
        if (flags.json) process.stdout.write(`${toJson({ records: total, files: summaries })}\n`);
        else {
          for (const s of summaries) {
            process.stdout.write(`${s.file}: ${s.records} records (${s.format})${s.issues.length ? `, ${s.issues.length} issue(s)` : ''}\n`);
            for (const i of s.issues.slice(0, 20)) process.stdout.write(`  line ${i.line}: [${i.code}] ${i.message}\n`);
            if (s.issues.length > 20) process.stdout.write(`  … ${s.issues.length - 20} more\n`);
          }
          process.stdout.write(`${total} records from ${summaries.length} file(s)${flags.out ? ` written to ${flags.out}` : ''}\n`);
        }
      } catch (e) {
        if (fd !== undefined) closeSync(fd);
        if (tmp) rmSync(tmp, { force: true });
        process.exitCode = reportError(e);
      }
    });
}

/**
 * UTF-8 chunks to text without splitting a character across chunks; drops a leading BOM. A chunk of ASCII
 * only (most of an export) is copied as ASCII, several times faster than Node's UTF-8 decoder gives the
 * same string.
 */
function utf8ChunkDecoder(): { decode(chunk: Uint8Array, last?: boolean): string } {
  let carry: Buffer = Buffer.alloc(0);
  let first = true;
  return {
    decode(chunk, last = false) {
      const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const buf = carry.length ? Buffer.concat([carry, view]) : view;
      let end = buf.length;
      if (!last) {
        // back up over an incomplete trailing sequence (a lead byte whose continuation bytes are missing)
        let i = end - 1;
        while (i >= 0 && end - i <= 4 && (buf[i]! & 0xc0) === 0x80) i--;
        if (i >= 0) {
          const lead = buf[i]!;
          const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
          if (end - i < need) end = i;
        }
      }
      carry = Buffer.from(buf.subarray(end));
      let start = 0;
      if (first && (end >= 3 || last)) {
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
        first = false;
      }
      return buf.toString(isAscii(buf.subarray(start, end)) ? 'ascii' : 'utf8', start, end);
    },
  };
}

function stringDecoder(enc: 'utf16le'): { decode(chunk: Uint8Array, last?: boolean): string } {
  const sd = new StringDecoder(enc);
  let first = true;
  return {
    decode(chunk: Uint8Array, last = false): string {
      let t = last ? sd.end(Buffer.from(chunk)) : sd.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (first && t.charCodeAt(0) === 0xfeff) t = t.slice(1);
      if (t.length) first = false;
      return t;
    },
  };
}
