/**
 * Review as code: a review written as a folder of plain files (review.json, one JSON-lines file per
 * table, and files.jsonl with the full texts, base64, by hash) that can be diffed and versioned, and read back into any store. Ids in the files are local
 * (1, 2, 3 … in the order rows were made), people are named by email, and password hashes never leave
 * the store, so export → import → export gives the same bytes.
 */
import { audit } from './audit.js';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { hashPassword } from './passwords.js';
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from './schema.js';

type Row = Record<string, unknown>;
/** Tables of one review, in the order they must be read back (a row only points to earlier tables). */
const TABLES = ['amendments', 'search_runs', 'records', 'dedup_pairs', 'duplicate_clusters', 'cluster_members', 'decisions', 'resolutions', 'stopping_samples', 'studies', 'reports', 'extractions', 'rob_assessments', 'analyses', 'themes', 'theme_codes', 'audit_log'] as const;
type TableName = (typeof TABLES)[number];

/** Columns that hold ids of other tables, and which table. */
const REFS: Partial<Record<TableName, Record<string, TableName | 'users'>>> = {
  amendments: { made_by: 'users' },
  search_runs: { imported_by: 'users' },
  records: { search_run_id: 'search_runs', duplicate_of: 'records' },
  dedup_pairs: { record_a: 'records', record_b: 'records', decided_by: 'users' },
  duplicate_clusters: { primary_record_id: 'records' },
  cluster_members: { cluster_id: 'duplicate_clusters', record_id: 'records' },
  decisions: { record_id: 'records', reviewer_id: 'users' },
  resolutions: { record_id: 'records', resolved_by: 'users' },
  stopping_samples: { started_by: 'users', after_decision_id: 'decisions' },
  studies: { record_id: 'records' },
  reports: { study_id: 'studies', record_id: 'records' },
  extractions: { study_id: 'studies', reviewer_id: 'users' },
  rob_assessments: { study_id: 'studies', reviewer_id: 'users' },
  theme_codes: { theme_id: 'themes', study_id: 'studies' },
  audit_log: { actor_id: 'users' },
};
const HAS_ID = (t: TableName): boolean => t !== 'cluster_members';
/** Columns stored as JSON text, written into the files as JSON values so they diff line by line. */
const JSON_COLS = new Set(['raw', 'fields', 'reasons', 'before', 'after', 'spec', 'result', 'data', 'judgements']);

const line = (o: Row): string => JSON.stringify(o);

async function rowsOf(store: Store, t: TableName, reviewId: number): Promise<Row[]> {
  const db = store.db;
  switch (t) {
    case 'cluster_members':
      return db.selectFrom('cluster_members').innerJoin('duplicate_clusters as c', 'c.id', 'cluster_members.cluster_id').selectAll('cluster_members').where('c.review_id', '=', reviewId).orderBy('cluster_members.cluster_id').orderBy('cluster_members.record_id').execute() as Promise<Row[]>;
    case 'theme_codes':
      return db.selectFrom('theme_codes').innerJoin('themes as t', 't.id', 'theme_codes.theme_id').selectAll('theme_codes').where('t.review_id', '=', reviewId).orderBy('theme_codes.id').execute() as Promise<Row[]>;
    default:
      return db.selectFrom(t).selectAll().where('review_id', '=', reviewId).orderBy('id').execute() as Promise<Row[]>;
  }
}

/** The review as files: name → content. */
export async function exportReview(store: Store, reviewId: number): Promise<Map<string, string>> {
  const review = await store.db.selectFrom('reviews').selectAll().where('id', '=', reviewId).executeTakeFirst();
  if (!review) throw new StoreError('NOT_FOUND', `review ${reviewId} not found`);
  const users = new Map((await store.db.selectFrom('users').select(['id', 'email', 'display_name']).execute()).map((u) => [u.id, u]));
  const email = (id: unknown): string | null => (id === null || id === undefined ? null : (users.get(Number(id))?.email ?? `unknown-user-${String(id)}`));
  const local = new Map<string, Map<number, number>>();
  const files = new Map<string, string>();
  const members = await store.db.selectFrom('members').selectAll().where('review_id', '=', reviewId).orderBy('added_at').orderBy('user_id').execute();
  files.set(
    'review.json',
    JSON.stringify(
      {
        format: 'metasift-review/1',
        title: review.title,
        protocol: JSON.parse(review.protocol) as unknown,
        blinding: review.blinding === 1,
        settings: JSON.parse(review.settings) as unknown,
        created_at: review.created_at,
        created_by: email(review.created_by),
        members: members.map((m) => ({ email: email(m.user_id), display_name: users.get(m.user_id)?.display_name ?? '', role: m.role, added_at: m.added_at })),
      },
      null,
      2,
    ) + '\n',
  );
  for (const t of TABLES) {
    const ids = new Map<number, number>();
    local.set(t, ids);
    const rows = await rowsOf(store, t, reviewId);
    const out: string[] = [];
    for (const r of rows) {
      const o: Row = { ...r };
      delete o.review_id;
      if (HAS_ID(t)) {
        ids.set(Number(r.id), ids.size + 1);
        o.id = ids.size;
      }
      for (const [col, target] of Object.entries(REFS[t] ?? {})) {
        if (o[col] === null || o[col] === undefined) continue;
        o[col] = target === 'users' ? email(o[col]) : (local.get(target)?.get(Number(o[col])) ?? null);
      }
      for (const c of Object.keys(o)) if (JSON_COLS.has(c) && typeof o[c] === 'string') o[c] = JSON.parse(o[c]) as unknown;
      out.push(line(o));
    }
    files.set(`${t}.jsonl`, out.length ? out.join('\n') + '\n' : '');
  }
  // full texts the review's reports point to, by hash (base64: the folder is text)
  const hashes = [...new Set((await store.db.selectFrom('reports').select('file_sha256').where('review_id', '=', reviewId).where('file_sha256', '!=', '').execute()).map((r) => r.file_sha256))].sort();
  const blobs: string[] = [];
  for (const h of hashes) {
    const f = await store.db.selectFrom('files').selectAll().where('sha256', '=', h).executeTakeFirst();
    if (f) blobs.push(line({ sha256: f.sha256, size: f.size, created_at: f.created_at, base64: Buffer.from(f.bytes).toString('base64') }));
  }
  files.set('files.jsonl', blobs.length ? blobs.join('\n') + '\n' : '');
  return files;
}

