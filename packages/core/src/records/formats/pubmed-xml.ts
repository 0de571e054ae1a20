/**
 * PubMed XML (PubmedArticleSet of PubmedArticle and PubmedBookArticle), per NLM's element descriptions.
 * Inline markup in titles and abstracts (<i>, <sup>, MathML) becomes plain text; structured abstracts
 * keep their labels ("BACKGROUND: …").
 */
import { normaliseDoi, normalisePages, normaliseType, parseYear, stripMarkup } from '../normalise.js';
import { addRaw, emptyRecord, type BibRecord, type ImportIssue, type ParseResult } from '../record.js';
import { uniq } from './common.js';
import { asArray, flatten, lineOfEach, parseXml, textOf, type XNode } from './xml.js';

const ARRAYS = new Set(['PubmedArticle', 'PubmedBookArticle', 'Author', 'AbstractText', 'ArticleId', 'ELocationID', 'MeshHeading', 'QualifierName', 'Keyword', 'PublicationType', 'Language', 'ISSN', 'KeywordList', 'AuthorList', 'Isbn']);
const STOP = ['*.ArticleTitle', '*.AbstractText', '*.BookTitle', '*.VernacularTitle', '*.Affiliation'];

export function detectPubmedXml(head: string): number {
  return /<(PubmedArticleSet|PubmedArticle|PubmedBookArticle)\b/.test(head) ? 0.98 : 0;
}

function abstractOf(node: unknown): string {
  return asArray(node as XNode[] | XNode)
    .map((a) => {
      const label = typeof a === 'object' && a ? (a as XNode)['@Label'] : undefined;
      const t = stripMarkup(textOf(a));
      return label ? `${String(label)}: ${t}` : t;
    })
    .filter(Boolean)
    .join('\n');
}

function dateYear(d: unknown): number | null {
  const o = (d ?? {}) as XNode;
  return parseYear(textOf(o['Year']) || textOf(o['MedlineDate']));
}

function articleRecord(a: XNode, line: number, n: number): BibRecord {
  const rec = emptyRecord('pubmed-xml', line);
  flatten(a, '', rec.raw);
  const mc = (a['MedlineCitation'] ?? {}) as XNode;
  const art = (mc['Article'] ?? {}) as XNode;
  const journal = (art['Journal'] ?? {}) as XNode;
  const ji = (journal['JournalIssue'] ?? {}) as XNode;
  rec.pmid = textOf(mc['PMID']).trim();
  rec.database = 'MEDLINE';
  rec.title = stripMarkup(textOf(art['ArticleTitle']) || textOf(art['VernacularTitle']));
  rec.abstract = abstractOf((art['Abstract'] as XNode | undefined)?.['AbstractText']);
  rec.authors = authorsOf((art['AuthorList'] as XNode[] | undefined)?.[0]);
  rec.journal = stripMarkup(textOf(journal['Title']));
  rec.journal_abbrev = textOf(journal['ISOAbbreviation']) || textOf((mc['MedlineJournalInfo'] as XNode | undefined)?.['MedlineTA']);
  rec.volume = textOf(ji['Volume']).trim();
  rec.issue = textOf(ji['Issue']).trim();
  rec.year = dateYear(ji['PubDate']) ?? dateYear(asArray(art['ArticleDate'] as XNode[])[0]);
  const pg = (art['Pagination'] ?? {}) as XNode;
  rec.pages = normalisePages(textOf(pg['MedlinePgn']) || textOf(pg['StartPage']), textOf(pg['MedlinePgn']) ? '' : textOf(pg['EndPage']));
  const eloc = asArray(art['ELocationID'] as XNode[]);
  const ids = asArray(((a['PubmedData'] as XNode | undefined)?.['ArticleIdList'] as XNode | undefined)?.['ArticleId'] as XNode[]);
  const idOf = (type: string, list: XNode[], attr: string): string => textOf(list.find((x) => x[attr] === type)).trim();
  rec.doi = normaliseDoi(idOf('doi', eloc, '@EIdType') || idOf('doi', ids, '@IdType'));
  rec.pmcid = idOf('pmc', ids, '@IdType');
  if (!rec.pages) rec.pages = idOf('pii', eloc, '@EIdType') && !rec.doi ? '' : rec.pages;
  rec.issn = uniq(asArray(journal['ISSN'] as unknown[]).map((x) => textOf(x)));
  rec.language = asArray(art['Language'] as unknown[]).map((x) => textOf(x)).join('; ');
  rec.mesh = asArray((mc['MeshHeadingList'] as XNode | undefined)?.['MeshHeading'] as XNode[]).map((h) => {
    const d = textOf(h['DescriptorName']);
    const major = (h['DescriptorName'] as XNode | undefined)?.['@MajorTopicYN'] === 'Y' ? '*' : '';
    const qs = asArray(h['QualifierName'] as unknown[]).map((q) => `${(q as XNode)['@MajorTopicYN'] === 'Y' ? '*' : ''}${textOf(q)}`);
    return [major + d, ...qs].join('/');
  });
  rec.keywords = uniq(asArray(mc['KeywordList'] as XNode[]).flatMap((kl) => asArray(kl['Keyword'] as unknown[]).map((k) => stripMarkup(textOf(k)))));
  rec.publication_types = uniq(asArray((art['PublicationTypeList'] as XNode | undefined)?.['PublicationType'] as unknown[]).map((p) => textOf(p)));
  rec.type = normaliseType(rec.publication_types[0] ?? 'journal article');
  rec.id = rec.pmid ? `PMID:${rec.pmid}` : `pubmed-xml:${n}`;
  return rec;
}

