/**
 * Importing a file's text: detect the format by content (never the extension), parse, and stamp the
 * declared database. `createTaggedStream` is the streaming entry for large line-tagged files.
 */
import { MetasiftError } from '../errors.js';
import type { BibRecord, FormatId, ImportIssue, ParseResult } from './record.js';
import { TaggedParser } from './tagged.js';
import { detectFormat, formatById, FORMATS, type FormatPlugin, type TaggedFormat } from './formats/index.js';
import { looksBinary, splitLines } from './text.js';

export interface ImportOptions {
  /** Force a format instead of detecting it. */
  readonly format?: string;
  /** Declared source database (overrides detection), e.g. "Embase". */
  readonly database?: string;
  /** CSV/XLSX: field → column name, overriding the built-in header mapping. */
  readonly mapping?: Readonly<Record<string, string>>;
}

/** Chooses the format plugin for a file head, or throws a clear error. */
export function chooseFormat(head: string, options: ImportOptions = {}): FormatPlugin {
  if (options.format) {
    const f = formatById(options.format);
    if (!f) throw new MetasiftError('UNKNOWN_FORMAT', `unknown format "${options.format}"; use one of ${[...FORMATS.map((x) => x.id), 'xlsx'].join(', ')}`, { field: 'format' });
    return f;
  }
  if (head.trim() === '') throw new MetasiftError('EMPTY_FILE', 'the file is empty');
  if (looksBinary(head)) throw new MetasiftError('BINARY_FILE', 'this is a binary file, not a bibliographic export (for Excel files use .xlsx)');
  const f = detectFormat(head);
  if (!f) throw new MetasiftError('UNRECOGNISED_FORMAT', 'not a recognised export: expected MEDLINE, PubMed XML, RIS, Ovid, Web of Science, RefWorks, EndNote XML, BibTeX or CSV');
  return f;
}

function stamp(records: BibRecord[], options: ImportOptions): BibRecord[] {
  if (options.database) for (const r of records) r.database = options.database;
  return records;
}

/** Parses a whole text (already decoded). Records with problems become issues; only an unrecognisable file throws. */
export function parseText(text: string, options: ImportOptions = {}): ParseResult {
  const plugin = chooseFormat(text.slice(0, 65536), options);
  if (plugin.kind === 'whole') {
    const r = plugin.parse(text, options.mapping ? { mapping: options.mapping } : {});
    return { ...r, records: stamp(r.records, options) };
  }
  const records: BibRecord[] = [];
  const issues: ImportIssue[] = [];
  const stream = createTaggedStream(plugin, text.slice(0, 65536), (r) => records.push(r), (i) => issues.push(i), options);
  splitLines(text).forEach((l, i) => stream.feed(l, i + 1));
  stream.finish();
  if (records.length === 0 && issues.length === 0 && text.trim()) issues.push({ line: 1, code: 'NO_RECORDS', message: `no ${plugin.label} records found` });
  return { format: plugin.id, records, issues };
}

/** A streaming parser for a tagged format: feed lines, records are emitted as each one ends. */
export function createTaggedStream(
  plugin: TaggedFormat,
  head: string,
  onRecord: (r: BibRecord) => void,
  onIssue: (i: ImportIssue) => void,
  options: ImportOptions = {},
): { feed(line: string, lineNo: number): void; finish(): void; format: FormatId } {
  let n = 0;
  const parser = new TaggedParser(
    plugin.dialect(head),
    (raw) => {
      n++;
      try {
        const rec = plugin.toRecord(raw, n);
        if (options.database) rec.database = options.database;
        onRecord(rec);
      } catch (e) {
        onIssue({ line: raw.line, code: 'BAD_RECORD', message: `record skipped: ${(e as Error).message}` });
      }
    },
    onIssue,
  );
  return { feed: (l, i) => parser.feed(l, i), finish: () => parser.finish(), format: plugin.id };
}