/**
 * Reads a review folder into the store as a new review, in one transaction. People are matched by
 * email; one not in the store gets an account with a random password (to be reset by an admin).
 */
export async function importReview(store: Store, files: Map<string, string>, actorId: number | null = null): Promise<number> {
  const get = (name: string): string => {
    const s = files.get(name);
    if (s === undefined) throw new StoreError('INVALID', `${name}: missing from the review folder`);
    return s;
  };
  let head: { format: string; title: string; protocol: unknown; blinding: boolean; settings?: unknown; created_at: string; created_by: string; members: { email: string; display_name: string; role: 'owner' | 'reviewer' | 'viewer'; added_at: string }[] };
  try {
    head = JSON.parse(get('review.json')) as typeof head;
  } catch (e) {
    throw new StoreError('INVALID', `review.json: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (head.format !== 'metasift-review/1') throw new StoreError('INVALID', `review.json: format "${String(head.format)}" is not metasift-review/1`);
  const tables = TABLES.map((t) => {
    const text = get(`${t}.jsonl`);
    return [
      t,
      text
        .split('\n')
        .filter((l) => l !== '')
        .map((l, i) => {
          try {
            return JSON.parse(l) as Row;
          } catch (e) {
            throw new StoreError('INVALID', `${t}.jsonl line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
          }
        }),
    ] as const;
  });
  const blobs = (files.get('files.jsonl') ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => {
      let f: { sha256: string; size: number; created_at: string; base64: string };
      try {
        f = JSON.parse(l) as typeof f;
      } catch (e) {
        throw new StoreError('INVALID', `files.jsonl line ${i + 1}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const bytes = Buffer.from(String(f.base64), 'base64');
      if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) throw new StoreError('INVALID', `files.jsonl line ${i + 1}: the bytes do not match sha256 ${String(f.sha256)}`);
      return { sha256: f.sha256, size: bytes.length, created_at: f.created_at, bytes: new Uint8Array(bytes) };
    });
  const emails = new Set<string>([head.created_by, ...head.members.map((m) => m.email)]);
  for (const [t, rows] of tables) for (const r of rows) for (const [col, target] of Object.entries(REFS[t] ?? {})) if (target === 'users' && typeof r[col] === 'string') emails.add(r[col]);
  const placeholder = await hashPassword(randomBytes(24).toString('base64'));
  return store.tx(async (trx) => {
    const userIds = new Map<string, number>();
    for (const e of emails) {
      const u = await trx.selectFrom('users').select('id').where('email', '=', e).executeTakeFirst();
      const name = head.members.find((m) => m.email === e)?.display_name ?? e;
      userIds.set(e, u ? u.id : (await trx.insertInto('users').values({ email: e, display_name: name, password_hash: placeholder, created_at: head.created_at }).returning('id').executeTakeFirstOrThrow()).id);
    }
    const { id: reviewId } = await trx
      .insertInto('reviews')
      .values({ title: head.title, protocol: JSON.stringify(head.protocol), blinding: head.blinding ? 1 : 0, settings: JSON.stringify(head.settings ?? {}), created_at: head.created_at, created_by: userIds.get(head.created_by)!, archived_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of head.members) await trx.insertInto('members').values({ review_id: reviewId, user_id: userIds.get(m.email)!, role: m.role, added_at: m.added_at }).execute();
    for (const f of blobs) if (!(await trx.selectFrom('files').select('sha256').where('sha256', '=', f.sha256).executeTakeFirst())) await trx.insertInto('files').values(f).execute();
    const ids = new Map<string, Map<number, number>>();
    for (const [t, rows] of tables) {
      const map = new Map<number, number>();
      ids.set(t, map);
      for (const [n, r] of rows.entries()) {
        const o: Row = { ...r };
        const localId = Number(o.id);
        delete o.id;
        if (t !== 'cluster_members' && t !== 'theme_codes') o.review_id = reviewId;
        for (const c of Object.keys(o)) if (JSON_COLS.has(c) && o[c] !== null) o[c] = JSON.stringify(o[c]);
        for (const [col, target] of Object.entries(REFS[t] ?? {})) {
          if (o[col] === null || o[col] === undefined) continue;
          const v = target === 'users' ? userIds.get(String(o[col])) : ids.get(target)?.get(Number(o[col]));
          if (v === undefined) throw new StoreError('INVALID', `${t}.jsonl line ${n + 1}: ${col} ${JSON.stringify(o[col])} points to nothing`);
          o[col] = v;
        }
        const q = trx.insertInto(t as keyof Database).values(o as never);
        if (HAS_ID(t)) map.set(localId, Number(((await q.returning('id' as never).executeTakeFirstOrThrow()) as { id: number }).id));
        else await q.execute();
      }
    }
    // the import is audited outside the review's own trail, so the folder reads back unchanged
    await audit(trx, { reviewId: null, actorId, entity: 'review', entityId: reviewId, action: 'import-folder', after: { title: head.title } });
    return reviewId;
  });
}
