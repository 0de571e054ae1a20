/**
 * Subgroup analysis as Cochrane reviews report it: a separate model per level (levels with at least two
 * studies, in sorted order), then a test for subgroup differences — a fixed-effect Q across the subgroup
 * estimates with weights 1/se² (RevMan's "test for subgroup differences").
 */
import { pchisqUpper } from '../stats/distributions.js';
import { rma, type RmaOptions } from './rma.js';
import type { RmaResult } from './types.js';

export interface SubgroupModel {
  readonly level: string;
  readonly k: number;
  readonly estimate: number;
  readonly se: number;
  readonly ci_lower: number;
  readonly ci_upper: number;
  readonly pval: number;
  readonly tau2: number;
  readonly I2: number;
  readonly Q: number;
  readonly model: RmaResult;
}

export interface SubgroupAnalysis {
  readonly column: string;
  readonly groups: SubgroupModel[];
  /** Levels left out because they had fewer than two studies. */
  readonly omitted: string[];
  readonly Q_between: number;
  readonly Q_between_df: number;
  readonly Q_between_pval: number;
}

const collator = new Intl.Collator('en', { numeric: false, sensitivity: 'variant' });

/** The subgroup levels in the order the analysis reports them. */
export function subgroupLevels(groups: readonly string[]): string[] {
  return [...new Set(groups)].sort(collator.compare);
}

export function subgroupAnalysis(
  options: Omit<RmaOptions, 'mods'>,
  groups: readonly string[],
  column: string,
): SubgroupAnalysis {
  const levels = subgroupLevels(groups);
  const out: SubgroupModel[] = [];
  const omitted: string[] = [];
  for (const level of levels) {
    const idx = groups.flatMap((g, i) => (g === level ? [i] : []));
    if (idx.length < 2) {
      omitted.push(level);
      continue;
    }
    const model = rma({ ...options, yi: idx.map((i) => options.yi[i]!), vi: idx.map((i) => options.vi[i]!) });
    out.push({
      level,
      k: model.k,
      estimate: model.estimate,
      se: model.se,
      ci_lower: model.ci_lower,
      ci_upper: model.ci_upper,
      pval: model.pval,
      tau2: model.tau2,
      I2: model.I2,
      Q: model.Q,
      model,
    });
  }
  let sw = 0;
  let swy = 0;
  for (const g of out) {
    sw += 1 / g.se ** 2;
    swy += g.estimate / g.se ** 2;
  }
  const mean = swy / sw;
  const Q = out.reduce((s, g) => s + (g.estimate - mean) ** 2 / g.se ** 2, 0);
  const df = out.length - 1;
  // one subgroup pooled: no difference to test; metafor's fixed-effect fit over one estimate gives QE 0, QEp 1
  if (df === 0) return { column, groups: out, omitted, Q_between: 0, Q_between_df: 0, Q_between_pval: 1 };
  return { column, groups: out, omitted, Q_between: df > 0 ? Q : NaN, Q_between_df: df, Q_between_pval: df > 0 ? pchisqUpper(Q, df) : NaN };
}
