import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaAnalysis } from './meta-analysis.js';
import { parseDataTable } from './parse-table.js';
import { metaRScript } from './r-script.js';
import { parseSubset, riskOfBiasSubsets, subsetText, subsetWords, type SensitivityFit } from './sensitivity.js';

const bcg = parseDataTable(readFileSync(join(import.meta.dirname, '../../../../../shared/reference/metafor/bcg.csv'), 'utf8'), 'bcg.csv');
const close = (got: unknown, want: number): void => expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-9);
const fits = (r: Record<string, unknown>): SensitivityFit[] => r['sensitivity'] as SensitivityFit[];

describe('sensitivity analyses by subset', () => {
  it('reads COLUMN=VALUES and COLUMN!=VALUES, and names a malformed entry', () => {
    expect(parseSubset(' risk_of_bias != High, Serious ')).toEqual({ column: 'risk_of_bias', exclude: true, values: ['High', 'Serious'] });
    expect(parseSubset('design=RCT')).toEqual({ column: 'design', exclude: false, values: ['RCT'] });
    // an empty value is an empty cell: "assessed only"
    expect(parseSubset('risk_of_bias!=')).toEqual({ column: 'risk_of_bias', exclude: true, values: [''] });
    expect(subsetText(parseSubset('a != x ,y'))).toBe('a!=x,y');
    expect(subsetWords(parseSubset('risk_of_bias!=High,Serious'))).toBe('whose risk of bias is not High or Serious');
    expect(['risk_of_bias!=', 'risk_of_bias!=High,', 'risk_of_bias=', 'risk_of_bias=Low,'].map((x) => subsetWords(parseSubset(x)))).toEqual([
      'whose risk of bias is recorded',
      'whose risk of bias is recorded and not High',
      'whose risk of bias is not recorded',
      'whose risk of bias is Low or not recorded',
    ]);
    for (const bad of ['alloc', '=random', ' != x']) expect(() => parseSubset(bad)).toThrow(`sensitivity "${bad}": expected COLUMN=VALUE`);
  });

  it('refits the model on each subset as metafor does with subset =', () => {
    // R 4.2 metafor 3.8: rma(yi, vi, data = dat, subset = !(alloc %in% "random")), REML to convergence
    const reml = fits(metaAnalysis(bcg, { measure: 'RR', sensitivity: ['alloc!=random'] }))[0]!;
    expect([reml.k, reml.rows, reml.left_out.length]).toEqual([6, [5, 6, 10, 11, 12, 13], 7]);
    close(reml['estimate'], -0.481270818304);
    close(reml['se'], 0.21698791671);
    close(reml['tau2'], 0.21157154668);
    // DL on alloc %in% "systematic"; Mantel-Haenszel RR without the random ones
    const dl = fits(metaAnalysis(bcg, { measure: 'RR', method: 'DL', sensitivity: ['alloc=systematic'] }))[0]!;
    close(dl['estimate'], -0.439346579998);
    close(dl['se'], 0.313337913638);
    close(dl['tau2'], 0.284970681807);
    close(dl['Q'], 16.591863579536);
    const mh = fits(metaAnalysis(bcg, { measure: 'RR', method: 'MH', sensitivity: ['alloc!=random'] }))[0]!;
    close(mh['estimate'], -0.596581826736);
    close(mh['se'], 0.059694316493);
    close(mh['Q'], 28.298090441264);
    // the refit is the model alone: no diagnostics, no per-study arrays
    expect(Object.keys(reml)).not.toEqual(expect.arrayContaining(['leave1out']));
    expect(reml).not.toHaveProperty('yi');
  });

  it('fits nothing on fewer than two studies, with a warning; refuses moderators and a column the table lacks', () => {
    const r = metaAnalysis(bcg, { measure: 'RR', sensitivity: ['alloc=alternate,nothing', 'study=Aronson 1948'] });
    expect(fits(r).map((f) => [f.k, f.note, f['estimate']])).toEqual([
      [2, undefined, expect.any(Number)],
      [1, 'one study whose study is Aronson 1948: no model fitted', undefined],
    ]);
    expect(r.warnings.map((w) => w.code)).toContain('SUBSET_TOO_SMALL');
    expect(() => metaAnalysis(bcg, { measure: 'RR', mods: ['ablat'], sensitivity: ['alloc=random'] })).toThrow(/refitted for a model without moderators/);
    expect(() => metaAnalysis(bcg, { measure: 'RR', sensitivity: ['colour=red'] })).toThrow('sensitivity column "colour" does not exist');
  });

  it('writes each subset into the R script with metafor’s subset argument and checks its numbers', () => {
    const r = metaAnalysis(bcg, { measure: 'RR', sensitivity: ['alloc!=random', 'alloc=none'] });
    const script = metaRScript(bcg, r);
    expect(script).toContain('sens[["alloc!=random"]] <- rma(yi, vi, data = dat, subset = !(dat[["alloc"]] %in% "random"), method = "REML"');
    expect(script).toContain(`check("sensitivity alloc!=random: estimate", as.numeric(sens[["alloc!=random"]]$beta)[1], ${String(fits(r)[0]!['estimate'])})`);
    // no model, nothing to check
    expect(script).not.toContain('alloc=none');
  });

  it('offers the usual risk-of-bias subsets only for the judgements the table holds', () => {
    const table = (values: string[]) => ({ columns: ['study', 'risk_of_bias'], rows: values.map((v, i) => [`S${i}`, v]) });
    const text = (t: ReturnType<typeof table>) => Object.values(riskOfBiasSubsets(t)).map((x) => (x ? subsetText(x) : null));
    expect(text(table(['Low', 'Serious', 'Critical', 'Moderate']))).toEqual(['risk_of_bias!=Serious,Critical', 'risk_of_bias=Low']);
    expect(text(table(['Some concerns', '']))).toEqual([null, null]);
    expect(text({ columns: ['study'], rows: [['A']] } as never)).toEqual([null, null]);
  });
});
