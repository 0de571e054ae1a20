import { describe, expect, it } from 'vitest';
import { asreviewMetrics, screeningMetrics } from './metrics.js';

/**
 * An order of N records whose first two are a relevant and an irrelevant prior, followed by records
 * where the relevant ones sit at the given 1-based positions among the non-prior records.
 */
function orderWith(N: number, relevantAt: number[]): { order: number[]; labels: number[] } {
  const labels = new Array<number>(N).fill(0);
  labels[0] = 1;
  for (const p of relevantAt) labels[p + 1] = 1;
  return { order: Array.from({ length: N }, (_, i) => i), labels };
}

describe('screening metrics', () => {
  it('WSS@95, RRF@10 and ATD of a known order', () => {
    // 20 records, 2 relevant at positions 1 and 4: 95% recall needs both (4 screened)
    const order = Array.from({ length: 20 }, (_, i) => i);
    const labs = order.map((i) => (i === 0 || i === 3 ? 1 : 0));
    const m = screeningMetrics(order, labs);
    expect(m.wss95).toBeCloseTo(100 * ((20 - 4) / 20 - 0.05), 10);
    expect(m.rrf10).toBe(50); // 10% = 2 records, one relevant among them
    expect(m.atd).toBeCloseTo((100 * (1 + 4)) / 2 / 20, 10);
  });
});

describe("ASReview's convention", () => {
  it('reproduces a published per-run WSS@95 and RRF@10 (ACE, 2,235 records, 41 relevant)', () => {
    // Ferdinands et al.'s first ACE run: WSS@95 83.58038513210927, RRF@10 90 — the 38th of the 40
    // non-prior relevant records found as the 255th of 2,233 non-prior records, 36 in the first 10%
    const at = [...Array.from({ length: 36 }, (_, i) => 5 * i + 1), 240, 255, 2000, 2233];
    const { order, labels } = orderWith(2235, at);
    const m = asreviewMetrics(order, labels);
    expect(m.wss95).toBeCloseTo(83.58038513210927, 9);
    expect(m.rrf10).toBe(90);
    // the same order under the usual definition: 39 of 41 found after 257 records
    expect(screeningMetrics(order, labels).wss95).toBeCloseTo(100 * ((2235 - 257) / 2235 - 0.05), 9);
  });

  it('counts the recall actually reached at the 95% point (Virus: 108 of 113 is 95.6%)', () => {
    // the first Virus run: WSS@95 71.90015607820825 — 108 of 113 found after 545 of 2,302
    const at = [...Array.from({ length: 107 }, (_, i) => 5 * i + 1), 545, 1000, 1500, 2000, 2100, 2302];
    const { order, labels } = orderWith(2304, at);
    expect(asreviewMetrics(order, labels).wss95).toBeCloseTo(71.90015607820825, 9);
  });

  it('ATD is the area above the recall curve without the priors, rescaled for the prior inclusion', () => {
    // 10 records, priors 0 (relevant) and 1; relevant again at non-prior positions 1 and 3 (0-based 0, 2)
    const { order, labels } = orderWith(10, [1, 3]);
    const area = (0 + 2) / (8 * 2); // each relevant record's earlier records, over n·m
    const ratio = 2 / 3 / (9 / 10);
    expect(asreviewMetrics(order, labels).atd).toBeCloseTo((100 * area) / ratio, 10);
  });

  it('leaves the priors out whatever the order holds, and gives NaN with nothing relevant after them', () => {
    const { order, labels } = orderWith(10, []);
    expect(Number.isNaN(asreviewMetrics(order, labels).wss95)).toBe(true);
    // without a relevant prior nothing is rescaled
    const labels2 = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];
    const m = asreviewMetrics(order, labels2);
    expect(m.atd).toBe(0);
    expect(m.wss95).toBeCloseTo(100 * (1 - 1 / 8), 10);
  });
});
