/**
 * The review's references for a reference manager or another tool, by where they stand — every record
 * imported, the unique ones, those sought at full text, those excluded at full text, those included —
 * as RIS (a note line says where each stands) or CSV (with the review's own columns), as Covidence and
 * Rayyan export them.
 */
import { recordsToCsv, recordsToRis, REFERENCE_SETS, type BibRecord, type ReferenceSet } from '@metasift/core';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { recordFlow } from './outcomes.js';
import { requireRole } from './reviews.js';
import { reviewSettings } from './settings.js';

export interface ExportedRecords {
  fileName: string;
  mediaType: string;
  text: string;
  records: number;
}

/** The set's records in RIS or CSV, in import order. @throws StoreError INVALID for an unknown set or format */
export async function exportRecords(store: Store, userId: number, reviewId: number, set: string, format: string): Promise<ExportedRecords> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  if (!REFERENCE_SETS.includes(set as ReferenceSet)) throw new StoreError('INVALID', `set: "${set}" is not one of ${REFERENCE_SETS.join(', ')}`);
  if (format !== 'ris' && format !== 'csv') throw new StoreError('INVALID', `format: "${format}" is not one of ris, csv`);
  const f = await recordFlow(store, reviewId, await reviewSettings(store, reviewId));
  const excludedAtTa = new Set(f.excluded);
  const sought = new Set(f.sought);
  const included = new Set(f.includedRecords);
  const dupOf = new Map(f.records.map((r) => [r.id, r.duplicate_of]));
  /** Where a record stands, in words, for the note line and the status column. */
  const standing = (id: number): [string, string] => {
    const of = dupOf.get(id);
    if (of !== null && of !== undefined) return [`duplicate of record ${of}`, ''];
    if (excludedAtTa.has(id)) return ['excluded at title and abstract', ''];
    if (f.notRetrieved.has(id)) return ['not retrieved', ''];
    const reason = f.excludedAtFullText.get(id);
    if (reason !== undefined) return ['excluded at full text', reason];
    if (included.has(id)) return ['included', ''];
    if (sought.has(id)) return ['awaiting the full-text decision', ''];
    return ['awaiting the title and abstract decision', ''];
  };
  const wanted: ReadonlySet<number> | null =
    set === 'all' ? null : set === 'unique' ? f.unique : set === 'sought' ? sought : set === 'included' ? included : new Set(f.excludedAtFullText.keys());
  // every record in one read; a set by its ids, 500 to a query (SQLite limits a statement's parameters)
  const read = store.db.selectFrom('records').select(['id', 'fields', 'raw']).where('review_id', '=', reviewId);
  let rows: { id: number; fields: string; raw: string }[];
  if (wanted === null) rows = await read.orderBy('id').execute();
  else {
    const ids = [...wanted].sort((a, b) => a - b);
    rows = [];
    for (let i = 0; i < ids.length; i += 500) rows.push(...(await read.where('id', 'in', ids.slice(i, i + 500)).orderBy('id').execute()));
  }
  const records = rows.map((r) => ({ ...(JSON.parse(r.fields) as Omit<BibRecord, 'raw'>), raw: JSON.parse(r.raw) as BibRecord['raw'] }));
  const where = rows.map((r) => standing(r.id));
  const review = await store.db.selectFrom('reviews').select('title').where('id', '=', reviewId).executeTakeFirstOrThrow();
  const base = `${review.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'review'}-${set}`;
  const text =
    format === 'ris'
      ? recordsToRis(records, rows.map((r, i) => `metasift record ${r.id}: ${where[i]![0]}${where[i]![1] ? ` (${where[i]![1]})` : ''}`))
      : recordsToCsv(records, { columns: ['metasift_record', 'metasift_status', 'metasift_reason'], rows: rows.map((r, i) => [String(r.id), where[i]![0], where[i]![1]]) });
  return { fileName: `${base}.${format}`, mediaType: format === 'ris' ? 'application/x-research-info-systems' : 'text/csv', text, records: records.length };
}
