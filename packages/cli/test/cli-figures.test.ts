/**
 * Figures through the CLI: every reference data set rendered as forest and funnel plots (PNG, kept in
 * artifacts/figures for CI), RoB and PRISMA figures, and clear errors for bad figure options.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'packages/cli/bin/metasift.js');
const REF = join(ROOT, '../shared/reference/metafor');
const OUT = join(ROOT, 'artifacts/figures');
mkdirSync(OUT, { recursive: true });

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const sets: [string, string[]][] = [
  ['normand1999', ['--measure', 'SMD']],
  ['bcg', ['--measure', 'RR']],
  ['molloy2014', ['--measure', 'ZCOR']],
  ['hackshaw1998', ['--measure', 'GEN']],
  ['raudenbush1985', ['--measure', 'GEN']],
  ['li2007', ['--measure', 'OR']],
  ['pritz1997', ['--measure', 'PLO']],
];

describe('forest and funnel plots from every reference data set', () => {
  it.each(sets)('%s', (name, args) => {
    const forest = join(OUT, `forest-${name}.png`);
    const funnel = join(OUT, `funnel-${name}.png`);
    const r = run('meta', join(REF, `${name}.csv`), ...args, '--forest', forest, '--funnel', funnel, '--contours', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of [forest, funnel]) {
      const png = readFileSync(f);
      expect(png.subarray(0, 4).equals(PNG)).toBe(true);
      expect(png.length).toBeGreaterThan(10_000);
    }
  });
  it('writes SVG and vector PDF too', () => {
    const svg = join(OUT, 'forest-bcg-subgroups.svg');
    const pdf = join(OUT, 'forest-bcg-subgroups.pdf');
    expect(run('meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--method', 'DL', '--subgroup', 'alloc', '--forest', svg).code).toBe(0);
    expect(run('meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--method', 'DL', '--subgroup', 'alloc', '--forest', pdf).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg /);
    expect((text.match(/class="diamond"/g) ?? []).length).toBe(4); // three subgroups and the total
    expect(text).toContain('Test for subgroup differences');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
  it('keeps a subgroup of one study in the forest plot, its row without a subtotal, with its risk of bias', () => {
    const data = join(OUT, 'one-study-subgroup.csv');
    writeFileSync(data, 'study,yi,vi,mode\nAhn 2019,0.95,0.09,video\nBoyd 2020,0.20,0.05,video\nChen 2018,1.40,0.12,text\nDiaz 2021,0.55,0.04,telephone\nEvans 2022,1.10,0.20,telephone\n');
    const rob = join(OUT, 'one-study-subgroup-rob.csv');
    writeFileSync(rob, 'Study,D1,D2,D3,D4,D5,Overall\nChen 2018,Low,Low,High,Low,Low,High\n');
    const svg = join(OUT, 'forest-one-study-subgroup.svg');
    const r = run('meta', data, '--subgroup', 'mode', '--forest', svg, '--rob', rob);
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect((text.match(/class="study"/g) ?? []).length).toBe(5);
    expect(text.match(/class="subgroup-title">[^<]*/g)).toEqual(['class="subgroup-title">mode: telephone', 'class="subgroup-title">mode: text', 'class="subgroup-title">mode: video']);
    expect((text.match(/class="diamond"/g) ?? []).length).toBe(3); // telephone, video and the total
    expect((text.match(/class="rob rob-high"/g) ?? []).length).toBe(2);
  });
  it('shows risk-of-bias judgements beside the forest plot rows', () => {
    const svg = join(OUT, 'forest-bcg-rob.svg');
    expect(run('meta', join(REF, 'bcg.csv'), '--measure', 'RR', '--forest', svg, '--rob', join(ROOT, 'examples/rob/bcg-allocation-rob2.csv')).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect((text.match(/class="rob rob-/g) ?? []).length).toBe(13 * 6);
    expect(text).toContain('D1: Bias arising from the randomization process');
    expect(text).toContain('O: overall risk of bias (RoB 2)');
  });
  it('MH forest plots show Mantel-Haenszel weights and total events', () => {
    const svg = join(OUT, 'forest-bcg-mh.svg');
    expect(run('meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--method', 'MH', '--forest', svg).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toContain('M-H, Fixed, 95% CI');
    expect(text).toContain('Total events');
  });
  it('rejects an unknown figure format and a funnel plot without per-study effects', () => {
    const bad = run('meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--forest', join(OUT, 'x.jpg'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error\[UNKNOWN_FORMAT\]: .*\.svg, \.png or \.pdf/);
    const mh = run('meta', join(REF, 'bcg.csv'), '--measure', 'OR', '--method', 'MH', '--funnel', join(OUT, 'x.svg'));
    expect(mh.code).toBe(2);
    expect(mh.stderr).toMatch(/^error\[NO_STUDY_EFFECTS\]/);
  });
});

describe('metasift rob and metasift prisma', () => {
  it('draws traffic-light and summary plots from the example', () => {
    const r = run('rob', join(ROOT, 'examples/rob/bcg-allocation-rob2.csv'), '--tool', 'rob2', '--traffic', join(OUT, 'rob-traffic.png'), '--summary', join(OUT, 'rob-summary.svg'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('13 studies, 5 domains (RoB 2)');
    expect(readFileSync(join(OUT, 'rob-summary.svg'), 'utf8')).toContain('Bias arising from the randomization process');
  });
  it('writes both plots or neither: a summary with an unknown extension leaves no traffic-light plot', () => {
    const traffic = join(OUT, 'rob-never-traffic.svg');
    rmSync(traffic, { force: true });
    const r = run('rob', join(ROOT, 'examples/rob/bcg-allocation-rob2.csv'), '--traffic', traffic, '--summary', join(OUT, 'rob-summary.gif'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[UNKNOWN_FORMAT\]: cannot write a figure as "\.gif"/);
    expect(existsSync(traffic)).toBe(false);
  });
  it('draws a CASP qualitative checklist from Yes / No / Can\'t tell answers', () => {
    const f = join(OUT, 'casp.csv');
    writeFileSync(f, `Study,${Array.from({ length: 9 }, (_, i) => `Q${i + 1}`).join(',')},Overall\nLee 2021,Yes,Yes,Yes,Can't tell,Yes,No,Yes,Yes,Yes,Yes\n`);
    const r = run('rob', f, '--tool', 'casp-qual', '--traffic', join(OUT, 'casp-traffic.svg'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 study, 9 domains (CASP qualitative)');
    expect(readFileSync(join(OUT, 'casp-traffic.svg'), 'utf8')).toContain('data-domain="D4" data-judgement="cant-tell"');
  });
  it('draws an MMAT category from a published table\'s Y / N / Can\'t tell and refuses another scale\'s words', () => {
    const f = join(OUT, 'mmat.csv');
    writeFileSync(f, `Study,S1,S2,4.1,4.2,4.3,4.4,4.5,Overall\nAmes 2019,Y,Y,Y,N,Y,Can't tell,Y,\nBo 2020,Y,Y,Y,Y,x,Y,Y,\n`);
    const r = run('rob', f, '--tool', 'mmat-desc', '--traffic', join(OUT, 'mmat-traffic.svg'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 studies, 7 domains (MMAT descriptive)');
    expect(readFileSync(join(OUT, 'mmat-traffic.svg'), 'utf8')).toContain('data-study="Bo 2020" data-domain="D5" data-judgement="no"');
    const bad = join(OUT, 'mmat-bad.csv');
    writeFileSync(bad, `Study,S1,S2,4.1,4.2,4.3,4.4,4.5,Overall\nAmes 2019,Y,Y,Low,N,Y,Y,Y,\n`);
    const refused = run('rob', bad, '--tool', 'mmat-desc', '--traffic', join(OUT, 'never.svg'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2 \(data row 1\), column 4\.1: "Low" is not a MMAT descriptive judgement \(use Yes, Can’t tell, No or Not applicable\)/);
  });
  it('draws a JBI checklist from Yes / No / Unclear / N/A, in JBI\'s words, and refuses CASP\'s "Can\'t tell"', () => {
    const f = join(OUT, 'jbi.csv');
    writeFileSync(f, `Study,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Overall\nNg 2022,Yes,Unclear,N/A,No,Yes,Yes,Yes,Yes,Include\n`);
    const r = run('rob', f, '--tool', 'jbi-cross-sectional', '--traffic', join(OUT, 'jbi-traffic.svg'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 study, 8 domains (JBI analytical cross-sectional)');
    const svg = readFileSync(join(OUT, 'jbi-traffic.svg'), 'utf8');
    expect(svg).toContain('data-domain="D3" data-judgement="na"');
    expect(svg).toContain('>Unclear<');
    expect(svg).toContain('data-domain="Overall" data-judgement="include"');
    // the overall appraisal in JBI's words, not a question's answer
    writeFileSync(f, `Study,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Overall\nNg 2022,Yes,Yes,Yes,No,Yes,Yes,Yes,Yes,Yes\n`);
    const overall = run('rob', f, '--tool', 'jbi-cross-sectional', '--traffic', join(OUT, 'never.svg'));
    expect(overall.code).toBe(2);
    expect(overall.stderr).toMatch(/column Overall: "Yes" is not a JBI analytical cross-sectional overall judgement \(use Include, Seek further info, Exclude or Not applicable\)/);
    writeFileSync(f, `Study,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Overall\nNg 2022,Yes,Can't tell,Yes,No,Yes,Yes,Yes,Yes,Include\n`);
    const refused = run('rob', f, '--tool', 'jbi-cross-sectional', '--traffic', join(OUT, 'never.svg'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/line 2 \(data row 1\), column Q2: "Can't tell" is not a JBI analytical cross-sectional judgement \(use Yes, Unclear, No or Not applicable\)/);
  });
  it('names the row and column of an unreadable judgement', () => {
    const f = join(OUT, 'rob-bad.csv');
    writeFileSync(f, 'Study,D1,D2,D3,D4,D5,Overall\nA,Low,Low,Low,Low,Low,Low\nB,Low,Maybe,Low,Low,Low,Low\n');
    const r = run('rob', f, '--traffic', join(OUT, 'never.svg'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[INVALID_VALUE\]: .*rob-bad\.csv, line 3 \(data row 2\), column D2: "Maybe" is not a RoB 2 judgement \(use Low, Some concerns, High, No information or Not applicable\)/);
  });
  it('draws the PRISMA diagram and warns when the arithmetic does not hold', () => {
    const ok = run('prisma', join(ROOT, 'examples/prisma/illustrative-counts.json'), '--out', join(OUT, 'prisma.svg'));
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    const f = join(OUT, 'prisma-off.json');
    writeFileSync(f, JSON.stringify({ databases: [{ name: 'MEDLINE', n: 10 }], screened: 12, excluded: 2, sought: 10, not_retrieved: 0, assessed: 10, included_studies: 3 }));
    const warn = run('prisma', f, '--out', join(OUT, 'prisma-off.svg'));
    expect(warn.code).toBe(0);
    expect(warn.stderr).toMatch(/warning: records identified \(10\) − removed \(0\) ≠ records screened \(12\)/);
  });
  it('rejects invalid counts naming the field', () => {
    const f = join(OUT, 'prisma-bad.json');
    writeFileSync(f, JSON.stringify({ screened: 'lots' }));
    const r = run('prisma', f, '--out', join(OUT, 'never.svg'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[INVALID_COUNTS\]: PRISMA counts: screened: /);
  });
});
