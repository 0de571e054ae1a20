/**
 * Narrative synthesis over the included studies: vote counting by direction of effect from the final
 * extracted data (SWiM), the results of individual studies tabulated per outcome, and themes coded across the studies — each code an excerpt of one study under
 * one theme, added and removed with an audit entry — for the implementation findings a meta-analysis
 * cannot pool.
 */
import { effectDirections, resultsTables, robOverallTextFor, type EffectDirections, type ResultsTable } from '@metasift/core';
import { finalRobFigures } from './appraisal.js';
import { audit } from './audit.js';
import { finalEntries } from './dual-entry.js';
import { StoreError } from './errors.js';
import { EXTRACTION } from './extraction.js';
import { ensureStudy, findGroup, includedContext, type Target } from './included.js';
import type { Store } from './open.js';
import { requireRole } from './reviews.js';

/** A review's effect directions, with the grouping used and whether the protocol planned it. */
export interface ReviewEffectDirections extends EffectDirections {
  readonly grouping: { readonly id: string; readonly label: string; readonly planned: boolean } | null;
}

/**
 * The effect direction plot's data and a sign test per protocol outcome, from the final data; grouped by a
 * characteristic of the review's (e.g. "mode") when `groupBy` names one, by the protocol's planned grouping
 * for synthesis when `groupBy` is absent, ungrouped when it is empty. @throws StoreError INVALID for another
 */
export async function effectDirectionsOf(store: Store, userId: number, reviewId: number, groupBy?: string): Promise<ReviewEffectDirections> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await includedContext(store, reviewId);
  const planned = ctx.protocol.synthesis_grouping ?? '';
  const id = groupBy ?? planned;
  const def = ctx.characteristics.find((c) => c.id === id);
  if (id && !def) {
    throw new StoreError('INVALID', `groupBy: "${id}" is not a characteristic of the review (${ctx.characteristics.map((c) => c.id).join(', ')})`);
  }
  const { studies, pending } = await finalEntries(store, reviewId, EXTRACTION, ctx);
  const d = effectDirections(studies, ctx.protocol.outcomes, def?.id);
  return { ...d, notes: [...pending, ...d.notes], grouping: def ? { id: def.id, label: def.label, planned: def.id === planned } : null };
}

export interface ResultsTables {
  /** One per protocol outcome: every study with a final result for it, pooled or not (PRISMA item 19, SWiM). */
  tables: ResultsTable[];
  /** Studies left out (extraction not final yet). */
  notes: string[];
}

/** The results of individual studies per outcome from the final extractions, with each study's risk of bias for the outcome. */
export async function resultsTablesOf(store: Store, userId: number, reviewId: number): Promise<ResultsTables> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await includedContext(store, reviewId);
  const { studies, pending } = await finalEntries(store, reviewId, EXTRACTION, ctx);
  const figures = await finalRobFigures(store, reviewId, ctx);
  return { tables: resultsTables(studies, ctx.protocol.outcomes, (outcome) => robOverallTextFor(figures, outcome)), notes: pending };
}

export interface ThemeCode {
  id: number;
  /** The study, by label and by its first included record (how the pages address it). */
  study: string;
  recordId: number;
  excerpt: string;
}

export interface Theme {
  id: number;
  name: string;
  description: string;
  codes: ThemeCode[];
}

export interface Themes {
  themes: Theme[];
  /** The included studies, to code and to lay out the matrix. */
  studies: { label: string; recordId: number }[];
}

