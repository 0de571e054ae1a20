/**
 * A push parser for line-tagged formats (MEDLINE, RIS, Ovid, Web of Science, RefWorks): feed it lines
 * one at a time, it emits each record's raw tag/value pairs as soon as the record ends. Memory stays
 * bounded by one record, so files larger than memory stream; every line is looked at once (linear).
 */
import type { FormatId, ImportIssue } from './record.js';

/** One record as read: tag/value pairs in file order, and where it started. */
export interface RawTagged {
  readonly fields: [tag: string, value: string][];
  readonly line: number;
  /** Lines seen before the record that belong to it (e.g. Cochrane's "Record #3 of 18" header). */
  readonly preamble: string[];
}

export interface TaggedDialect {
  readonly format: FormatId;
  /** A tag line: its tag and value, or null. */
  readonly tagLine: (line: string) => { tag: string; value: string } | null;
  /** Does this tag start a new record (given whether the current record is open and what it holds)? */
  readonly startsRecord: (tag: string, open: boolean, fields: readonly [string, string][]) => boolean;
  /** Does this tag close the record (RIS ER, WoS ER)? */
  readonly endsRecord?: (tag: string) => boolean;
  /** Does a blank line close the record (MEDLINE, Ovid)? */
  readonly blankEndsRecord: boolean;
  /** A line that starts a record by itself and is not a field (Ovid "<1. >"). */
  readonly recordHeader?: (line: string) => boolean;
  /** Tags whose continuation lines are further values rather than wrapped text. */
  readonly multiValue: ReadonlySet<string>;
  /** Does a non-tag line continue the previous field? Default: any non-blank line. */
  readonly continues?: (line: string) => boolean;
}

/** Maximum length of one field value; longer input is cut with an issue (a 50 MB single line stays linear). */
const MAX_VALUE = 1 << 20;

export class TaggedParser {
  private fields: [string, string][] = [];
  private open = false;
  private startLine = 0;
  private preamble: string[] = [];
  private lastTag = '';
  private valueLen = 0;
  /** Continuation text of the last field, joined once when the field ends (no quadratic concatenation). */
  private parts: string[] = [];

  constructor(
    private readonly dialect: TaggedDialect,
    private readonly emit: (r: RawTagged) => void,
    private readonly issue: (i: ImportIssue) => void,
  ) {}

  feed(rawLine: string, lineNo: number): void {
    const line = rawLine.length > MAX_VALUE ? this.cut(rawLine, lineNo) : rawLine;
    if (line.trim() === '') {
      if (this.dialect.blankEndsRecord && this.open) this.close();
      return;
    }
    if (this.dialect.recordHeader?.(line)) {
      if (this.open) this.close();
      this.start(lineNo);
      return;
    }
    const t = this.dialect.tagLine(line);
    if (t) {
      if (this.dialect.startsRecord(t.tag, this.open, this.fields)) {
        if (this.open) this.close();
        this.start(lineNo);
      }
      if (!this.open) {
        // a field outside any record: keep header lines for the next record (Cochrane, WoS FN/VR)
        this.preamble.push(line);
        return;
      }
      if (this.dialect.endsRecord?.(t.tag)) {
        this.close();
        return;
      }
      this.flushParts();
      this.fields.push([t.tag, t.value]);
      this.lastTag = t.tag;
      this.valueLen = t.value.length;
      return;
    }
    if (!this.open || this.fields.length === 0) {
      if (!this.open) this.preamble.push(line);
      else this.issue({ line: lineNo, code: 'UNTAGGED_LINE', message: `line without a tag before the first field: "${line.slice(0, 60)}"` });
      return;
    }
    if (this.dialect.continues && !this.dialect.continues(line)) {
      this.issue({ line: lineNo, code: 'UNTAGGED_LINE', message: `unrecognised line kept with ${this.lastTag}: "${line.slice(0, 60)}"` });
    }
    const last = this.fields[this.fields.length - 1]!;
    const text = line.trim();
    if (text === '') return;
    if (this.dialect.multiValue.has(last[0])) {
      this.flushParts();
      this.fields.push([last[0], text]);
      this.valueLen = text.length;
    } else if (this.valueLen + text.length > MAX_VALUE) {
      this.issue({ line: lineNo, code: 'FIELD_TOO_LONG', message: `${last[0]} longer than ${MAX_VALUE} characters; the rest is cut` });
    } else {
      this.parts.push(text);
      this.valueLen += text.length + 1;
    }
  }

