/**
 * Cumulative meta-analysis, as metafor's cumul() runs it: the studies ordered by a column (usually the
 * year), the same model refitted after each study is added, so a reader sees when the evidence settled.
 * The order is ascending and stable (R's order()): numbers by value when every cell is one, else text.
 */
import type { Diagnostic } from '../errors.js';
import { isNumericColumn, numericColumn, textColumn, type DataTable } from './table.js';

export interface Cumulative {
  readonly column: string;
  /** The studies in the order added, and their 1-based rows of the table. */
  readonly study: readonly string[];
  readonly rows: readonly number[];
  /** After each study is added: the model's summary (arrays as long as `study`). */
  readonly [field: string]: unknown;
}

/** The refits' summaries gathered per field, as cumul() returns them. */
const FIELDS = ['estimate', 'se', 'statistic', 'pval', 'ci_lower', 'ci_upper', 'tau2', 'I2', 'H2', 'Q', 'Q_pval'] as const;

/**
 * Refits with `fit` (the same model on a table of the rows given) after each analysed row (`rows`,
 * 0-based) in the order of `column`. Warnings of the one-study fit (τ² set to 0) are expected and dropped.
 */
export function cumulativeFits(
  table: DataTable,
  rows: readonly number[],
  labels: readonly string[],
  column: string,
  fit: (sub: DataTable) => Record<string, unknown> & { warnings: readonly Diagnostic[] },
  warnings: Diagnostic[],
): Cumulative {
  const numeric = isNumericColumn(table, column);
  const keys = numeric ? numericColumn(table, column, 'cumulative') : textColumn(table, column, 'cumulative');
  const at = (r: number): number | string => keys[r] ?? (numeric ? Infinity : '');
  // R's order(): ascending, missing values last, ties kept in the input order
  const order = [...rows].sort((a, b) => {
    const x = at(a);
    const y = at(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const out: Record<string, unknown[]> = Object.fromEntries(FIELDS.map((f) => [f, []]));
  const transformed: Record<string, number>[] = [];
  order.forEach((_, i) => {
    const sub = fit({ columns: table.columns, rows: order.slice(0, i + 1).map((r) => table.rows[r]!) });
    for (const f of FIELDS) out[f]!.push(sub[f] ?? null);
    if (sub['transformed']) transformed.push(sub['transformed'] as Record<string, number>);
    for (const w of sub.warnings) if (i > 0 && w.code !== 'K_ONE') warnings.push({ code: w.code, message: `cumulative, after ${labels[order[i]!]}: ${w.message}` });
  });
  return {
    column,
    study: order.map((r) => labels[r]!),
    rows: order.map((r) => r + 1),
    ...out,
    ...(transformed.length === order.length && { transformed: { estimate: transformed.map((t) => t['estimate']), ci_lower: transformed.map((t) => t['ci_lower']), ci_upper: transformed.map((t) => t['ci_upper']) } }),
  };
}
