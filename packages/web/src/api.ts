/** The API client: JSON over fetch with the session cookie and the CSRF token; errors carry the server's code and message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (token: string): void => {
  csrf = token;
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string } }).error;
    throw new ApiFailure(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText);
  }
  return data as T;
}

// the API's own types where the JSON is exactly the store's (type-only: nothing of the store is bundled)
import type { Progress, Decision, HistoryEntry, DedupSummary, StoppingStatus, ExcludedReport, IncludedStudy, StudyExtraction, ExtractedOutcome, StudyCharacteristics, IncludedStudyStatus, StudyEntries, AppraisedStudy, RobFigures, ResultsTables, ReviewEffectDirections, Themes, AnalysisSpec } from '@metasift/store';
export type { Progress, Decision, HistoryEntry, DedupSummary, StoppingStatus, ExcludedReport, IncludedStudy, StudyExtraction, ExtractedOutcome, StudyCharacteristics, IncludedStudyStatus, StudyEntries, AppraisedStudy, RobFigures, ResultsTables, ReviewEffectDirections, Themes, AnalysisSpec };

export type Stage = 'title_abstract' | 'full_text';
export type Verdict = 'include' | 'exclude' | 'maybe';

export interface Me {
  id: number;
  email: string;
  displayName: string;
  csrf: string;
}
export interface ReviewSummary {
  id: number;
  title: string;
  role: 'owner' | 'reviewer' | 'viewer';
}
export interface Criterion {
  id: string;
  kind: 'inclusion' | 'exclusion';
  text: string;
}
export interface Protocol {
  question: string;
  pico: { population: string; intervention: string; comparator: string; outcomes: string };
  criteria: Criterion[];
  outcomes: { name: string; direction: 'higher' | 'lower'; primary: boolean; measure: string }[];
  analyses: string[];
  registry_id: string;
  /** The review's own extraction fields (absent in protocols saved before they existed). */
  extraction_fields?: { id: string; label: string; hint: string; options: string[] }[];
  /** The characteristic studies are grouped by for synthesis (SWiM item 1); empty or absent for none. */
  synthesis_grouping?: string;
}
export interface Review {
  id: number;
  title: string;
  protocol: Protocol;
  blinding: boolean;
  createdAt: string;
}
export interface Settings {
  reviewersPerRecord: 1 | 2;
  order: 'random' | 'relevance';
  maybeCountsAsInclude: boolean;
  exclusionReasons: string[];
  highlight: { include: string[]; exclude: string[] };
}
export interface Author {
  family: string;
  given: string;
}
export interface RecordFields {
  title: string;
  abstract: string;
  authors: Author[];
  year: number | null;
  journal: string;
  volume: string;
  issue: string;
  pages: string;
  doi: string;
  pmid: string;
  database: string;
  keywords: string[];
  publication_types: string[];
}
export interface RecordView {
  id: number;
  searchRunId: number;
  fields: RecordFields;
  servedBy?: 'relevance' | 'seeded';
}
export interface PairAgreement {
  n: number;
  agreement: number;
  kappa: number | null;
  ci: [number | null, number | null];
  pabak: number;
  reviewers: [{ id: number; name: string }, { id: number; name: string }];
}
export interface DuplicatePair {
  id: number;
  score: number;
  a: RecordView & { database: string };
  b: RecordView & { database: string };
}
export interface Preview {
  fileName: string;
  format: string;
  records: number;
  issues: { line: number; code: string; message: string }[];
  issueCount: number;
  sample: { title: string; year: number | null; journal: string }[];
}
export interface ImportJob {
  id: string;
  fileName: string;
  state: 'running' | 'done' | 'failed';
  phase: string;
  written: number;
  total: number;
  result: { records: number; dedup: DedupSummary } | null;
  error: { code: string; message: string } | null;
}
export interface ReportView {
  id: number;
  fileName: string;
  size: number;
  retrieval: 'retrieved' | 'not_retrieved';
}
export interface StudyView {
  id: number;
  label: string;
  design: string;
  reports: ReportView[];
}
/** The PRISMA 2020 counts as the server derives them (databases, registers, other methods). */
export type { PrismaCounts } from '@metasift/core';
export interface Member {
  userId: number;
  email: string;
  name: string;
  role: 'owner' | 'reviewer' | 'viewer';
}

export const STAGE_LABEL: Record<Stage, string> = { title_abstract: 'Title & abstract', full_text: 'Full text' };

/** An outcome's table, or why it could not be made (e.g. a protocol measure metasift does not compute). */
export type OutcomeTableOrError = ExtractedOutcome | { outcome: string; error: string };

/** Every protocol outcome's analysis table from the extracted data, each failure kept beside the others. */
export function extractedOutcomes(reviewId: number, outcomes: readonly { name: string }[]): Promise<OutcomeTableOrError[]> {
  return Promise.all(
    outcomes.map((o) =>
      api<ExtractedOutcome>('GET', `/reviews/${reviewId}/extraction/outcomes/${encodeURIComponent(o.name)}`).catch((e: unknown) => ({ outcome: o.name, error: e instanceof Error ? e.message : String(e) })),
    ),
  );
}
