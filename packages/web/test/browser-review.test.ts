/**
 * The review after screening, in Debian's Chromium: from a demo review whose two reviewers have included
 * two studies at full text (decided through the store), the two extract data blind and settle a
 * difference, the outcome is meta-analysed and its analysis of record saved, they assess risk of bias
 * with RoB 2 and settle it, effect directions and themes are synthesised, the owner rates the certainty
 * by GRADE and downloads the whole review as one report with an R script that metafor runs to the same
 * numbers; every new page is checked by axe-core.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaAnalysis, parseDataTable } from '@metasift/core';
import { decide } from '@metasift/store';
import { HAVE, login, SHOTS, shot, startApp, stopApp, wcagViolations, type App } from './browser-harness.js';

describe.skipIf(!HAVE)('the review after screening, in Chromium', () => {
  let app: App;
  const pages: Record<string, Page> = {};

  beforeAll(async () => {
    app = await startApp();
    // the two reviewers include the first two records of the screening order, at title/abstract and at full text
    const db = app.store.db;
    const review = (await db.selectFrom('reviews').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const reviewers = await db.selectFrom('users').select('id').where('email', 'in', ['reviewer1@demo.metasift', 'reviewer2@demo.metasift']).execute();
    const records = await db.selectFrom('records').select('id').where('review_id', '=', review).where('duplicate_of', 'is', null).orderBy('sort_key').limit(2).execute();
    for (const stage of ['title_abstract', 'full_text'] as const)
      for (const r of reviewers) for (const rec of records) await decide(app.store, r.id, review, { stage, recordId: rec.id, verdict: 'include' });
    for (const who of ['one', 'two', 'owner'] as const) pages[who] = await login(app, who === 'owner' ? 'owner' : `reviewer${who === 'one' ? 1 : 2}`);
  }, 60_000);

  afterAll(() => stopApp(app));

  it('two reviewers extract the included studies blind, settle a difference, and the outcome is analysed', async () => {
    const qol = async (form: Locator, m1i: string, sd2i: string): Promise<void> => {
      const group = form.getByRole('group', { name: 'Quality of life' });
      await group.getByLabel('Reported as').selectOption('continuous');
      for (const [label, value] of [['Mean, intervention', m1i], ['SD, intervention', '10'], ['N, intervention', '40'], ['Mean, comparator', '50'], ['SD, comparator', sd2i], ['N, comparator', '41']] as const) await group.getByLabel(label, { exact: true }).fill(value);
      await group.getByLabel('Time point').fill('12 weeks');
    };
    const studies = async (page: Page) => page.getByRole('navigation', { name: 'Included studies' }).getByRole('link');
    const extract = async (name: 'one' | 'two', plan: [string, string][]): Promise<void> => {
      const page = pages[name]!;
      await page.getByRole('link', { name: 'Data extraction' }).click();
      const links = await studies(page);
      await expect.poll(() => links.count()).toBe(2);
      for (const [i, [m1i, sd2i]] of plan.entries()) {
        await (await studies(page)).nth(i).click();
        const mine = page.getByRole('form', { name: 'My extraction' });
        await mine.getByLabel('Mode of delivery').fill(i === 0 ? 'video' : 'telephone');
        await qol(mine, m1i, sd2i);
        await mine.getByLabel('Mean, comparator').press('Control+Enter');
        await expect.poll(() => page.getByRole('status').textContent()).toBe('Your extraction is saved.');
        if (name === 'one') expect(await page.getByRole('region', { name: 'Compare and settle' }).count()).toBe(0);
      }
    };
    await extract('one', [['58', '11'], ['61', '9']]);
    // blinded: reviewer two does not see reviewer one's numbers before saving
    const two = pages.two!;
    await two.getByRole('link', { name: 'Data extraction' }).click();
    await (await studies(two)).first().click();
    await two.getByText("Blinded: the other reviewer's extraction is shown once you have both saved yours.").waitFor();
    expect(await two.getByRole('form', { name: 'My extraction' }).getByLabel('Mode of delivery').inputValue()).toBe('');
    await extract('two', [['58', '12'], ['61', '9']]);
    // the first study differs in one field: compare, take reviewer one's value, settle
    await (await studies(two)).first().click();
    const settle = two.getByRole('region', { name: 'Compare and settle' });
    await expect.poll(() => settle.locator('table.differences tbody tr').count()).toBe(1);
    expect(await settle.locator('table.differences tbody tr').textContent()).toMatch(/^Quality of life: SD, comparator11\s*use12\s*use$/);
    expect(await settle.textContent()).toMatch(/Reviewer one and Reviewer two agree on 7 of 8 fields/);
    await settle.getByRole('button', { name: "Use Reviewer one's value for Quality of life: SD, comparator" }).click();
    const consensus = settle.getByRole('form', { name: 'Consensus' });
    expect(await consensus.getByRole('group', { name: 'Quality of life' }).getByLabel('SD, comparator').inputValue()).toBe('11');
    await consensus.getByRole('button', { name: 'Save the consensus' }).click();
    await expect.poll(() => two.getByRole('status').textContent()).toBe('The consensus is saved; the analysis uses it.');
    const nav = two.getByRole('navigation', { name: 'Included studies' });
    await expect.poll(() => nav.locator('.badge').allTextContents()).toEqual(['settled', 'agreed']);
    const characteristics = two.getByRole('table').filter({ has: two.getByRole('columnheader', { name: 'Outcomes reported' }) });
    await expect.poll(() => characteristics.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/video\s*Quality of life$/), expect.stringMatching(/telephone\s*Quality of life$/)]);
    await two.evaluate(() => window.scrollTo(0, 0));
    await shot(two, 'data-extraction');
    // the outcome's table: the CSV metasift meta reads, and the analysis in the page
    const tables = two.getByRole('region', { name: 'Analysis tables' });
    await expect.poll(() => tables.locator('li').first().textContent()).toMatch(/^Quality of life \(SMD\): 2 studies/);
    const [csv] = await Promise.all([two.waitForEvent('download'), tables.getByRole('link', { name: 'Download CSV' }).first().click()]);
    const lines = readFileSync((await csv.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe('study,mode,timepoint,instrument,m1i,sd1i,n1i,m2i,sd2i,n2i');
    expect(lines[1]).toMatch(/,video,12 weeks,,58,10,40,50,11,41$/);
    expect(lines[2]).toMatch(/,telephone,12 weeks,,61,10,40,50,9,41$/);
    await tables.getByRole('link', { name: 'Open in meta-analysis' }).first().click();
    const main = two.getByRole('main', { name: 'Meta-analysis' });
    const expected = metaAnalysis(parseDataTable(lines.join('\n'), 'qol.csv'), { measure: 'SMD' });
    const smd = (expected['estimate'] as number).toFixed(2);
    await expect.poll(() => main.locator('[data-item="20b"]').textContent()).toContain(`Across 2 studies, the pooled SMD was ${smd} `);
    // the report's methods say how the data were collected, from the same records (7 of 8 and 8 of 8 fields)
    await two.getByRole('link', { name: 'PRISMA' }).click();
    const item9 = two.getByRole('region', { name: 'Text for the report' }).locator('[data-item="9"]');
    await expect.poll(() => item9.textContent()).toContain('For the 2 studies extracted by both, the reviewers agreed on 93.8% of the 16 fields either filled; 1 study was settled by consensus.');
    expect(await item9.textContent()).toMatch(/^Two reviewers extracted the data of each included study independently, blinded to each other’s extractions until both were saved/);
  });

  it('two reviewers assess risk of bias with RoB 2, blind, settle the differences, and the figures appear', async () => {
    const assess = async (name: 'one' | 'two', d3: string): Promise<Page> => {
      const page = pages[name]!;
      await page.getByRole('link', { name: 'Risk of bias' }).click();
      await page.getByRole('navigation', { name: 'Included studies' }).getByRole('link').first().click();
      const mine = page.getByRole('form', { name: 'My assessment' });
      expect(await mine.getByLabel('Risk-of-bias tool').inputValue()).toBe('rob2');
      for (let i = 1; i <= 5; i++) await mine.getByRole('group', { name: new RegExp(`^D${i} `) }).getByLabel(/^Judgement/).selectOption(i === 3 ? d3 : 'low');
      await mine.getByRole('group', { name: 'D1 Bias arising from the randomization process' }).getByLabel('Support for the judgement').fill('Computer-generated sequence, central allocation (p. 4).');
      await mine.getByRole('button', { name: 'use the proposal' }).click();
      await mine.getByRole('button', { name: 'Save my assessment' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Your assessment is saved.');
      return page;
    };
    await assess('one', 'low');
    const two = await assess('two', 'some');
    const settle = two.getByRole('region', { name: 'Compare and settle' });
    await expect.poll(() => settle.locator('table.differences tbody tr th').allTextContents()).toEqual(['D3 Bias due to missing outcome data', 'Overall']);
    expect(await settle.locator('table.differences tbody tr').first().textContent()).toMatch(/^D3 Bias due to missing outcome dataLow\s*useSome concerns\s*use$/);
    for (const field of ['D3 Bias due to missing outcome data', 'Overall']) await settle.getByRole('button', { name: `Use Reviewer two's value for ${field}` }).click();
    // RoB 2 judges results: symptom burden, self-reported by participants who knew their arm, is judged apart (D4 high)
    const consensus = settle.getByRole('form', { name: 'Consensus' });
    await consensus.getByLabel(/^Outcome/).selectOption('Symptom burden');
    await consensus.getByRole('button', { name: 'Judge this result apart' }).click();
    const symptoms = consensus.getByRole('region', { name: 'Results judged apart' });
    expect(await symptoms.getByRole('group', { name: /^Symptom burden: D3 / }).getByLabel(/^Judgement/).inputValue()).toBe('some');
    await symptoms.getByRole('group', { name: /^Symptom burden: D4 / }).getByLabel(/^Judgement/).selectOption('high');
    await symptoms.getByRole('group', { name: 'Symptom burden: Overall' }).getByRole('button', { name: 'use the proposal' }).click();
    await consensus.getByRole('button', { name: 'Save the consensus' }).click();
    await expect.poll(() => two.getByRole('status').textContent()).toBe('The consensus is saved; the figures use it.');
    const figures = two.getByRole('region', { name: 'Risk-of-bias figures' });
    await figures.getByRole('img', { name: 'Traffic-light plot: RoB 2 judgements of 1 study' }).waitFor();
    const download = async (where: typeof figures): Promise<string> => {
      const [svg] = await Promise.all([two.waitForEvent('download'), where.getByRole('link', { name: 'Download the traffic-light plot (SVG)' }).first().click()]);
      return readFileSync((await svg.path())!, 'utf8');
    };
    const traffic = await download(figures);
    expect(traffic).toMatch(/data-domain="D3" data-judgement="some"/);
    expect(traffic).toMatch(/data-domain="Overall" data-judgement="some"/);
    const apart = figures.getByRole('region', { name: 'Risk of bias: Symptom burden' });
    await apart.getByRole('img', { name: 'Traffic-light plot: RoB 2, Symptom burden judgements of 1 study' }).waitFor();
    const symptomTraffic = await download(apart);
    expect(symptomTraffic).toContain('Risk of bias (RoB 2; Symptom burden)');
    expect(symptomTraffic).toMatch(/data-domain="D4" data-judgement="high"/);
    expect(symptomTraffic).toMatch(/data-domain="Overall" data-judgement="high"/);
    await two.evaluate(() => window.scrollTo(0, 0));
    await shot(two, 'risk-of-bias');
    // the report's methods name the tool and the agreement on judgements (D3 and overall differed: 4 of 6)
    await two.getByRole('link', { name: 'PRISMA' }).click();
    const item11 = two.getByRole('region', { name: 'Text for the report' }).locator('[data-item="11"]');
    await expect.poll(() => item11.textContent()).toContain('with the Cochrane RoB 2 tool for randomised trials, judging each domain');
    expect(await item11.textContent()).toContain("a study's result for an outcome (Symptom burden) was judged apart where its risk of bias differed from the study's other results");
    expect(await item11.textContent()).toContain('Risk-of-bias assessment is not finished: of 2 studies included, 1 study not yet assessed. For the 1 study assessed by both, the reviewers agreed on 66.7% of the 6 judgements; 1 study was settled by consensus.');
  });

  it('the synthesis page counts effect directions and codes themes across the included studies', async () => {
    const one = pages.one!;
    await one.getByRole('link', { name: 'Synthesis' }).click();
    const direction = one.getByRole('region', { name: 'Effect direction' });
    // both studies' final data favour telehealth on quality of life (58 and 61 against 50): sign test 2 of 2, p = 0.5
    await direction.getByRole('img', { name: 'Effect direction plot of 2 studies' }).waitFor();
    const overall = direction.getByRole('table', { name: 'Sign test per outcome (exact, two-sided)' });
    await expect.poll(() => overall.locator('tbody tr').first().textContent()).toBe('Quality of life2000.500');
    // SWiM's grouping, as the demo's protocol plans it: by mode of delivery, a header row per group in the plot and a sign test per group
    const select = direction.getByLabel(/^Group studies by/);
    expect([await select.inputValue(), await select.locator('option:checked').textContent()]).toEqual(['mode', 'Mode of delivery (planned in the protocol)']);
    const groups = direction.getByRole('table', { name: 'Sign test per group and outcome' });
    await expect.poll(() => groups.locator('tbody tr').allTextContents()).toEqual(['videoQuality of life1001.000', 'telephoneQuality of life1001.000']);
    // ungrouped on request, with a word that the report keeps the protocol's grouping
    await select.selectOption('');
    await groups.waitFor({ state: 'detached' });
    expect(await direction.getByText(/^The protocol plans grouping by/).textContent()).toBe('The protocol plans grouping by Mode of delivery; the report groups that way.');
    await select.selectOption('mode');
    await groups.waitFor();
    const themes = one.getByRole('region', { name: 'Themes' });
    const add = themes.getByRole('form', { name: 'Add a theme' });
    await add.getByLabel('Theme').fill('Connectivity');
    await add.getByLabel('Description').fill('Internet and devices at home');
    await add.getByRole('button', { name: 'Add the theme' }).click();
    await expect.poll(() => themes.getByRole('status').textContent()).toBe('Theme “Connectivity” added.');
    await add.getByLabel('Theme').fill('connectivity');
    await add.getByRole('button', { name: 'Add the theme' }).click();
    await expect.poll(() => themes.getByRole('alert').textContent()).toBe('name: the review already has a theme "connectivity"');
    const code = themes.getByRole('form', { name: 'Code an excerpt' });
    await code.getByLabel('Excerpt').fill('Patients in rural areas lost the video link (p. 7).');
    await code.getByRole('button', { name: 'Code the excerpt' }).click();
    await expect.poll(() => themes.getByRole('region', { name: 'Theme: Connectivity' }).textContent()).toMatch(/1 excerpt from 1 study.*Patients in rural areas lost the video link \(p\. 7\)\./s);
    const matrix = themes.getByRole('table');
    expect(await matrix.locator('tbody tr').first().locator('td').first().textContent()).toBe('1');
    await code.getByRole('button', { name: 'Code the excerpt' }).click();
    await expect.poll(() => themes.getByRole('alert').textContent()).toBe('excerpt: required');
    await one.evaluate(() => window.scrollTo(0, 0));
    await shot(one, 'synthesis');
  });

  it('rates the certainty of evidence by GRADE beside the Summary of findings', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'GRADE' }).click();
    const sof = owner.getByRole('table', { name: /^Summary of findings/ });
    const qol = sof.locator('tbody tr').first();
    // Cochrane's columns: a continuous outcome has no comparator risk or relative effect, its pooled SMD in words
    await expect.poll(() => qol.locator('td').nth(3).textContent()).toBe('2 (162)');
    // the same numbers as the meta-analysis of the extracted table
    const csv = 'study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,58,10,40,50,11,41\nB,61,10,40,50,9,41\n';
    const r = metaAnalysis(parseDataTable(csv, 'qol.csv'), { measure: 'SMD', method: 'REML' });
    const f = (x: unknown): string => (x as number).toFixed(2);
    expect(await qol.locator('td').allTextContents()).toEqual([
      '—',
      `SMD ${f(r['estimate'])} higher (${f(r['ci_lower'])} higher to ${f(r['ci_upper'])} higher)`,
      '—',
      '2 (162)',
      'not rated',
      "A large effect by Cochrane's rule of thumb (SMD 0.2 small, 0.5 moderate, 0.8 large).",
    ]);
    const form = owner.getByRole('form', { name: 'GRADE: Quality of life' });
    expect(await form.textContent()).toContain('0 of 1 studies at high risk of bias overall, 1 with some concerns (1 not assessed yet).');
    expect(await form.textContent()).toContain('162 participants, below the 400 of the optimal information size rule of thumb.');
    await form.getByLabel(/^Imprecision/).selectOption('1');
    await form.getByRole('button', { name: 'Save the rating of Quality of life' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('domains.imprecision.reason: say why');
    await form.getByLabel('Reason (imprecision)').fill('162 participants, below the optimal information size.');
    await form.getByRole('button', { name: 'Save the rating of Quality of life' }).click();
    await expect.poll(() => qol.locator('td').nth(4).textContent()).toBe('⊕⊕⊕◯ MODERATE');
    expect(await qol.locator('td').nth(5).textContent()).toBe("A large effect by Cochrane's rule of thumb (SMD 0.2 small, 0.5 moderate, 0.8 large). Imprecision (−1): 162 participants, below the optimal information size.");
    expect(await owner.getByText('Symptom burden: no study with final extracted data yet, nothing to rate.').count()).toBe(1);
    await owner.evaluate(() => window.scrollTo(0, 0));
    await shot(owner, 'grade');
  });

  it('downloads the whole review as one report, and an R script that metafor runs to the same numbers', async () => {
    const owner = pages.owner!;
    // the analysis of record: Knapp–Hartung with subgroups by mode, saved from the meta-analysis page
    await owner.getByRole('link', { name: 'Data extraction', exact: true }).click();
    await owner.getByRole('region', { name: 'Analysis tables' }).getByRole('link', { name: 'Open in meta-analysis' }).first().click();
    const meta = owner.getByRole('main', { name: 'Meta-analysis' });
    await meta.locator('[data-item="20b"]').waitFor();
    await meta.getByLabel('Test').selectOption('knha');
    await meta.getByLabel('Subgroups by').selectOption('mode');
    await expect.poll(() => meta.getByRole('status').textContent()).toBe('');
    // a sensitivity analysis on the final risk of bias, a column of the extracted table: the appraised study alone
    await meta.getByLabel(/^Sensitivity analyses/).fill('risk_of_bias=Low,');
    await expect.poll(() => meta.getByRole('alert').count()).toBe(0);
    await meta.getByLabel(/^Sensitivity analyses/).fill('risk_of_bias!=');
    const sens = meta.getByRole('table', { name: 'Sensitivity analyses' });
    await expect.poll(() => sens.locator('tbody tr').allTextContents()).toEqual([expect.stringMatching(/^Those whose risk of bias is recorded1too few to pool.+/)]);
    await meta.getByLabel(/^Sensitivity analyses/).scrollIntoViewIfNeeded();
    await shot(owner, 'sensitivity-analysis');
    await meta.getByLabel(/^Sensitivity analyses/).fill('risk of bias=High');
    await expect.poll(() => meta.getByRole('alert').textContent()).toMatch(/sensitivity column "risk of bias" does not exist; the columns are: study, mode, risk_of_bias, timepoint/);
    await meta.getByLabel(/^Sensitivity analyses/).fill('risk_of_bias!=');
    await meta.getByRole('button', { name: 'Save as the analysis of record for Quality of life' }).click();
    await expect.poll(() => meta.getByRole('status').textContent()).toBe('This is the analysis of record for Quality of life: the review report and GRADE use it.');
    await meta.getByLabel('Test').selectOption('z');
    await expect.poll(() => meta.getByRole('status').textContent()).toBe('Changed from the saved analysis of record: save to replace it.');
    await owner.getByRole('link', { name: 'Report', exact: true }).click();
    const main = owner.getByRole('main', { name: 'Review report' });
    const [page] = await Promise.all([owner.waitForEvent('download'), main.getByRole('button', { name: 'Download the review report (HTML)' }).click()]);
    expect(page.suggestedFilename()).toBe('telehealth-in-palliative-care-for-advanced-cancer-demo.html');
    const html = readFileSync((await page.path())!, 'utf8');
    for (const part of ['<h2 id="protocol">Protocol</h2>', 'Inclusion criterion', 'Synthesis methods', 'PRISMA 2020 checklist', '<a href="#item-17">', 'PRISMA 2020 flow diagram', 'Data collection process', 'Characteristics of included studies', 'Risk of bias (RoB 2)', 'Across 2 studies, the pooled SMD was', 'By mode:', 'Effect direction', 'Studies are grouped for synthesis by mode of delivery, as the protocol planned', '<a href="#item-13a">', 'Theme: Connectivity', 'Patients in rural areas lost the video link (p. 7).', '⊕⊕⊕◯ MODERATE', 'Appendix: search strategies', 'Appendix: R script', '--test knha --level 95 --subgroup mode --sensitivity ', 'Refitted on the studies whose risk of bias is recorded: one study left, so no model.', 'Abstract (draft, PRISMA 2020 for Abstracts)', '<strong>Information sources.</strong> MEDLINE, Embase and CENTRAL, searched up to 1 March 2024.', '(2 studies, 162 participants; moderate certainty).', '<strong>Registration.</strong> Not registered.', 'O: overall risk of bias (RoB 2)', 'class="rob rob-some"', '<h3>RoB 2: Symptom burden</h3>', 'Risk of bias (RoB 2; Symptom burden)', '<a href="#item-13b">', 'Every result was extracted as means, standard deviations and numbers per arm, or as events per arm, and used as reported: no conversion was needed.'])
      expect(html, part).toContain(part);
    expect(html).not.toMatch(/<script/i);
    writeFileSync(join(SHOTS, 'review-report.html'), html);
    await expect.poll(() => main.getByRole('region', { name: 'What the report holds' }).textContent()).toContain('1 of 3 outcomes meta-analysed');
    const [script] = await Promise.all([owner.waitForEvent('download'), main.getByRole('button', { name: 'Download the R script (every outcome)' }).click()]);
    const r = readFileSync((await script.path())!, 'utf8');
    expect(r).toMatch(/^# ==== Quality of life ====\n/);
    expect(r).toContain('library(metafor)');
    // where R and metafor are installed (CI installs them), the script must agree with metasift in every check
    if (spawnSync('Rscript', ['-e', 'library(metafor)']).status === 0) {
      const run = spawnSync('Rscript', [(await script.path())!], { encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/\n(\d+) of \1 checks agree with metasift\./);
    }
  });

  it('a result reported as a direction only counts in the effect direction and in the results of individual studies', async () => {
    // both reviewers read the second study's symptom burden as medians only (no mean or SD to pool)
    for (const name of ['one', 'two'] as const) {
      const page = pages[name]!;
      await page.getByRole('link', { name: 'Data extraction' }).click();
      await page.getByRole('navigation', { name: 'Included studies' }).getByRole('link').nth(1).click();
      // both saved already: the reviewer's own form is folded under the comparison
      await page.locator('summary', { hasText: /^My extraction \(saved/ }).click();
      const group = page.getByRole('form', { name: 'My extraction' }).getByRole('group', { name: 'Symptom burden' });
      await group.getByLabel('Reported as').selectOption('direction');
      await group.getByLabel(/^Direction, as the report gives it/).selectOption('intervention');
      await group.getByLabel('N, intervention').fill('40');
      await group.getByLabel('N, comparator').fill('41');
      await group.getByLabel(/^Note/).fill('Median ESAS 3 vs 5 (p = 0.02), Table 2');
      await group.getByLabel('N, comparator').press('Control+Enter');
      await expect.poll(() => page.getByRole('status').textContent()).toBe('Your extraction is saved.');
    }
    const one = pages.one!;
    await one.getByRole('link', { name: 'Synthesis' }).click();
    const direction = one.getByRole('region', { name: 'Effect direction' });
    await expect.poll(() => direction.getByRole('table', { name: 'Sign test per outcome (exact, two-sided)' }).locator('tbody tr').nth(1).textContent()).toBe('Symptom burden1001.000');
    const results = one.getByRole('region', { name: 'Results of individual studies' });
    const symptoms = results.getByRole('table', { name: 'Symptom burden' });
    await expect.poll(() => symptoms.locator('tbody tr').count()).toBe(1);
    const cells = await symptoms.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(cells.slice(1)).toEqual(['', '81', '', '', 'Median ESAS 3 vs 5 (p = 0.02), Table 2', 'not estimable', '▲ favours the intervention', 'not assessed']);
    // quality of life: both studies pooled, with the first study's settled risk of bias
    const qol = results.getByRole('table', { name: 'Quality of life' });
    expect(await qol.locator('tbody tr').count()).toBe(2);
    expect(await qol.locator('tbody tr').first().locator('td').last().textContent()).toBe('Some concerns');
    const [csv] = await Promise.all([one.waitForEvent('download'), results.getByRole('link', { name: 'Download the Symptom burden results (CSV)' }).click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^Study,Design,Participants,Time point,Instrument,Result as reported,SMD \(95% CI\),Direction,Risk of bias\r\n/);
  });

  it('meets WCAG 2 A/AA on every page after screening, a study’s panel with its consensus form too, by axe-core', async () => {
    const page = await login(app, 'owner', { bypassCSP: true });
    // a field of the review's own, a choice, added to the protocol: the extraction form shows it (and axe checks it)
    await page.getByRole('link', { name: 'Setup', exact: true }).click();
    await page.getByLabel(/^Extraction fields of the review’s own/).fill('framework | Theoretical framework | named in the methods | yes; no; unclear');
    await page.getByLabel('Reason for the amendment').fill('the framework as a subgroup');
    await page.getByRole('button', { name: 'Amend the protocol' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Protocol amendment saved.');
    // then studies grouped for synthesis by that field, and a planned analysis added
    const planned = page.getByLabel('Planned analyses, one a line');
    await planned.fill(`${await planned.inputValue()}\nEffect direction by theoretical framework`);
    await page.getByLabel(/^Group studies for synthesis by/).selectOption('framework');
    await page.getByLabel('Reason for the amendment').fill('SWiM: grouped by framework');
    await page.getByRole('button', { name: 'Amend the protocol' }).click();
    const pico = page.locator('dl.pico');
    await expect.poll(() => pico.textContent()).toContain('Grouping for synthesisTheoretical framework');
    expect(await pico.textContent()).toMatch(/Narrative synthesis of implementation requirements \(SWiM\); Effect direction by theoretical framework/);
    const found: string[] = [];
    for (const tab of ['Data extraction', 'Risk of bias', 'Synthesis', 'GRADE', 'Report']) {
      await page.getByRole('link', { name: tab, exact: true }).click();
      if (tab === 'Synthesis') await page.getByRole('table', { name: 'Sign test per group and outcome' }).waitFor();
      found.push(...(await wcagViolations(page, tab)));
      if (tab === 'Data extraction' || tab === 'Risk of bias') {
        await page.getByRole('navigation', { name: 'Included studies' }).getByRole('link').first().click();
        await page.getByRole('form', { name: 'Consensus' }).waitFor();
        found.push(...(await wcagViolations(page, `${tab}: a study, compared and settled`)));
      }
      if (tab === 'Data extraction') {
        const framework = page.getByRole('form', { name: 'Consensus' }).getByLabel(/^Theoretical framework/);
        expect(await framework.locator('option').allTextContents()).toEqual(['named in the methods', 'yes', 'no', 'unclear']);
        // the calculator: the comparator's mean and SD from a 95% CI of its mean, N from the form (41):
        // R: sqrt(41) * 8 / (2 * qt(0.975, 40)) = 12.6727
        const qol = page.getByRole('form', { name: 'Consensus' }).getByRole('group', { name: 'Quality of life' });
        await qol.locator('summary', { hasText: 'Mean and SD from other statistics' }).click();
        await qol.getByLabel(/^Arm/).selectOption('2');
        expect(await qol.getByLabel('N of the arm').inputValue()).toBe('41');
        await qol.getByLabel('Lower limit').fill('46');
        await qol.getByLabel('Upper limit').fill('x');
        await expect.poll(() => qol.getByRole('alert').textContent()).toBe('upper: "x" is not a number');
        await qol.getByLabel('Upper limit').fill('54');
        await expect.poll(() => qol.locator('output').textContent()).toBe('Mean 50, SD 12.6727');
        await qol.getByRole('button', { name: 'Fill the comparator arm' }).click();
        expect([await qol.getByLabel('Mean, comparator').inputValue(), await qol.getByLabel('SD, comparator').inputValue()]).toEqual(['50', '12.6727']);
        expect(await qol.getByLabel(/^Note/).inputValue()).toMatch(/Comparator: mean and SD from the 95% CI \(divisor 4\.042, t, 40 df; Cochrane Handbook 6\.5\.2\.2\)$/);
        found.push(...(await wcagViolations(page, 'Data extraction: the calculator')));
      }
      if (tab === 'Risk of bias') {
        // the study not yet assessed, with an MMAT category whose screening question is not answered yes
        await page.getByRole('navigation', { name: 'Included studies' }).getByRole('link').nth(1).click();
        const mine = page.getByRole('form', { name: 'My assessment' });
        await mine.getByLabel(/^Risk-of-bias tool/).selectOption('mmat-desc');
        await mine.getByRole('group', { name: /^D2 S2\. / }).getByLabel(/^Judgement/).selectOption('cant-tell');
        await expect.poll(() => mine.getByRole('status').textContent()).toBe('S2 (Can’t tell): the MMAT advises that further appraisal may not be feasible or appropriate');
        expect(await mine.getByRole('group', { name: 'Overall' }).textContent()).toContain('none — MMAT gives no overall rule');
        found.push(...(await wcagViolations(page, `${tab}: an MMAT form with its caution`)));
        // a review appraising with the JBI checklists: JBI's answers, in its words
        await mine.getByLabel(/^Risk-of-bias tool/).selectOption('jbi-qual');
        expect(await mine.getByRole('group', { name: /^D1 Philosophical perspective/ }).getByLabel(/^Judgement/).locator('option').allTextContents()).toEqual(['not judged', 'Yes', 'Unclear', 'No', 'Not applicable']);
        expect(await mine.getByRole('group', { name: 'Overall' }).textContent()).toContain('none — JBI gives no overall rule');
        expect(await mine.getByRole('group', { name: 'Overall' }).getByLabel(/^Judgement/).locator('option').allTextContents()).toEqual(['not judged', 'Include', 'Seek further info', 'Exclude']);
        expect(await mine.getByRole('region', { name: 'Results judged apart' }).count()).toBe(0);
        found.push(...(await wcagViolations(page, `${tab}: a JBI checklist`)));
      }
    }
    expect(found).toEqual([]);
  });

  it('takes a multi-arm trial as two comparisons: a row each in the analysis table, their shared comparator group split', async () => {
    const page = await login(app, 'owner', { bypassCSP: true });
    await page.getByRole('link', { name: 'Data extraction', exact: true }).click();
    await page.getByRole('navigation', { name: 'Included studies' }).getByRole('link').nth(1).click();
    const consensus = page.getByRole('form', { name: 'Consensus' });
    await consensus.getByRole('button', { name: 'Add a comparison' }).click();
    const arms = consensus.getByRole('group', { name: 'Comparisons (multi-arm trial)' });
    await arms.getByLabel('Comparison 1 (the arms above): label').fill('telephone');
    await arms.getByLabel('Comparison 2: label').fill('telephone + video');
    const second = arms.getByRole('group', { name: 'Comparison 2: telephone + video' });
    expect(await second.getByLabel('Same comparator group as comparison 1').isChecked()).toBe(true);
    // the study's mode shows as the placeholder; the comparison gives its own
    expect(await second.getByLabel(/^Mode of delivery/).getAttribute('placeholder')).toBe('telephone');
    await second.getByLabel(/^Mode of delivery/).fill('video');
    // the review's own field, a choice, is a choice here too, the study's answer the default
    expect(await second.getByLabel(/^Theoretical framework/).locator('option').allTextContents()).toEqual(['as the study', 'yes', 'no', 'unclear']);
    const qol = second.getByRole('group', { name: 'Quality of life' });
    await qol.getByLabel('Reported as').selectOption('continuous');
    for (const [label, value] of [['Mean, comparator', '50'], ['SD, comparator', '9'], ['N, comparator', '41']] as const) await qol.getByLabel(label, { exact: true }).fill(value);
    // the arm reported as two groups (two intensities of the same calls), combined with the calculator (Handbook Table 6.5.a):
    // N 38, mean (18·62 + 20·65.8)/38 = 64, SD √((17·100 + 19·100 + 18·20/38·3.8²)/37) = 10.0496
    await qol.locator('summary', { hasText: 'Mean and SD from other statistics' }).click();
    await qol.getByLabel('From').selectOption('groups');
    for (const [label, value] of [['N, group 1', '18'], ['Mean, group 1', '62'], ['SD, group 1', '10'], ['N, group 2', '20'], ['Mean, group 2', '65.8'], ['SD, group 2', 'ten']] as const) await qol.getByLabel(label, { exact: true }).fill(value);
    await expect.poll(() => qol.getByRole('alert').textContent()).toBe('sd2: "ten" is not a number');
    await qol.getByLabel('SD, group 2', { exact: true }).fill('10');
    await expect.poll(() => qol.locator('output').textContent()).toBe('N 38, Mean 64, SD 10.0496');
    await qol.getByRole('button', { name: 'Fill the intervention arm' }).click();
    expect(await qol.getByLabel(/^Note/).inputValue()).toBe('Intervention: N, mean and SD of two groups combined (18 + 20; Cochrane Handbook 6.5.2.10)');
    await qol.getByLabel('Time point').fill('12 weeks');
    expect(await wcagViolations(page, 'Data extraction: a multi-arm trial')).toEqual([]);
    await consensus.getByRole('button', { name: 'Save the consensus' }).click();
    // (the calculator's output is a status too)
    await page.getByRole('status').filter({ hasText: 'The consensus is saved; the analysis uses it.' }).waitFor();
    const tables = page.getByRole('region', { name: 'Analysis tables' });
    await expect.poll(() => tables.locator('li').first().textContent()).toMatch(/^Quality of life \(SMD\): 2 studies \(3 comparisons\)/);
    const [csv] = await Promise.all([page.waitForEvent('download'), tables.getByRole('link', { name: 'Download CSV' }).first().click()]);
    const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^study,study_id,mode,/);
    // the usual-care group of 41 split 21/20 between the two comparisons (Cochrane Handbook 23.3.4)
    expect(lines.slice(2)).toEqual([expect.stringMatching(/^[^,]+ \(telephone\),[^,]+,telephone,.*,61,10,40,50,9,21$/), expect.stringMatching(/^[^,]+ \(telephone \+ video\),[^,]+,video,.*,64,10.0496,38,50,9,20$/)]);
    const characteristics = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Comparisons' }) });
    await expect.poll(() => characteristics.locator('tbody tr').nth(1).textContent()).toContain('telephone; telephone + video (shared comparator)');
    await shot(page, 'data-extraction-multi-arm');
    // the analysis of record adds cluster-robust tests with the comparisons clustered by their study
    await tables.getByRole('link', { name: 'Open in meta-analysis' }).first().click();
    const meta = page.getByRole('main', { name: 'Meta-analysis' });
    await meta.locator('[data-item="20b"]').waitFor();
    await meta.getByText(/^This table has multi-arm trials, a row per comparison/).waitFor();
    await meta.getByLabel(/^Robust standard errors clustered by/).selectOption('study_id');
    expect(await meta.getByText(/^This table has multi-arm trials/).count()).toBe(0);
    await expect.poll(() => meta.locator('[data-item="20b"]').textContent()).toMatch(/With cluster-robust standard errors \(2 clusters\), its 95% CI was \S+ to \S+ \(t\(1\) = /);
    // and fits the three-level model (rma.mv), the comparisons nested in their study: Knapp–Hartung gives way to t
    const testChoice = meta.getByLabel('Test');
    await testChoice.selectOption('knha');
    await meta.getByLabel(/^Three-level model: rows nested in/).selectOption('study_id');
    expect(await testChoice.inputValue()).toBe('t');
    expect(await testChoice.locator('option[value="knha"]').isDisabled()).toBe(true);
    expect(await testChoice.locator('option[value="adhoc"]').isDisabled()).toBe(true);
    // the saved subgroups by mode cannot go with it: said, and cleared
    await expect.poll(() => meta.getByRole('alert').textContent()).toMatch(/subgroup: with --multilevel, compare subgroups as a moderator \(--mods COL\)/);
    await meta.getByLabel(/^Subgroups by/).selectOption('');
    await expect.poll(() => meta.locator('[data-item="13d"]').textContent()).toMatch(/three-level random-effects model \(rows nested in study id; Cheung 2014\)/);
    await expect.poll(() => meta.locator('[data-item="20b"]').textContent()).toMatch(/^Across 3 comparisons from 2 studies, the pooled SMD was \S+ \(95% CI \S+ to \S+; t\(2\) = .*σ² between studies = /);
    await meta.getByText(/^[^:]+\.csv: 3 rows, 3 comparisons from 2 studies analysed \(three-level model: 2 clusters by study_id\)\.$/).waitFor();
    await meta.getByRole('button', { name: 'Save as the analysis of record for Quality of life' }).click();
    await expect.poll(() => meta.getByRole('status').textContent()).toBe('This is the analysis of record for Quality of life: the review report and GRADE use it.');
    // the report: the data preparation (item 13b) names the trial, the analysis counts its comparisons, and R agrees on the split table
    await page.getByRole('link', { name: 'Report', exact: true }).click();
    const report = page.getByRole('main', { name: 'Review report' });
    const [file] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Download the review report (HTML)' }).click()]);
    const html = readFileSync((await file.path())!, 'utf8');
    expect(html).toMatch(/Multi-arm trials \([^,]+, 2 comparisons\) contributed one comparison per intervention arm/);
    expect(html).toContain('1 result without numbers usable for an effect size (Symptom burden: ');
    expect(html).toMatch(/derived from the statistics reported \(Quality of life: [^)]+ \(telephone \+ video\)\)/);
    expect(html).toContain('Across 3 comparisons from 2 studies, the pooled SMD');
    expect(html).toContain('cluster-robust (sandwich) standard errors clustered by study id');
    expect(html).toContain('--cluster study_id --multilevel study_id');
    expect(html).toContain('three-level random-effects model');
    const [script] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Download the R script (every outcome)' }).click()]);
    if (spawnSync('Rscript', ['-e', 'library(metafor)']).status === 0) {
      const run = spawnSync('Rscript', [(await script.path())!], { encoding: 'utf8' });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/\n(\d+) of \1 checks agree with metasift\./);
    }
  });

  it('raised no page errors', () => {
    expect(app.errors).toEqual([]);
  });
});
