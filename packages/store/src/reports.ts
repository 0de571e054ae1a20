/**
 * Full-text reports: files stored once by SHA-256 (the same PDF attached twice is kept once), linked to
 * the record they report and optionally to a study (one study, many reports); a report that could not
 * be obtained is recorded as not retrieved, which PRISMA 2020 counts.
 */
import { createHash } from 'node:crypto';
import { audit, now } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';

export interface ReportView {
  id: number;
  recordId: number | null;
  studyId: number | null;
  fileName: string;
  sha256: string;
  mediaType: string;
  size: number;
  retrieval: 'retrieved' | 'not_retrieved';
}

const view = (r: { id: number; record_id: number | null; study_id: number | null; file_name: string; file_sha256: string; media_type: string; size: number; retrieval: 'retrieved' | 'not_retrieved' }): ReportView => ({
  id: r.id,
  recordId: r.record_id,
  studyId: r.study_id,
  fileName: r.file_name,
  sha256: r.file_sha256,
  mediaType: r.media_type,
  size: r.size,
  retrieval: r.retrieval,
});

async function recordOf(store: Store, reviewId: number, recordId: number): Promise<void> {
  const r = await store.db.selectFrom('records').select('id').where('id', '=', recordId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!r) throw new StoreError('NOT_FOUND', `record ${recordId} is not in review ${reviewId}`);
}

/** Attaches a full text to a record; the bytes are stored under their hash. */
export async function attachReport(store: Store, actorId: number, reviewId: number, a: { recordId: number; fileName: string; mediaType: string; bytes: Uint8Array }): Promise<ReportView> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  await recordOf(store, reviewId, a.recordId);
  if (!a.bytes.length) throw new StoreError('INVALID', `${a.fileName}: the file is empty`);
  if (a.mediaType === 'application/pdf' && Buffer.from(a.bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new StoreError('INVALID', `${a.fileName}: not a PDF (it does not start with %PDF-)`);
  }
  const sha = createHash('sha256').update(a.bytes).digest('hex');
  return store.tx(async (trx) => {
    const have = await trx.selectFrom('files').select('sha256').where('sha256', '=', sha).executeTakeFirst();
    if (!have) await trx.insertInto('files').values({ sha256: sha, bytes: a.bytes, size: a.bytes.length, created_at: now() }).execute();
    const row = await trx
      .insertInto('reports')
      .values({ review_id: reviewId, record_id: a.recordId, study_id: null, file_name: a.fileName, file_sha256: sha, media_type: a.mediaType, size: a.bytes.length, retrieval: 'retrieved', added_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'report', entityId: row.id, action: 'attach', after: { record_id: a.recordId, file_name: a.fileName, sha256: sha, size: a.bytes.length } });
    return view(row);
  });
}

/** Records that a record's full text could not be obtained (PRISMA: reports not retrieved). */
export async function markNotRetrieved(store: Store, actorId: number, reviewId: number, recordId: number, note: string): Promise<ReportView> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  await recordOf(store, reviewId, recordId);
  return store.tx(async (trx) => {
    const row = await trx
      .insertInto('reports')
      .values({ review_id: reviewId, record_id: recordId, study_id: null, file_name: '', file_sha256: '', media_type: '', size: 0, retrieval: 'not_retrieved', added_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'report', entityId: row.id, action: 'not-retrieved', after: { record_id: recordId, note } });
    return view(row);
  });
}

