import type { Diagnostic } from '../errors.js';

/** metafor's escalc measure codes supported here. */
export type MeasureCode = 'SMD' | 'MD' | 'ROM' | 'OR' | 'RR' | 'RD' | 'PETO' | 'ZCOR' | 'COR' | 'PLO' | 'PR' | 'GEN';

/** Reads one numeric cell of the current row; the caller has already checked it is a finite number. */
export type CellReader = (column: string) => number;

/** Zero-cell handling as metafor's `add` and `to` arguments. */
export interface ZeroCellOptions {
  /** Amount added to cells (metafor default 1/2). */
  readonly add: number;
  /** Which studies get it: only those with a zero cell (default), all, or none. */
  readonly to: 'only0' | 'all' | 'none';
}

/** One study's effect. NaN yi or vi means the effect is undefined and the study is dropped. */
export interface StudyEffect {
  readonly yi: number;
  readonly vi: number;
  /** Set when `add` was applied to this study's cells. */
  readonly corrected?: boolean;
}

/** One effect-size measure: the columns it reads and how it turns a row into (yi, vi). */
export interface MeasureDef {
  readonly code: MeasureCode;
  readonly label: string;
  /** Alternative column sets; the first complete one is used. */
  readonly columnSets: readonly (readonly string[])[];
  /** Scale of yi, for back-transformation in summaries and figures. */
  readonly scale: 'identity' | 'log' | 'fisher-z' | 'logit';
  /**
   * Computes the study's effect; throws MetasiftError (with `field`) for values outside the domain of
   * the inputs (negative SD, events above n), returns NaN where the effect itself is undefined.
   */
  readonly compute: (cell: CellReader, zero: ZeroCellOptions) => StudyEffect;
}

/** Effect sizes for all studies that have one. */
export interface EffectSizes {
  readonly measure: MeasureCode;
  readonly yi: number[];
  readonly vi: number[];
  /** 0-based input row of each kept study. */
  readonly rows: number[];
  readonly warnings: Diagnostic[];
}