function authorsOf(list: XNode | undefined): BibRecord['authors'] {
  return asArray(list?.['Author'] as XNode[]).map((au) => {
    const coll = textOf(au['CollectiveName']);
    if (coll) return { family: stripMarkup(coll), given: '' };
    const suffix = textOf(au['Suffix']);
    return { family: textOf(au['LastName']).trim(), given: (textOf(au['ForeName']) || textOf(au['Initials'])).trim() + (suffix ? ` ${suffix}` : '') };
  });
}

function bookRecord(b: XNode, line: number, n: number): BibRecord {
  const rec = emptyRecord('pubmed-xml', line);
  flatten(b, '', rec.raw);
  const doc = (b['BookDocument'] ?? {}) as XNode;
  const book = (doc['Book'] ?? {}) as XNode;
  rec.pmid = textOf(doc['PMID']).trim();
  rec.database = 'MEDLINE';
  rec.type = textOf(doc['ArticleTitle']) ? 'chapter' : 'book';
  rec.title = stripMarkup(textOf(doc['ArticleTitle']) || textOf(book['BookTitle']));
  rec.journal = rec.type === 'chapter' ? stripMarkup(textOf(book['BookTitle'])) : '';
  rec.abstract = abstractOf((doc['Abstract'] as XNode | undefined)?.['AbstractText']);
  rec.authors = authorsOf(asArray(doc['AuthorList'] as XNode[])[0] ?? asArray(book['AuthorList'] as XNode[])[0]);
  rec.year = dateYear(book['PubDate']);
  rec.isbn = uniq(asArray(book['Isbn'] as unknown[]).map((x) => textOf(x)));
  rec.language = asArray(doc['Language'] as unknown[]).map((x) => textOf(x)).join('; ');
  const ids = asArray((doc['ArticleIdList'] as XNode | undefined)?.['ArticleId'] as XNode[]);
  rec.doi = normaliseDoi(textOf(ids.find((x) => x['@IdType'] === 'doi')));
  rec.id = rec.pmid ? `PMID:${rec.pmid}` : `pubmed-xml:${n}`;
  addRaw(rec, '_kind', 'PubmedBookArticle');
  return rec;
}

export function parsePubmedXml(text: string): ParseResult {
  const issues: ImportIssue[] = [];
  const doc = parseXml(text, ARRAYS, STOP);
  const set = (doc['PubmedArticleSet'] ?? doc['PubmedBookArticleSet'] ?? doc) as XNode;
  const lines = lineOfEach(text, /<Pubmed(Book)?Article[\s>]/g);
  const records: BibRecord[] = [];
  let i = 0;
  for (const a of asArray(set['PubmedArticle'] as XNode[])) {
    if (typeof a === 'object' && a && Object.keys(a).length) records.push(articleRecord(a, lines[i] ?? 0, records.length + 1));
    i++;
  }
  for (const b of asArray(set['PubmedBookArticle'] as XNode[])) {
    if (typeof b === 'object' && b && Object.keys(b).length) records.push(bookRecord(b, lines[i] ?? 0, records.length + 1));
    i++;
  }
  return { format: 'pubmed-xml', records, issues };
}
