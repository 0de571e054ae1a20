/** XML parsing shared by PubMed XML and EndNote XML: fast-xml-parser, no DTD or external entities. */
import { XMLParser } from 'fast-xml-parser';
import { MetasiftError } from '../../errors.js';

export type XNode = Record<string, unknown>;

/** Rejects nesting deeper than this before parsing (a crafted file cannot exhaust the stack). */
const MAX_DEPTH = 256;

export function checkDepth(text: string): void {
  let depth = 0;
  let max = 0;
  const re = /<(\/?)([A-Za-z][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1]) depth--;
    else if (!m[3]) depth++;
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) throw new MetasiftError('XML_TOO_DEEP', `XML nested more than ${MAX_DEPTH} levels deep; not a bibliographic export`);
  }
}

export function parseXml(text: string, arrays: ReadonlySet<string>, stopNodes: readonly string[]): XNode {
  checkDepth(text);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    processEntities: true,
    htmlEntities: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    stopNodes: [...stopNodes],
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(text) as XNode;
  } catch (e) {
    throw new MetasiftError('XML_SYNTAX', `malformed XML: ${(e as Error).message}`);
  }
}

/** Text content of a node (string, or its #text, or concatenated children). */
export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  const o = node as XNode;
  if ('#text' in o) return textOf(o['#text']);
  return Object.entries(o)
    .filter(([k]) => !k.startsWith('@'))
    .map(([, v]) => textOf(v))
    .join(' ');
}

export function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}

/** Flattens an element tree to path → text values (attributes as path/@name), for `raw`. */
export function flatten(node: unknown, path: string, out: Record<string, string[]>): void {
  if (node === undefined || node === null) return;
  if (typeof node !== 'object') {
    (out[path] ??= []).push(String(node));
    return;
  }
  if (Array.isArray(node)) {
    for (const n of node) flatten(n, path, out);
    return;
  }
  for (const [k, v] of Object.entries(node as XNode)) {
    if (k === '#text') (out[path] ??= []).push(String(v));
    else flatten(v, path ? `${path}/${k}` : k, out);
  }
}

/** 1-based line of each occurrence of `tag` opening in the text (for record line numbers). */
export function lineOfEach(text: string, openTag: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (let m = openTag.exec(text); m; m = openTag.exec(text)) {
    for (let i = pos; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    pos = m.index;
    lines.push(line);
  }
  return lines;
}
