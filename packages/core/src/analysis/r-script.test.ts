import { describe, expect, it } from 'vitest';
import { metaAnalysis } from './meta-analysis.js';
import { metaRScript, rNumber, rString } from './r-script.js';
import type { DataTable } from './table.js';

const table: DataTable = {
  columns: ['study', 'yi', 'vi', 'mode', 'risk of bias'],
  rows: [
    ['Ålund 2019', '0.1', '0.04', 'video', 'low'],
    ['B "quoted"', '-0.4', '0.1', 'video', 'high'],
    ['C\\D', '0.35', '0.02', 'telephone', 'low'],
    ['D', '0.9', 'NA', 'telephone', 'high'],
    ['E', '1e-7', '0.05', 'telephone', 'low'],
  ],
};

describe('R literals', () => {
  it('writes numbers R reads back to the same double, and R’s NA, NaN and infinities', () => {
    expect(rNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(rNumber(1e-7)).toBe('1e-7');
    expect(rNumber(-2.5e21)).toBe('-2.5e+21');
    expect([null, undefined, NaN, Infinity, -Infinity].map(rNumber)).toEqual(['NA', 'NA', 'NaN', 'Inf', '-Inf']);
  });
  it('escapes quotes, backslashes, control and non-ASCII characters', () => {
    expect(rString('B "quoted"')).toBe('"B \\"quoted\\""');
    expect(rString('C\\D')).toBe('"C\\\\D"');
    expect(rString('Ålund\t1\n')).toBe('"\\u{c5}lund\\t1\\n"');
    expect(rString('😀')).toBe('"\\U{1f600}"');
  });
});

describe('metaRScript', () => {
  it('embeds the data, drops the rows metasift left out, fits the same model and checks its numbers', () => {
    const report = metaAnalysis(table, { method: 'DL', test: 'knha', level: 90 });
    const script = metaRScript(table, report, { command: 'metasift meta d.csv --method DL', generator: 'metasift 9.9' });
    expect(script).toContain('# Reproduces `metasift meta d.csv --method DL` with R\'s metafor.');
    expect(script).toContain('Written by metasift 9.9.');
    expect(script).toContain('study = c("\\u{c5}lund 2019", "B \\"quoted\\"", "C\\\\D", "D", "E")');
    expect(script).toContain('vi = c(0.04, 0.1, 0.02, NA, 0.05)');
    expect(script).toContain('dat <- dat[c(1, 2, 3, 5), ]');
    expect(script).toContain('res <- rma(yi, vi, data = dat, method = "DL", test = "knha", level = 90, control = ctrl)');
    expect(script).not.toContain('escalc(');
    expect(script).toContain(`check("estimate", as.numeric(res$beta)[1], ${String(report['estimate'])})`);
    for (const what of ['tau2_ci', 'egger: statistic', 'trimfill: k0', 'leave1out: estimate', 'pi_lower'])
      expect(script).toContain(`check("${what}"`);
    expect(script).toMatch(/if \(!interactive\(\)\) quit\(status = 1\)/);
  });
  it('writes text moderators as factors with metasift’s reference level and quotes awkward column names', () => {
    const report = metaAnalysis(table, { mods: ['mode', 'risk of bias'] });
    const script = metaRScript(table, report, { mods: ['mode', 'risk of bias'] });
    expect(script).toContain('dat[["mode"]] <- factor(dat[["mode"]], levels = c("telephone", "video"))');
    expect(script).toContain('mods = ~ mode + `risk of bias`');
    expect(script).toContain('check("modevideo: estimate", coef(summary(res))["modevideo", ]$estimate');
    expect(script).toContain('check("QM", res$QM,');
    expect(script).not.toContain('leave1out(');
  });
  it('fits one model per subgroup and the test for subgroup differences', () => {
    const report = metaAnalysis(table, { subgroup: 'mode', method: 'EE' });
    const script = metaRScript(table, report, { subgroup: 'mode' });
    expect(script).toContain('sub[["telephone"]] <- rma(yi, vi, data = dat, subset = dat[["mode"]] == "telephone"');
    expect(script).toContain('between <- tryCatch(rma(sapply(sub, function(m) m$beta[1]), sei = sapply(sub, function(m) m$se), method = "EE"),');
    expect(script).toContain('check("Q_between", between$QE,');
    // metafor's equal-effects predict() has no prediction interval: the script takes the CI, as metasift does
    expect(script).toContain('pred$pi.lb <- pred$ci.lb');
  });
  it('uses rma.mh for Mantel-Haenszel and escalc for 2x2 tables', () => {
    const t: DataTable = { columns: ['ai', 'n1i', 'ci', 'n2i'], rows: [['3', '20', '5', '21'], ['0', '15', '2', '14'], ['7', '40', '9', '38']] };
    const mh = metaRScript(t, metaAnalysis(t, { measure: 'OR', method: 'MH' }));
    expect(mh).toContain('res <- rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat, measure = "OR", level = 95)');
    expect(mh).toContain('pred_exp <- predict(res, transf = exp)');
    const re = metaRScript(t, metaAnalysis(t, { measure: 'RR' }));
    expect(re).toContain('dat <- escalc(measure = "RR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = dat)');
  });
});