/** The review's themes with their coded excerpts, and the included studies. */
export async function listThemes(store: Store, userId: number, reviewId: number): Promise<Themes> {
  await requireRole(store, reviewId, userId, 'owner', 'reviewer', 'viewer');
  const ctx = await includedContext(store, reviewId);
  const themes = await store.db.selectFrom('themes').selectAll().where('review_id', '=', reviewId).orderBy('id').execute();
  const codes = await store.db.selectFrom('theme_codes').innerJoin('themes', 'themes.id', 'theme_codes.theme_id').selectAll('theme_codes').where('themes.review_id', '=', reviewId).orderBy('theme_codes.id').execute();
  const byStudy = new Map(ctx.groups.filter((g) => g.studyId !== null).map((g) => [g.studyId!, g]));
  return {
    themes: themes.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      codes: codes
        .filter((c) => c.theme_id === t.id)
        .flatMap((c) => {
          // a study no longer included keeps its codes in the database but leaves the synthesis
          const g = byStudy.get(c.study_id);
          return g ? [{ id: c.id, study: ctx.labelOf(g), recordId: g.recordIds[0]!, excerpt: c.excerpt }] : [];
        }),
    })),
    studies: ctx.groups.map((g) => ({ label: ctx.labelOf(g), recordId: g.recordIds[0]! })),
  };
}

const text = (field: string, v: string, max: number, required: boolean): string => {
  const t = v.trim();
  if (required && !t) throw new StoreError('INVALID', `${field}: required`);
  if (t.length > max) throw new StoreError('INVALID', `${field}: longer than ${max} characters`);
  return t;
};

/** A new theme; names are unique within the review (letter case aside). */
export async function createTheme(store: Store, actorId: number, reviewId: number, t: { name: string; description?: string }): Promise<Theme> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const name = text('name', t.name, 200, true);
  const description = text('description', t.description ?? '', 5000, false);
  return store.tx(async (trx) => {
    const same = (await trx.selectFrom('themes').select('name').where('review_id', '=', reviewId).execute()).some((x) => x.name.toLowerCase() === name.toLowerCase());
    if (same) throw new StoreError('CONFLICT', `name: the review already has a theme "${name}"`);
    const { id } = await trx.insertInto('themes').values({ review_id: reviewId, name, description }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'theme', entityId: id, action: 'create', after: { name, description } });
    return { id, name, description, codes: [] };
  });
}

/** Codes an excerpt of an included study under a theme. */
export async function codeExcerpt(store: Store, actorId: number, reviewId: number, themeId: number, target: Target, excerpt: string): Promise<ThemeCode> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  const quote = text('excerpt', excerpt, 10000, true);
  const ctx = await includedContext(store, reviewId);
  const g = findGroup(ctx.groups, reviewId, target);
  return store.tx(async (trx) => {
    const theme = await trx.selectFrom('themes').select('id').where('id', '=', themeId).where('review_id', '=', reviewId).executeTakeFirst();
    if (!theme) throw new StoreError('NOT_FOUND', `theme ${themeId} is not in review ${reviewId}`);
    const studyId = await ensureStudy(trx, reviewId, actorId, g, 'theme code');
    const { id } = await trx.insertInto('theme_codes').values({ theme_id: themeId, study_id: studyId, excerpt: quote }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, { reviewId, actorId, entity: 'theme-code', entityId: id, action: 'create', after: { theme_id: themeId, study_id: studyId, excerpt: quote } });
    return { id, study: ctx.labelOf(g), recordId: g.recordIds[0]!, excerpt: quote };
  });
}

/** Removes a code; the audit log keeps what it was. */
export async function removeCode(store: Store, actorId: number, reviewId: number, codeId: number): Promise<void> {
  await requireRole(store, reviewId, actorId, 'owner', 'reviewer');
  await store.tx(async (trx) => {
    const c = await trx.selectFrom('theme_codes').innerJoin('themes', 'themes.id', 'theme_codes.theme_id').selectAll('theme_codes').where('theme_codes.id', '=', codeId).where('themes.review_id', '=', reviewId).executeTakeFirst();
    if (!c) throw new StoreError('NOT_FOUND', `code ${codeId} is not in review ${reviewId}`);
    await trx.deleteFrom('theme_codes').where('id', '=', codeId).execute();
    await audit(trx, { reviewId, actorId, entity: 'theme-code', entityId: codeId, action: 'remove', before: { theme_id: c.theme_id, study_id: c.study_id, excerpt: c.excerpt } });
  });
}
