/**
 * EndNote XML (<xml><records><record>…): EndNote desktop, Mendeley and Zotero exports. Text values may
 * be wrapped in one or more <style> runs and hold several values separated by CR; both are undone.
 */
import { normaliseDoi, normalisePages, normaliseType, parseName, parseYear, stripMarkup } from '../normalise.js';
import { emptyRecord, type BibRecord, type ImportIssue, type ParseResult } from '../record.js';
import { splitIssnIsbn, uniq } from './common.js';
import { asArray, lineOfEach, parseXml, textOf, type XNode } from './xml.js';

const FIELDS = ['title', 'secondary-title', 'full-title', 'abbr-1', 'alt-title', 'short-title', 'tertiary-title', 'abstract', 'author', 'keyword', 'pages', 'volume', 'number', 'issue', 'year', 'date', 'isbn', 'accession-num', 'electronic-resource-num', 'url', 'notes', 'language', 'remote-database-name', 'remote-database-provider', 'label', 'work-type', 'auth-address', 'publisher', 'pub-location', 'edition', 'custom1', 'custom2', 'custom3', 'custom4', 'custom5', 'custom6', 'custom7', 'section', 'call-num', 'caption'];
const ARRAYS = new Set(['record', 'author', 'keyword', 'url', 'date']);

export function detectEndnoteXml(head: string): number {
  return /<xml>\s*<records>\s*<record>/i.test(head) || (/<records>/.test(head) && /<ref-type\b/.test(head)) ? 0.97 : 0;
}

/** Plain text of an EndNote value: style runs joined, markup and entities decoded, whitespace folded. */
const CR_MARK = '\u2063'; // invisible separator: survives stripMarkup's whitespace folding

function val(node: unknown): string {
  return stripMarkup(textOf(node).split('\r').join(CR_MARK)).split(CR_MARK).join('\r');
}

function multi(node: unknown): string[] {
  return asArray(node as unknown[]).flatMap((n) => val(n).split(/\r+/)).map((s) => s.trim()).filter(Boolean);
}

export function parseEndnoteXml(text: string): ParseResult {
  const issues: ImportIssue[] = [];
  const doc = parseXml(text.replace(/&#xD;|&#13;/gi, '\r'), ARRAYS, FIELDS.map((f) => `*.${f}`));
  const recordsNode = ((doc['xml'] as XNode | undefined)?.['records'] ?? doc['records']) as XNode | undefined;
  const lines = lineOfEach(text, /<record>/g);
  const records: BibRecord[] = asArray(recordsNode?.['record'] as XNode[]).map((r, i) => {
    const rec = emptyRecord('endnote-xml', lines[i] ?? 0);
    const titles = (r['titles'] ?? {}) as XNode;
    const contributors = (r['contributors'] ?? {}) as XNode;
    const periodical = (r['periodical'] ?? {}) as XNode;
    const dates = (r['dates'] ?? {}) as XNode;
    const put = (k: string, vs: string[]): void => {
      if (vs.length) rec.raw[k] = vs;
    };
    const refType = r['ref-type'] as XNode | string | undefined;
    const typeName = typeof refType === 'object' && refType ? String(refType['@name'] ?? textOf(refType)) : String(refType ?? '');
    put('ref-type', [typeName]);
    for (const [k, v] of Object.entries(titles)) put(`titles/${k}`, multi(v));
    for (const [k, v] of Object.entries(contributors)) put(`contributors/${k}`, multi((v as XNode)['author']));
    for (const [k, v] of Object.entries(periodical)) put(`periodical/${k}`, multi(v));
    for (const [k, v] of Object.entries(dates)) put(`dates/${k}`, k === 'pub-dates' ? multi((v as XNode)['date']) : multi(v));
    put('keywords', multi((r['keywords'] as XNode | undefined)?.['keyword']));
    const urls = ((r['urls'] as XNode | undefined)?.['related-urls'] as XNode | undefined)?.['url'];
    put('urls', multi(urls));
    for (const f of FIELDS) if (f in r && typeof r[f] !== 'object') put(f, multi(r[f]));
    for (const f of FIELDS) if (f in r && typeof r[f] === 'object' && !['titles'].includes(f)) put(f, multi(r[f]));
    const first = (k: string): string => rec.raw[k]?.[0] ?? '';
    rec.type = normaliseType(typeName);
    rec.title = first('titles/title');
    rec.journal = first('periodical/full-title') || first('titles/secondary-title');
    rec.journal_abbrev = first('periodical/abbr-1') || first('titles/alt-title');
    rec.abstract = (rec.raw['abstract'] ?? []).join('\n');
    rec.authors = (rec.raw['contributors/authors'] ?? []).map(parseName);
    rec.year = parseYear(first('dates/year') || first('dates/pub-dates'));
    rec.volume = first('volume');
    rec.issue = first('number') || first('issue');
    rec.pages = normalisePages(first('pages'));
    rec.doi = normaliseDoi(first('electronic-resource-num')) || normaliseDoi((rec.raw['urls'] ?? []).find((u) => /doi\.org/.test(u)) ?? '');
    const sn = splitIssnIsbn(rec.raw['isbn'] ?? []);
    rec.issn = sn.issn;
    rec.isbn = sn.isbn;
    rec.language = first('language');
    rec.keywords = uniq(rec.raw['keywords'] ?? []);
    rec.urls = uniq(rec.raw['urls'] ?? []);
    const acc = first('accession-num');
    if (/^\d{5,9}$/.test(acc) && /pubmed|medline|nlm/i.test(first('remote-database-provider') + first('remote-database-name'))) rec.pmid = acc;
    else if (acc) rec.accession = [acc];
    rec.database = first('remote-database-name') || first('remote-database-provider');
    rec.id = rec.pmid ? `PMID:${rec.pmid}` : `endnote:${textOf(r['rec-number']).trim() || i + 1}`;
    return rec;
  });
  return { format: 'endnote-xml', records, issues };
}
