#!/usr/bin/env node
// Builds the demo review's database exports (demo/exports/) from the public bibliographic metadata in
// ../shared/demo/records.json: a PubMed MEDLINE file, an Embase (Ovid) RIS file and a Cochrane CENTRAL RIS
// file, with the overlaps real searches have. Fields are written only where the metadata has them —
// nothing is invented. Which database "found" which record is illustrative, chosen deterministically.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const source = join(root, '../shared/demo/records.json');
/** The demo metadata, or a one-line reason naming the file (no stack trace) and exit code 2. */
function readRecords() {
  try {
    const list = JSON.parse(readFileSync(source, 'utf8'));
    if (!Array.isArray(list)) throw new Error('expected a JSON array of records');
    list.forEach((r, i) => {
      if (typeof r?.title !== 'string' || !Array.isArray(r.authors ?? [])) throw new Error(`record ${i + 1}: needs a "title" string and an "authors" list`);
    });
    return list;
  } catch (e) {
    console.error(`make-demo-exports: ${source}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
}
const records = readRecords();
const out = process.argv[2] ?? join(root, 'demo/exports');
mkdirSync(out, { recursive: true });

/** A stable number in [0, 1) per record and database, so the exports never change between runs. */
const draw = (r, db) => parseInt(createHash('sha256').update(`${db}|${r.pmid}|${r.doi}|${r.title}`).digest('hex').slice(0, 8), 16) / 2 ** 32;
const isTrial = (r) => (r.publication_types ?? []).some((t) => /trial/i.test(t));

const inMedline = (r) => r.pmid !== '' || draw(r, 'medline') < 0.55;
const inEmbase = (r) => draw(r, 'embase') < 0.7;
const inCentral = (r) => isTrial(r) || (r.likely_relevant && draw(r, 'central') < 0.5) || draw(r, 'central') < 0.08;

/** MEDLINE initials of given names: "Laura MJ" → "LMJ", "Jean-Paul" → "JP", "KD" → "KD". */
const initials = (given) =>
  given
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((p) => (/^[A-Z]+$/.test(p) && p.length <= 3 ? p : p[0].toUpperCase()))
    .join('');

function medline(r) {
  const l = [];
  if (r.pmid) l.push(`PMID- ${r.pmid}`);
  l.push(`TI  - ${r.title}`);
  // as PubMed writes them: FAU the full name ("Hochstenbach, Laura MJ"), AU family name and initials ("Hochstenbach LMJ")
  for (const a of r.authors ?? []) {
    l.push(`FAU - ${a.family}${a.given ? ', ' + a.given : ''}`);
    l.push(`AU  - ${a.family}${a.given ? ' ' + initials(a.given) : ''}`);
  }
  for (const t of r.publication_types ?? []) l.push(`PT  - ${t}`);
  if (r.year) l.push(`DP  - ${r.year}`);
  if (r.journal) l.push(`JT  - ${r.journal}`);
  if (r.journal_abbrev) l.push(`TA  - ${r.journal_abbrev}`);
  if (r.volume) l.push(`VI  - ${r.volume}`);
  if (r.issue) l.push(`IP  - ${r.issue}`);
  if (r.pages) l.push(`PG  - ${r.pages}`);
  if (r.doi) l.push(`LID - ${r.doi} [doi]`);
  for (const m of r.mesh ?? []) l.push(`MH  - ${m}`);
  l.push('SO  - ' + [r.journal_abbrev || r.journal, r.year, r.volume && `${r.volume}${r.issue ? `(${r.issue})` : ''}`, r.pages].filter(Boolean).join('; '));
  return l.join('\n');
}

function ris(r, db) {
  const l = [`TY  - ${isTrial(r) || r.journal ? 'JOUR' : 'GEN'}`, `DB  - ${db}`];
  // Ovid Embase writes titles as T1 and names as "Family, Given"
  l.push(`${db === 'Embase' ? 'T1' : 'TI'}  - ${r.title}`);
  for (const a of r.authors ?? []) l.push(`AU  - ${a.family}${a.given ? ', ' + a.given : ''}`);
  if (r.year) l.push(`PY  - ${r.year}`);
  if (r.journal) l.push(`JF  - ${r.journal}`);
  if (r.journal_abbrev) l.push(`JA  - ${r.journal_abbrev}`);
  if (r.volume) l.push(`VL  - ${r.volume}`);
  if (r.issue) l.push(`IS  - ${r.issue}`);
  const [sp, ep] = (r.pages ?? '').split('-');
  if (sp) l.push(`SP  - ${sp}`);
  if (ep) l.push(`EP  - ${ep}`);
  if (r.doi) l.push(`DO  - ${r.doi}`);
  if (r.pmid) l.push(`AN  - ${db === 'Embase' ? 'PMID ' : ''}${r.pmid}`);
  for (const t of r.publication_types ?? []) l.push(`KW  - ${t}`);
  l.push('ER  - ');
  return l.join('\n');
}

const medlineRecs = records.filter(inMedline);
const embaseRecs = records.filter(inEmbase);
const centralRecs = records.filter(inCentral);
writeFileSync(join(out, 'pubmed-medline.txt'), medlineRecs.map(medline).join('\n\n') + '\n');
writeFileSync(join(out, 'embase-ovid.ris'), embaseRecs.map((r) => ris(r, 'Embase')).join('\n\n') + '\n');
writeFileSync(join(out, 'cochrane-central.ris'), centralRecs.map((r) => ris(r, 'CENTRAL')).join('\n\n') + '\n');
const union = new Set([...medlineRecs, ...embaseRecs, ...centralRecs]);
console.log(`MEDLINE ${medlineRecs.length}, Embase ${embaseRecs.length}, CENTRAL ${centralRecs.length}; ${medlineRecs.length + embaseRecs.length + centralRecs.length} records, ${union.size} distinct of ${records.length}`);
