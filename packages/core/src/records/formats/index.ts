/** The format registry: one module per format behind one interface, detected by content. */
import type { BibRecord, FormatId, ParseResult } from '../record.js';
import type { RawTagged, TaggedDialect } from '../tagged.js';
import { detectBibtex, parseBibtex } from './bibtex.js';
import { detectCsv, parseCsv } from './csv.js';
import { detectEndnoteXml, parseEndnoteXml } from './endnote-xml.js';
import { detectMedline, medlineDialect, medlineRecord } from './medline.js';
import { detectOvid, detectOvidLabels, ovidDialect, ovidLabelDialect, ovidRecord } from './ovid.js';
import { detectPubmedXml, parsePubmedXml } from './pubmed-xml.js';
import { detectRefworks, refworksDialect, refworksRecord } from './refworks.js';
import { detectRis, risDialect, risRecord } from './ris.js';
import { detectWos, wosDialect, wosRecord } from './wos.js';

/** A line-tagged format: streamable record by record. */
export interface TaggedFormat {
  readonly kind: 'tagged';
  readonly id: FormatId;
  readonly label: string;
  readonly detect: (head: string) => number;
  readonly dialect: (head: string) => TaggedDialect;
  readonly toRecord: (r: RawTagged, n: number) => BibRecord;
}

/** A format parsed from the whole text (XML, BibTeX, CSV). */
export interface WholeFormat {
  readonly kind: 'whole';
  readonly id: FormatId;
  readonly label: string;
  readonly detect: (head: string) => number;
  readonly parse: (text: string, options: { mapping?: Readonly<Record<string, string>> }) => ParseResult;
}

export type FormatPlugin = TaggedFormat | WholeFormat;

export const FORMATS: readonly FormatPlugin[] = [
  { kind: 'whole', id: 'pubmed-xml', label: 'PubMed XML', detect: detectPubmedXml, parse: parsePubmedXml },
  { kind: 'whole', id: 'endnote-xml', label: 'EndNote XML', detect: detectEndnoteXml, parse: parseEndnoteXml },
  { kind: 'tagged', id: 'ovid', label: 'Ovid tagged', detect: (h) => Math.max(detectOvid(h), detectOvidLabels(h)), dialect: (h) => (detectOvidLabels(h) > detectOvid(h) ? ovidLabelDialect : ovidDialect), toRecord: ovidRecord },
  { kind: 'tagged', id: 'medline', label: 'MEDLINE/PubMed tagged', detect: detectMedline, dialect: () => medlineDialect, toRecord: medlineRecord },
  { kind: 'tagged', id: 'wos', label: 'Web of Science tagged', detect: detectWos, dialect: () => wosDialect, toRecord: wosRecord },
  { kind: 'tagged', id: 'ris', label: 'RIS', detect: detectRis, dialect: () => risDialect, toRecord: risRecord },
  { kind: 'tagged', id: 'refworks', label: 'RefWorks tagged', detect: detectRefworks, dialect: () => refworksDialect, toRecord: refworksRecord },
  { kind: 'whole', id: 'bibtex', label: 'BibTeX', detect: detectBibtex, parse: (t) => parseBibtex(t) },
  { kind: 'whole', id: 'csv', label: 'CSV/TSV', detect: detectCsv, parse: (t, o) => parseCsv(t, o.mapping) },
];

/** The most likely format of a file from its first characters, or undefined. */
export function detectFormat(head: string): FormatPlugin | undefined {
  let best: FormatPlugin | undefined;
  let score = 0.25;
  for (const f of FORMATS) {
    const s = f.detect(head);
    if (s > score) {
      score = s;
      best = f;
    }
  }
  return best;
}

export function formatById(id: string): FormatPlugin | undefined {
  return FORMATS.find((f) => f.id === id);
}
