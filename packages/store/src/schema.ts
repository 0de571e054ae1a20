/**
 * The review model as Kysely sees it: one interface per table. JSON columns are stored as text so the
 * same schema runs on SQLite and PostgreSQL; times are ISO 8601 UTC strings.
 */
import type { ColumnType, Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: string;
}

export interface ReviewsTable {
  id: Generated<number>;
  title: string;
  /** The current protocol (question, criteria, outcomes, analyses, registry id) as JSON. */
  protocol: string;
  blinding: number;
  created_at: string;
  created_by: number;
  archived_at: string | null;
  /** Screening settings as JSON (see settings.ts). */
  settings: Generated<string>;
}

export type Role = 'owner' | 'reviewer' | 'viewer';

export interface MembersTable {
  review_id: number;
  user_id: number;
  role: Role;
  added_at: string;
}

export interface AmendmentsTable {
  id: Generated<number>;
  review_id: number;
  made_at: string;
  made_by: number;
  reason: string;
  before: string;
  after: string;
}

export interface SearchRunsTable {
  id: Generated<number>;
  review_id: number;
  database: string;
  platform: string;
  /** "database", "register" or "other" (PRISMA 2020's other methods); defaults to a database. */
  source: ColumnType<string, string | undefined, string>;
  searched_on: string;
  strategy: string;
  file_name: string;
  /** SHA-256 of the uploaded file, so the same export is recognised when uploaded twice. */
  file_sha256: string;
  format: string;
  record_count: number;
  imported_at: string;
  imported_by: number;
}

export interface RecordsTable {
  id: Generated<number>;
  review_id: number;
  search_run_id: number;
  /** 0-based position in the file. */
  position: number;
  /** Every field exactly as the file had it, as JSON. */
  raw: string;
  /** The normalised record (title, authors, DOI …) as JSON. */
  fields: string;
  title: string;
  year: number | null;
  doi: string;
  /** The record that stands for this one's duplicate cluster; null when this record is screened itself. */
  duplicate_of: Generated<number | null>;
  /** A fixed pseudo-random key: the screening order until relevance ranking takes over. */
  sort_key: Generated<number>;
}

/** A pair the deduplication could not settle, and the person's decision on it. */
export interface DedupPairsTable {
  id: Generated<number>;
  review_id: number;
  record_a: number;
  record_b: number;
  score: number;
  verdict: 'merge' | 'keep-apart' | null;
  decided_by: number | null;
  decided_at: string | null;
}

/** Full-text bytes, stored once by content hash. */
export interface FilesTable {
  sha256: string;
  bytes: Uint8Array;
  size: number;
  created_at: string;
}

export interface DuplicateClustersTable {
  id: Generated<number>;
  review_id: number;
  /** The record that stands for the cluster in screening. */
  primary_record_id: number;
  status: 'automatic' | 'confirmed' | 'rejected';
  created_at: string;
}

export interface ClusterMembersTable {
  cluster_id: number;
  record_id: number;
  score: number;
}

export type Stage = 'title_abstract' | 'full_text';
export type Verdict = 'include' | 'exclude' | 'maybe';

export interface DecisionsTable {
  id: Generated<number>;
  review_id: number;
  stage: Stage;
  record_id: number;
  reviewer_id: number;
  /** null marks an undo of the reviewer's previous decision. */
  verdict: Verdict | null;
  reasons: string;
  note: string;
  decided_at: string;
  /** The order the record was served in: "seeded", or the relevance model's configuration (JSON, with its version). */
  ranking: Generated<string>;
}

export interface ResolutionsTable {
  id: Generated<number>;
  review_id: number;
  stage: Stage;
  record_id: number;
  verdict: Verdict;
  reason: string;
  resolved_by: number;
  resolved_at: string;
}

export interface StudiesTable {
  id: Generated<number>;
  review_id: number;
  label: string;
  design: string;
  /** The included record the study was founded on when no report of it is linked (see extraction.ts). */
  record_id: Generated<number | null>;
}

export interface ReportsTable {
  id: Generated<number>;
  review_id: number;
  study_id: number | null;
  record_id: number | null;
  file_name: string;
  /** Full texts are stored by content hash; the bytes live in the blob store. */
  file_sha256: string;
  media_type: string;
  size: number;
  retrieval: Generated<'retrieved' | 'not_retrieved'>;
  added_at: Generated<string>;
}

export interface ExtractionsTable {
  id: Generated<number>;
  review_id: number;
  study_id: number;
  reviewer_id: number;
  data: string;
  consensus: number;
  saved_at: string;
}

export interface RobAssessmentsTable {
  id: Generated<number>;
  review_id: number;
  study_id: number;
  reviewer_id: number;
  tool: string;
  judgements: string;
  consensus: number;
  saved_at: string;
}

export interface AnalysesTable {
  id: Generated<number>;
  review_id: number;
  name: string;
  spec: string;
  result: string | null;
  saved_at: string;
}

export interface ThemesTable {
  id: Generated<number>;
  review_id: number;
  name: string;
  description: string;
}

export interface ThemeCodesTable {
  id: Generated<number>;
  theme_id: number;
  study_id: number;
  excerpt: string;
}

export interface AuditTable {
  id: Generated<number>;
  review_id: number | null;
  actor_id: number | null;
  at: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
}

export interface SessionsTable {
  token_sha256: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
}

/** The stopping rule's random sample: begun after a decision, when pool_size unique records were still unscreened. */
export interface StoppingSamplesTable {
  id: Generated<number>;
  review_id: number;
  started_at: string;
  started_by: number;
  after_decision_id: number;
  relevant_before: number;
  pool_size: number;
  recall_target: number;
  confidence: number;
}

export interface Database {
  sessions: SessionsTable;
  users: UsersTable;
  reviews: ReviewsTable;
  members: MembersTable;
  amendments: AmendmentsTable;
  search_runs: SearchRunsTable;
  records: RecordsTable;
  duplicate_clusters: DuplicateClustersTable;
  cluster_members: ClusterMembersTable;
  dedup_pairs: DedupPairsTable;
  files: FilesTable;
  stopping_samples: StoppingSamplesTable;
  decisions: DecisionsTable;
  resolutions: ResolutionsTable;
  studies: StudiesTable;
  reports: ReportsTable;
  extractions: ExtractionsTable;
  rob_assessments: RobAssessmentsTable;
  analyses: AnalysesTable;
  themes: ThemesTable;
  theme_codes: ThemeCodesTable;
  audit_log: AuditTable;
}
