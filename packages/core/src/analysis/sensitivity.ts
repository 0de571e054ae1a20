/**
 * Sensitivity analyses by subset, as Cochrane reviews run them: the same model refitted on the studies
 * whose value in a column is (`risk_of_bias=Low`) or is not (`risk_of_bias!=High`) one of some values —
 * only the trials at low risk of bias, without the high-risk ones, only the RCTs. metafor's way is
 * `rma(..., subset = risk_of_bias %in% c("Low"))`; the R script writes exactly that.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { RISK_OF_BIAS_COLUMN } from '../extraction/table.js';
import { textColumn, type DataTable } from './table.js';

export interface SubsetSpec {
  readonly column: string;
  /** true: leave out the studies with one of `values` ("!="); false: keep only those ("="). */
  readonly exclude: boolean;
  readonly values: readonly string[];
}

/** The model refitted on one subset, or why it was not (`note`, fewer than 2 studies left). */
export interface SensitivityFit extends SubsetSpec {
  /** As written: "risk_of_bias!=High". */
  readonly spec: string;
  /** The table's 1-based rows analysed in this fit. */
  readonly rows: readonly number[];
  readonly k: number;
  /** The analysed studies left out by the subset. */
  readonly left_out: readonly string[];
  readonly note?: string;
  readonly [field: string]: unknown;
}

/** What a refit reports: the model's summary, not its per-study arrays or diagnostics. */
const MODEL_FIELDS = ['method', 'test', 'level', 'estimate', 'se', 'statistic', 'pval', 'df', 'ci_lower', 'ci_upper', 'pi_lower', 'pi_upper', 'tau2', 'sigma2', 'I2', 'I2_levels', 'H2', 'Q', 'Q_df', 'Q_pval', 'transformed'] as const;

const SPEC = /^([^=!]+?)\s*(!=|=)\s*(.*)$/s;

/**
 * Reads "COLUMN=VALUE[,VALUE…]" (keep those) or "COLUMN!=VALUE[,VALUE…]" (leave them out); an empty
 * value stands for an empty cell. @throws MetasiftError INVALID_VALUE naming the entry
 */
export function parseSubset(text: string): SubsetSpec {
  const m = SPEC.exec(text.trim());
  if (!m || !m[1]!.trim()) {
    throw new MetasiftError('INVALID_VALUE', `sensitivity "${text}": expected COLUMN=VALUE[,VALUE…] (keep those studies) or COLUMN!=VALUE[,VALUE…] (leave them out)`, { field: 'sensitivity' });
  }
  return { column: m[1]!.trim(), exclude: m[2] === '!=', values: [...new Set(m[3]!.split(',').map((v) => v.trim()))] };
}

/** The entry as written back: "risk_of_bias!=High,Serious". */
export function subsetText(s: SubsetSpec): string {
  return `${s.column}${s.exclude ? '!=' : '='}${s.values.join(',')}`;
}

/** For prose: "whose risk of bias is Low", "… is not High or Serious", "… is recorded" (values as written). */
export function subsetWords(s: SubsetSpec): string {
  const named = s.values.filter((v) => v !== '');
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named.at(-1)}` : (named[0] ?? '');
  const blank = named.length < s.values.length;
  const column = s.column.replace(/_/g, ' ');
  if (s.exclude) return `whose ${column} is ${blank ? `recorded${list ? ` and not ${list}` : ''}` : `not ${list}`}`;
  return `whose ${column} is ${[list, blank ? 'not recorded' : ''].filter(Boolean).join(' or ')}`;
}

/** The overall judgements that mean high risk of bias: RoB 2's High, ROBINS-I's Serious and Critical. */
export const HIGH_RISK_LABELS: readonly string[] = ['High', 'Serious', 'Critical'];

/**
 * Cochrane's two usual subsets of an outcome table's risk_of_bias column, as far as its values allow:
 * without the studies at high risk (the high labels it holds), and the studies at low risk alone.
 */
export function riskOfBiasSubsets(table: DataTable): { withoutHigh: SubsetSpec | null; lowOnly: SubsetSpec | null } {
  const j = table.columns.indexOf(RISK_OF_BIAS_COLUMN);
  const values = new Set(j < 0 ? [] : table.rows.map((r) => (r[j] ?? '').trim()));
  const high = HIGH_RISK_LABELS.filter((v) => values.has(v));
  return {
    withoutHigh: high.length ? { column: RISK_OF_BIAS_COLUMN, exclude: true, values: high } : null,
    lowOnly: values.has('Low') ? { column: RISK_OF_BIAS_COLUMN, exclude: false, values: ['Low'] } : null,
  };
}

/**
 * Refits the analysis on each subset of the analysed rows (`rows`, 0-based) with `fit`, which runs the
 * same model on a table of those rows alone. Fewer than two studies left: a note, no model.
 */
export function sensitivityFits(
  table: DataTable,
  rows: readonly number[],
  labels: readonly string[],
  specs: readonly SubsetSpec[],
  fit: (sub: DataTable) => Record<string, unknown> & { warnings: readonly Diagnostic[] },
  warnings: Diagnostic[],
): SensitivityFit[] {
  return specs.map((s) => {
    const cells = textColumn(table, s.column, 'sensitivity');
    const keep = rows.filter((r) => s.values.includes(cells[r]!) !== s.exclude);
    const head = { spec: subsetText(s), ...s, rows: keep.map((r) => r + 1), k: keep.length, left_out: rows.filter((r) => !keep.includes(r)).map((r) => labels[r]!) };
    if (keep.length < 2) {
      const note = `${keep.length === 1 ? 'one study' : 'no study'} ${subsetWords(s)}: no model fitted`;
      warnings.push({ code: 'SUBSET_TOO_SMALL', message: `sensitivity ${head.spec}: ${note}`, field: s.column });
      return { ...head, note };
    }
    let sub: ReturnType<typeof fit>;
    try {
      sub = fit({ columns: table.columns, rows: keep.map((r) => table.rows[r]!), ...(table.lines && { lines: keep.map((r) => table.lines![r]!) }) });
    } catch (e) {
      // a subset the model cannot be fitted to (e.g. a three-level model left with one cluster): said, not fatal
      if (!(e instanceof MetasiftError)) throw e;
      const note = `${subsetWords(s)}: ${e.message}`;
      warnings.push({ code: e.code, message: `sensitivity ${head.spec}: ${e.message}`, field: s.column });
      return { ...head, note };
    }
    // the refit's own warnings (e.g. a zero cell) name the subset they come from, not a row of the sub-table
    warnings.push(...sub.warnings.map((w) => ({ code: w.code, message: `sensitivity ${head.spec}: ${w.message}`, ...(w.field !== undefined && { field: w.field }) })));
    return { ...head, ...Object.fromEntries(MODEL_FIELDS.filter((f) => sub[f] !== undefined).map((f) => [f, sub[f]])) };
  });
}
