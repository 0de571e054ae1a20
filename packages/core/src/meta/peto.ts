/**
 * Peto's one-step odds ratio (Yusuf et al. 1985; metafor rma.peto): Σ(O − E)/ΣV with SE 1/√ΣV, and
 * the heterogeneity Q = Σ(O − E)²/V − (Σ(O − E))²/ΣV over tables with V > 0.
 */
import { MetasiftError } from '../errors.js';
import { petoTerms } from '../effects/measures/peto.js';
import { DEFAULT_LEVEL } from './control.js';
import { checkTables, heterogeneity, waldSummary, type TableMethodResult, type Tables } from './tables.js';

export function rmaPeto(tables: Tables, level = DEFAULT_LEVEL): TableMethodResult {
  checkTables(tables);
  const k = tables.a.length;
  let sumOE = 0;
  let sumV = 0;
  let sumOE2V = 0;
  let kPos = 0;
  for (let i = 0; i < k; i++) {
    const { oMinusE, v } = petoTerms(tables.a[i]!, tables.b[i]!, tables.c[i]!, tables.d[i]!);
    sumOE += oMinusE;
    sumV += v;
    if (v > 0) {
      sumOE2V += (oMinusE * oMinusE) / v;
      kPos++;
    }
  }
  if (!(sumV > 0)) throw new MetasiftError('UNDEFINED_EFFECT', "Peto's odds ratio is undefined: no table has both events and non-events");
  const Q = sumOE2V - (sumOE * sumOE) / sumV;
  return {
    method: 'PETO',
    measure: 'PETO',
    k,
    ...waldSummary(sumOE / sumV, 1 / Math.sqrt(sumV), level),
    tau2: 0,
    ...heterogeneity(Q, kPos - 1),
    level,
  };
}
