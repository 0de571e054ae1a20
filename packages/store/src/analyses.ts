/**
 * The analysis of record of each protocol outcome: how its extracted table is meta-analysed (measure,
 * model, test, level, subgroups or moderators), saved from the meta-analysis page so the review report
 * and its R script use the team's choice (saved.ts: kind "meta").
 */
import { MULTILEVEL_METHODS, isMeasureCode, isMetasiftError, parseSubset } from '@metasift/core';
import { z } from 'zod';
import { StoreError } from './errors.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';
import { outcomesOf, saveForOutcome, savedInProtocolOrder } from './saved.js';

export const AnalysisSpec = z.object({
  outcome: z.string().min(1).max(200),
  /** An escalc measure code, or "" for the one the columns imply. */
  measure: z.string().max(10).default(''),
  method: z.enum(['REML', 'DL', 'ML', 'PM', 'HE', 'SJ', 'EB', 'HS', 'EE', 'MH', 'PETO']).default('REML'),
  /** metafor's test: z, t, knha or adhoc (the three-level model: z or t, as rma.mv). */
  test: z.enum(['z', 't', 'knha', 'adhoc']).default('z'),
  level: z.number().gt(0).lt(100).default(95),
  subgroup: z.string().max(200).default(''),
  mods: z.array(z.string().min(1).max(200)).max(10).default([]),
  /** Sensitivity analyses by subset: "risk_of_bias!=High", "design=RCT" (core/analysis/sensitivity.ts). */
  sensitivity: z.array(z.string().min(1).max(300)).max(10).default([]),
  /** The column a cumulative meta-analysis orders the studies by ("" for none). */
  cumulative: z.string().max(200).default(''),
  /** The column whose rows are clustered for cluster-robust tests, e.g. study_id ("" for none). */
  cluster: z.string().max(200).default(''),
  /** The column the rows are nested in for the three-level model (rma.mv), e.g. study_id ("" for the usual model). */
  multilevel: z.string().max(200).default(''),
});
export type AnalysisSpec = z.output<typeof AnalysisSpec>;

export async function savedAnalyses(store: Store, userId: number, reviewId: number): Promise<AnalysisSpec[]> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  return savedInProtocolOrder<AnalysisSpec>(store, reviewId, 'meta');
}

/** Saves an outcome's analysis of record. */
export async function saveAnalysis(store: Store, actorId: number, reviewId: number, input: unknown): Promise<AnalysisSpec> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const r = AnalysisSpec.safeParse(input);
  if (!r.success) throw new StoreError('INVALID', `invalid analysis: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const spec = r.data;
  const outcomes = await outcomesOf(store, reviewId);
  if (!outcomes.includes(spec.outcome)) throw new StoreError('INVALID', `invalid analysis: outcome: "${spec.outcome}" is not an outcome of the protocol (${outcomes.join(', ') || 'none named'})`);
  if (spec.measure && !isMeasureCode(spec.measure)) throw new StoreError('INVALID', `invalid analysis: measure: "${spec.measure}" is not a measure metasift computes`);
  spec.sensitivity.forEach((x, i) => {
    try {
      parseSubset(x);
    } catch (e) {
      if (isMetasiftError(e)) throw new StoreError('INVALID', `invalid analysis: sensitivity.${i}: ${e.message}`);
      throw e;
    }
  });
  if (spec.sensitivity.length && spec.mods.length) throw new StoreError('INVALID', 'invalid analysis: sensitivity: subsets are refitted for a model without moderators');
  if (spec.cumulative && spec.mods.length) throw new StoreError('INVALID', 'invalid analysis: cumulative: a cumulative meta-analysis refits a model without moderators');
  if (spec.cluster && (spec.method === 'MH' || spec.method === 'PETO')) throw new StoreError('INVALID', `invalid analysis: cluster: cluster-robust tests need a model fitted by rma, not ${spec.method}`);
  if (spec.multilevel) {
    if (!MULTILEVEL_METHODS.includes(spec.method)) throw new StoreError('INVALID', `invalid analysis: method: the three-level model is fitted by REML or ML (as rma.mv), not ${spec.method}`);
    if (spec.test === 'knha' || spec.test === 'adhoc') throw new StoreError('INVALID', `invalid analysis: test: the three-level model has no Knapp-Hartung adjustment (${spec.test}); use t or z`);
    if (spec.subgroup) throw new StoreError('INVALID', 'invalid analysis: subgroup: with the three-level model, compare subgroups as a moderator');
    if (spec.cumulative) throw new StoreError('INVALID', 'invalid analysis: cumulative: a cumulative meta-analysis refits the usual random-effects model');
  }
  return saveForOutcome(store, actorId, reviewId, 'meta', 'analysis', spec.outcome, spec);
}
