/**
 * Moderators for meta-regression from table columns: numeric columns enter as they are; text columns
 * become treatment-coded dummies (first level in sorted order is the reference), named column + level
 * as R's model.matrix does (e.g. "allocrandom"). Studies with a missing moderator are dropped, with a warning.
 */
import type { Diagnostic } from '../errors.js';
import type { Moderators } from '../meta/types.js';
import { isNumericColumn, numericColumn, textColumn, type DataTable } from './table.js';

const collator = new Intl.Collator('en');

export function buildModerators(
  table: DataTable,
  names: readonly string[],
  candidateRows: readonly number[],
): { mods: Moderators; rows: number[]; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  const numeric = names.map((n) => (textColumn(table, n, 'moderator'), isNumericColumn(table, n)));
  const values = names.map((n, j) => (numeric[j] ? numericColumn(table, n, 'moderator') : textColumn(table, n, 'moderator')));
  const rows = candidateRows.filter((r) => {
    const missing = names.find((n, j) => {
      const v = values[j]![r];
      return v === null || v === '';
    });
    if (missing !== undefined)
      warnings.push({ code: 'MISSING_VALUE', message: `row ${r + 1}: moderator ${missing} is missing; study omitted`, row: r, field: missing });
    return missing === undefined;
  });
  const outNames: string[] = [];
  const columns: number[][] = [];
  names.forEach((n, j) => {
    const v = values[j]!;
    if (numeric[j]) {
      outNames.push(n);
      columns.push(rows.map((r) => v[r] as number));
      return;
    }
    const levels = moderatorLevels(v as string[], rows);
    for (const level of levels.slice(1)) {
      outNames.push(`${n}${level}`);
      columns.push(rows.map((r) => (v[r] === level ? 1 : 0)));
    }
  });
  return { mods: { names: outNames, columns }, rows, warnings };
}

/** A text moderator's levels among the rows analysed, in sorted order: the first is the reference. */
export function moderatorLevels(values: readonly string[], rows: readonly number[]): string[] {
  return [...new Set(rows.map((r) => values[r]!))].sort(collator.compare);
}