  private flushParts(): void {
    if (this.parts.length === 0) return;
    const last = this.fields[this.fields.length - 1]!;
    const head = last[1].trimEnd();
    last[1] = head ? `${head} ${this.parts.join(' ')}` : this.parts.join(' ');
    this.parts = [];
  }

  finish(): void {
    // a format whose records end with a tag (RIS ER, WoS ER) that ends inside a record was probably cut off
    if (this.open && this.dialect.endsRecord && this.fields.length) {
      this.issue({ line: this.startLine, code: 'UNTERMINATED_RECORD', message: `the file ends inside the record that starts here (no end tag such as ER): the export may be incomplete; the record is kept` });
    }
    if (this.open) this.close();
  }

  private cut(line: string, lineNo: number): string {
    this.issue({ line: lineNo, code: 'FIELD_TOO_LONG', message: `line of ${line.length} characters cut to ${MAX_VALUE}` });
    return line.slice(0, MAX_VALUE);
  }

  private start(lineNo: number): void {
    this.parts = [];
    this.open = true;
    this.startLine = lineNo;
    this.fields = [];
  }

  private close(): void {
    this.flushParts();
    this.open = false;
    if (this.fields.length) this.emit({ fields: this.fields, line: this.startLine, preamble: this.preamble, index: undefined } as Indexed);
    this.fields = [];
    this.preamble = [];
  }
}

/** Parses all lines of a text with a dialect (non-streaming convenience). */
export function parseTaggedLines(lines: readonly string[], dialect: TaggedDialect, issues: ImportIssue[], firstLine = 1): RawTagged[] {
  const out: RawTagged[] = [];
  const p = new TaggedParser(dialect, (r) => out.push(r), (i) => issues.push(i));
  lines.forEach((l, i) => p.feed(l, firstLine + i));
  p.finish();
  return out;
}

/** A record's tag → values index, kept on the record object itself (built on first use). */
type Indexed = RawTagged & { index?: Map<string, string[]> };

/** tag → values of a record, built once per record (lookups are then O(1), not a scan of all fields). */
function indexOf(r: Indexed): Map<string, string[]> {
  let m = r.index;
  if (!m) {
    m = new Map();
    for (const [t, v] of r.fields) {
      const list = m.get(t);
      if (list) list.push(v);
      else m.set(t, [v]);
    }
    r.index = m;
  }
  return m;
}

/** The values of the tags in a raw record; with several tags, in file order (AU and A1 interleaved). */
export function values(r: RawTagged, ...tags: string[]): string[] {
  const m = indexOf(r);
  if (tags.length === 1) return m.get(tags[0]!) ?? [];
  // only when two or more of the tags occur is the file order to be rebuilt from the fields
  let found: string[] | undefined;
  let present = 0;
  for (const t of tags) {
    const list = m.get(t);
    if (list) {
      present++;
      found = list;
    }
  }
  if (present <= 1) return found ?? [];
  return r.fields.filter(([t]) => tags.includes(t)).map(([, v]) => v);
}

/** The first non-empty value of the first tag that has one, or '' (an empty "VL  -" does not hide a later "VL  - 19"). */
export function first(r: RawTagged, ...tags: string[]): string {
  const m = indexOf(r);
  for (const t of tags) {
    const v = m.get(t)?.find((x) => x !== '');
    if (v !== undefined) return v;
  }
  return '';
}
