/**
 * Mantel–Haenszel pooling of 2×2 tables (metafor rma.mh): OR with the Robins–Breslow–Greenland variance,
 * RR with the Greenland–Robins variance, RD with the Sato–Greenland–Robins variance. No continuity
 * correction enters the MH estimate; the heterogeneity Q uses inverse-variance weights of the per-study
 * effects computed with 1/2 added to tables with a zero cell, leaving out double-zero tables.
 */
import { MetasiftError } from '../errors.js';
import { escalc } from '../effects/escalc.js';
import { DEFAULT_LEVEL } from './control.js';
import { checkTables, heterogeneity, waldSummary, type TableMethodResult, type Tables } from './tables.js';

function pooled(measure: 'OR' | 'RR' | 'RD', t: Tables): { estimate: number; se: number } {
  let R = 0;
  let S = 0;
  let PR = 0;
  let PSQR = 0;
  let QS = 0;
  let varNum = 0;
  let rdNum = 0;
  let rdDen = 0;
  let sato1 = 0;
  let sato2 = 0;
  for (let i = 0; i < t.a.length; i++) {
    const a = t.a[i]!;
    const b = t.b[i]!;
    const c = t.c[i]!;
    const d = t.d[i]!;
    const n1 = a + b;
    const n2 = c + d;
    const N = n1 + n2;
    if (measure === 'OR') {
      const P = (a + d) / N;
      const Qi = (b + c) / N;
      const Ri = (a / N) * d;
      const Si = (b / N) * c;
      R += Ri;
      S += Si;
      PR += P * Ri;
      PSQR += P * Si + Qi * Ri;
      QS += Qi * Si;
    } else if (measure === 'RR') {
      R += a * (n2 / N);
      S += c * (n1 / N);
      varNum += (n1 / N) * (n2 / N) * (a + c) - (a / N) * c;
    } else {
      rdNum += a * (n2 / N) - c * (n1 / N);
      rdDen += n1 * (n2 / N);
      sato1 += c * (n1 / N) ** 2 - a * (n2 / N) ** 2 + ((n1 / N) * (n2 / N) * (n2 - n1)) / 2;
      sato2 += (a * (n2 - c)) / N + (c * (n1 - a)) / N;
    }
  }
  if (measure === 'RD') {
    const est = rdNum / rdDen;
    return { estimate: est, se: Math.sqrt((est * sato1 + sato2 / 2) / (rdDen * rdDen)) };
  }
  if (R === 0 || S === 0)
    throw new MetasiftError('UNDEFINED_EFFECT', `the Mantel-Haenszel ${measure} is undefined: no events in one of the groups across all studies`);
  const se =
    measure === 'OR' ? Math.sqrt(0.5 * (PR / (R * R) + PSQR / (R * S) + QS / (S * S))) : Math.sqrt(varNum / (R * S));
  return { estimate: Math.log(R / S), se };
}

/** Mantel–Haenszel fixed-effect meta-analysis. */
export function rmaMH(measure: 'OR' | 'RR' | 'RD', tables: Tables, level = DEFAULT_LEVEL): TableMethodResult {
  checkTables(tables);
  const k = tables.a.length;
  const { estimate, se } = pooled(measure, tables);
  // metafor's rma.mh computes these effects with drop00 = TRUE: tables with no events (or only events)
  // in both groups carry no information on heterogeneity and are left out of Q
  const keep = tables.a.map((_, i) => i).filter((i) => !(tables.a[i] === 0 && tables.c[i] === 0) && !(tables.b[i] === 0 && tables.d[i] === 0));
  const pick = (x: readonly number[]): number[] => keep.map((i) => x[i]!);
  const eff = escalc({ measure, k: keep.length, data: { ai: pick(tables.a), bi: pick(tables.b), ci: pick(tables.c), di: pick(tables.d) } });
  let Q = 0;
  eff.yi.forEach((y, i) => {
    Q += (y - estimate) ** 2 / eff.vi[i]!;
  });
  return { method: 'MH', measure, k, ...waldSummary(estimate, se, level), tau2: 0, ...heterogeneity(Q, eff.yi.length - 1), level };
}