/** Links reports to one study (creating it when studyId is null): several reports, one study. */
export async function linkReports(store: Store, actorId: number, reviewId: number, l: { reportIds: number[]; studyId: number | null; label?: string; design?: string }): Promise<number> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  return store.tx(async (trx) => {
    let studyId = l.studyId;
    // a study founded on one of these reports' records (by extraction, appraisal or coding) is the study
    // they report: link to it rather than leave its data behind
    const records = (await trx.selectFrom('reports').select('record_id').where('review_id', '=', reviewId).where('id', 'in', l.reportIds).execute()).map((r) => r.record_id).filter((id): id is number => id !== null);
    const founded = records.length ? await trx.selectFrom('studies').select(['id', 'label', 'design']).where('review_id', '=', reviewId).where('record_id', 'in', records).execute() : [];
    if (founded.length > 1) throw new StoreError('CONFLICT', `these reports' records already belong to studies ${founded.map((f) => f.id).join(' and ')}: link them one study at a time`);
    const own = founded[0];
    if (own && studyId !== null && studyId !== own.id) {
      const used = await Promise.all([
        trx.selectFrom('extractions').select('id').where('study_id', '=', own.id).executeTakeFirst(),
        trx.selectFrom('rob_assessments').select('id').where('study_id', '=', own.id).executeTakeFirst(),
        trx.selectFrom('theme_codes').select('id').where('study_id', '=', own.id).executeTakeFirst(),
      ]);
      if (used.some(Boolean)) throw new StoreError('CONFLICT', `record ${records.join(', ')} has data of its own under study ${own.id} (extraction, risk of bias or themes): link its reports to study ${own.id}, or to a new study, instead of study ${studyId}`);
    }
    if (studyId === null && own) {
      studyId = own.id;
      const after = { label: l.label ?? own.label, design: l.design ?? own.design };
      if (after.label !== own.label || after.design !== own.design) {
        await trx.updateTable('studies').set(after).where('id', '=', own.id).execute();
        await audit(trx, { reviewId, actorId, entity: 'study', entityId: own.id, action: 'update', before: { label: own.label, design: own.design }, after });
      }
    } else if (studyId === null) {
      studyId = (await trx.insertInto('studies').values({ review_id: reviewId, label: l.label ?? '', design: l.design ?? '' }).returning('id').executeTakeFirstOrThrow()).id;
      await audit(trx, { reviewId, actorId, entity: 'study', entityId: studyId, action: 'create', after: { label: l.label ?? '', design: l.design ?? '' } });
    } else if (!(await trx.selectFrom('studies').select('id').where('id', '=', studyId).where('review_id', '=', reviewId).executeTakeFirst())) {
      throw new StoreError('NOT_FOUND', `study ${studyId} is not in review ${reviewId}`);
    }
    for (const id of l.reportIds) {
      const r = await trx.selectFrom('reports').select(['id', 'study_id']).where('id', '=', id).where('review_id', '=', reviewId).executeTakeFirst();
      if (!r) throw new StoreError('NOT_FOUND', `report ${id} is not in review ${reviewId}`);
      await trx.updateTable('reports').set({ study_id: studyId }).where('id', '=', id).execute();
      await audit(trx, { reviewId, actorId, entity: 'report', entityId: id, action: 'link-study', before: { study_id: r.study_id }, after: { study_id: studyId } });
    }
    return studyId;
  });
}

export async function reportsOf(store: Store, userId: number, reviewId: number, recordId: number): Promise<ReportView[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return (await store.db.selectFrom('reports').selectAll().where('review_id', '=', reviewId).where('record_id', '=', recordId).orderBy('id').execute()).map(view);
}

/** A report's bytes (members of its review only). */
export async function reportFile(store: Store, userId: number, reviewId: number, reportId: number): Promise<{ view: ReportView; bytes: Uint8Array }> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const r = await store.db.selectFrom('reports').selectAll().where('id', '=', reportId).where('review_id', '=', reviewId).executeTakeFirst();
  if (!r || r.retrieval !== 'retrieved') throw new StoreError('NOT_FOUND', `report ${reportId} has no file in review ${reviewId}`);
  const f = await store.db.selectFrom('files').select('bytes').where('sha256', '=', r.file_sha256).executeTakeFirstOrThrow();
  return { view: view(r), bytes: f.bytes };
}

export interface StudyView {
  id: number;
  label: string;
  design: string;
  reports: ReportView[];
}

/** The review's studies, each with the reports linked to it. */
export async function listStudies(store: Store, userId: number, reviewId: number): Promise<StudyView[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const studies = await store.db.selectFrom('studies').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
  const reports = await store.db.selectFrom('reports').selectAll().where('review_id', '=', reviewId).where('study_id', 'is not', null).orderBy('id').execute();
  return studies.map((s) => ({ id: s.id, label: s.label, design: s.design, reports: reports.filter((r) => r.study_id === s.id).map(view) }));
}
