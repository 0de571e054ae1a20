/**
 * escalc: per-study effect sizes and sampling variances from a table of columns named as metafor's
 * escalc arguments. Studies whose effect is undefined or that miss a value are dropped and reported in
 * `warnings`, never silently; values outside their domain are errors naming the row and column.
 */
import { MetasiftError, type Diagnostic } from '../errors.js';
import { MEASURES, isMeasureCode } from './registry.js';
import type { EffectSizes, MeasureCode, MeasureDef, ZeroCellOptions } from './types.js';

/** Numeric columns by name; null marks a missing value. All columns have the same length. */
export type NumericColumns = Readonly<Record<string, ArrayLike<number | null>>>;

export interface EscalcOptions {
  readonly measure: MeasureCode;
  readonly data: NumericColumns;
  /** Number of rows (needed when the table could be empty). */
  readonly k: number;
  readonly zero?: Partial<ZeroCellOptions>;
}

/** metafor's defaults: add = 1/2 to = "only0". */
export const DEFAULT_ZERO_CELL: ZeroCellOptions = { add: 0.5, to: 'only0' };

/** The column set of `def` present in `columns`, or undefined. */
export function matchColumnSet(def: MeasureDef, columns: readonly string[]): readonly string[] | undefined {
  return def.columnSets.find((set) => set.every((c) => columns.includes(c)));
}

/**
 * Measure implied by the columns when only one family fits (yi with vi or sei → GEN).
 * @throws MetasiftError AMBIGUOUS_MEASURE / MISSING_COLUMN
 */
export function inferMeasure(columns: readonly string[]): MeasureCode {
  const fits = (Object.keys(MEASURES) as MeasureCode[]).filter((m) => matchColumnSet(MEASURES[m], columns) !== undefined);
  if (fits.length === 1) return fits[0]!;
  if (fits.length === 0)
    throw new MetasiftError(
      'MISSING_COLUMN',
      'no effect-size columns found: expected metafor escalc names such as m1i sd1i n1i m2i sd2i n2i, ai bi ci di, ai n1i ci n2i, ri ni, xi ni, or yi vi',
      { field: 'measure' },
    );
  throw new MetasiftError('AMBIGUOUS_MEASURE', `the columns fit ${fits.join(', ')}: choose one with --measure`, { field: 'measure' });
}

/** Computes yi and vi for every row; see the module comment for what is dropped and what throws. */
export function escalc(options: EscalcOptions): EffectSizes {
  const { measure, data, k } = options;
  if (!isMeasureCode(measure)) throw new MetasiftError('UNKNOWN_MEASURE', `unknown measure "${String(measure)}"`, { field: 'measure' });
  const def = MEASURES[measure];
  const names = Object.keys(data);
  const set = matchColumnSet(def, names);
  if (set === undefined) {
    const wanted = def.columnSets.map((s) => s.join(' ')).join(' or ');
    const missing = def.columnSets[0]!.filter((c) => !names.includes(c));
    throw new MetasiftError('MISSING_COLUMN', `measure ${measure} needs columns ${wanted}; missing ${missing.join(', ')}`, {
      field: missing[0] ?? 'measure',
    });
  }
  const zero: ZeroCellOptions = { ...DEFAULT_ZERO_CELL, ...options.zero };
  const yi: number[] = [];
  const vi: number[] = [];
  const rows: number[] = [];
  const warnings: Diagnostic[] = [];
  for (let row = 0; row < k; row++) {
    const missingCol = set.find((c) => {
      const v = data[c]![row];
      return v === null || v === undefined || Number.isNaN(v);
    });
    if (missingCol !== undefined) {
      warnings.push({ code: 'MISSING_VALUE', message: `row ${row + 1}: ${missingCol} is missing; study omitted`, row, field: missingCol });
      continue;
    }
    const cell = (c: string): number => {
      if (!set.includes(c)) throw new MetasiftError('MISSING_COLUMN', `column ${c} not used`, { field: c });
      return data[c]![row] as number;
    };
    let eff;
    try {
      eff = def.compute(cell, zero);
    } catch (e) {
      if (e instanceof MetasiftError) throw new MetasiftError(e.code, e.message, e.field === undefined ? { row } : { row, field: e.field });
      throw e;
    }
    if (!Number.isFinite(eff.yi) || !Number.isFinite(eff.vi) || eff.vi < 0) {
      warnings.push({ code: 'UNDEFINED_EFFECT', message: `row ${row + 1}: ${measure} is undefined for this study; study omitted`, row });
      continue;
    }
    if (eff.corrected)
      warnings.push({ code: 'ZERO_CELL_CORRECTED', message: `row ${row + 1}: ${zero.add} added to each cell (zero cell)`, row });
    yi.push(eff.yi);
    vi.push(eff.vi);
    rows.push(row);
  }
  return { measure, yi, vi, rows, warnings };
}
