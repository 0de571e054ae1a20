import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forestPlot } from '../figures/forest.js';
import type { Cumulative } from './cumulative.js';
import { cumulativeForestSpec } from './figure-data.js';
import { metaAnalysis, REFIT_LIMIT } from './meta-analysis.js';
import { parseDataTable } from './parse-table.js';

const bcg = parseDataTable(readFileSync(join(import.meta.dirname, '../../../../../shared/reference/metafor/bcg.csv'), 'utf8'), 'bcg.csv');
const close = (got: unknown, want: number): void => expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);

describe('cumulative meta-analysis', () => {
  it('adds the studies in the order of a column, ties in input order, refitting as metafor’s cumul() does', () => {
    const c = metaAnalysis(bcg, { measure: 'RR', method: 'DL', cumulative: 'ablat' })['cumulative'] as Cumulative & Record<string, number[]>;
    // R: cumul(rma(yi, vi, data = dat, method = "DL"), order = ablat): rows 5, 8 (both 13°), then 11 (18°)
    expect(c.rows.slice(0, 3)).toEqual([5, 8, 11]);
    expect(c.study.slice(0, 2)).toEqual(['Frimodt-Moller et al 1973', 'TPT Madras 1980']);
    close(c['estimate']![0], -0.2175473222);
    close(c['estimate']![1], -0.0045267715);
    close(c['estimate']![12], -0.7141172221);
    close(c['tau2']![12], 0.3087602629);
    expect(c['tau2']![1]).toBe(0);
    // a ratio measure carries its back-transformed steps too
    close((c['transformed'] as unknown as Record<string, number[]>)['estimate']![12], Math.exp(-0.7141172221));
  });

  it('orders text alphabetically and refuses moderators or a column the table lacks', () => {
    const c = metaAnalysis(bcg, { measure: 'RR', cumulative: 'alloc' })['cumulative'] as Cumulative;
    expect(c.study.slice(0, 3)).toEqual(['Frimodt-Moller et al 1973', 'Stein & Aronson 1953', 'Aronson 1948']);
    expect(() => metaAnalysis(bcg, { measure: 'RR', mods: ['ablat'], cumulative: 'ablat' })).toThrow(/a cumulative meta-analysis refits a model without moderators/);
    expect(() => metaAnalysis(bcg, { measure: 'RR', cumulative: 'year' })).toThrow('cumulative column "year" does not exist');
  });

  it('says, rather than runs, a cumulative analysis of more studies than the refit limit', () => {
    const k = REFIT_LIMIT + 1;
    const table = { columns: ['yi', 'vi', 'year'], rows: Array.from({ length: k }, (_, i) => [String((i % 7) / 10), '0.05', String(2000 + (i % 20))]) };
    const r = metaAnalysis(table, { cumulative: 'year', diagnostics: false });
    expect(r['cumulative']).toBeUndefined();
    expect(r.warnings.find((w) => w.field === 'cumulative')?.message).toBe(`cumulative meta-analysis not computed: it refits the model once per study, done up to ${REFIT_LIMIT} studies (k = ${k})`);
  });

  it('draws the cumulative forest plot: a row per study added, no weights, no overall diamond', () => {
    const r = metaAnalysis(bcg, { measure: 'RR', method: 'DL', cumulative: 'ablat' });
    const spec = cumulativeForestSpec(r);
    expect(spec.groups[0]!.rows.slice(0, 2).map((x) => x.label)).toEqual(['Frimodt-Moller et al 1973', '+ TPT Madras 1980']);
    expect([spec.overall, spec.weights, spec.methodLabel]).toEqual([undefined, false, 'IV, Random, 95% CI, cumulative']);
    const svg = forestPlot(spec);
    expect(svg).not.toContain('>Weight<');
    expect(svg.match(/class="box"/g)).toHaveLength(13);
    // the last row is the pooled RR, 0.49 [0.34, 0.70]
    expect(svg).toContain('0.49 [0.34, 0.70]');
    expect(() => cumulativeForestSpec(metaAnalysis(bcg, { measure: 'RR' }))).toThrow('the analysis has no cumulative meta-analysis: run it with --cumulative COL');
  });
});
