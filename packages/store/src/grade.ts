/** GRADE assessments of the certainty of evidence, one per protocol outcome (saved.ts: kind "grade"). */
import { parseGrade, type GradeAssessment } from '@metasift/core';
import { coreChecked } from './errors.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import { outcomesOf, saveForOutcome, savedInProtocolOrder } from './saved.js';

/** The latest assessment of each protocol outcome that has one, in protocol order. */
export async function gradeAssessments(store: Store, userId: number, reviewId: number): Promise<GradeAssessment[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return savedInProtocolOrder<GradeAssessment>(store, reviewId, 'grade');
}

/** Saves an outcome's assessment. */
export async function saveGrade(store: Store, actorId: number, reviewId: number, input: unknown): Promise<GradeAssessment> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const outcomes = await outcomesOf(store, reviewId);
  const a = coreChecked(() => parseGrade(input, outcomes));
  return saveForOutcome(store, actorId, reviewId, 'grade', 'grade', a.outcome, a);
}
