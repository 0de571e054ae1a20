/**
 * How well a screening order puts the relevant records first. Two conventions:
 * - `screeningMetrics`, the usual definitions over the whole order (the priors count as screened):
 *   WSS@95 = (records not screened when 95% of the relevant are found) / N − 5% (Cohen et al. 2006);
 *   RRF@10 = relevant found in the first 10% of records; ATD = mean position of the relevant records.
 * - `asreviewMetrics`, the way ASReview 0.9 computed the figures Ferdinands et al. (2023) publish: the
 *   priors are taken out of the curve (the first `priors` entries of the order), WSS@95 is the recall
 *   reached minus the share of records screened at the first point where recall ≥ 95%, RRF@10 is over
 *   the first 10% of the remaining records, and ATD is the area above that recall curve rescaled for the
 *   prior inclusion as the study's analysis code does. With few relevant records the two WSS@95 differ
 *   by up to a point (recall overshoots 95% by up to one record's share).
 */

export interface ScreeningMetrics {
  /** Work saved over sampling at 95% recall, in percent. */
  readonly wss95: number;
  /** Relevant records found after screening 10% of all, in percent of the relevant. */
  readonly rrf10: number;
  /** Average time to discovery, in percent of all records. */
  readonly atd: number;
}

/** WSS@95, RRF@10 and ATD of a screening order, the priors counted as screened. */
export function screeningMetrics(order: readonly number[], labels: readonly number[]): ScreeningMetrics {
  const N = order.length;
  const R = labels.reduce((s, l) => s + l, 0);
  const need95 = Math.ceil(0.95 * R);
  let found = 0;
  let n95 = N;
  let positions = 0;
  let in10 = 0;
  const cut10 = Math.ceil(0.1 * N);
  order.forEach((row, i) => {
    if (labels[row] === 1) {
      found++;
      positions += i + 1;
      if (i < cut10) in10++;
      if (found === need95 && n95 === N) n95 = i + 1;
    }
  });
  return { wss95: 100 * ((N - n95) / N - 0.05), rrf10: (100 * in10) / R, atd: (100 * positions) / R / N };
}

/**
 * WSS@95, RRF@10 and ATD as ASReview 0.9 reports them (see above): the first `priors` records of the
 * order are the prior knowledge and are left out. NaN where nothing relevant is left after the priors.
 */
export function asreviewMetrics(order: readonly number[], labels: readonly number[], priors = 2): ScreeningMetrics {
  const N = order.length;
  const R = labels.reduce((s, l) => s + l, 0);
  const head = order.slice(0, priors);
  const rest = order.slice(priors);
  const n = rest.length;
  const m = rest.reduce((s, row) => s + (labels[row] === 1 ? 1 : 0), 0);
  if (m === 0 || n === 0) return { wss95: NaN, rrf10: NaN, atd: NaN };
  // the smallest count of relevant records whose share of m is at least 95% (guarding 0.95·m's rounding)
  const need = Math.ceil(0.95 * m - 1e-9);
  const cut10 = Math.floor(0.1 * n);
  let found = 0;
  let wss95 = NaN;
  let in10 = 0;
  let above = 0;
  rest.forEach((row, i) => {
    if (labels[row] !== 1) return;
    found++;
    above += i; // the recall curve is below this record's step for its i earlier records
    if (i < cut10) in10++;
    if (found === need && Number.isNaN(wss95)) wss95 = 100 * (found / m - (i + 1) / n);
  });
  // the thesis divides the area by (m/R) / ((N − 1)/N) to count the prior inclusion back in
  const relevantPriors = head.filter((row) => labels[row] === 1).length;
  const ratio = relevantPriors > 0 ? (m / R) / ((N - 1) / N) : 1;
  return { wss95, rrf10: (100 * in10) / m, atd: (100 * above) / (n * m) / ratio };
}
