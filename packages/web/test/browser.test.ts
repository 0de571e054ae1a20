/**
 * The web app in Debian's Chromium (playwright-core): two reviewers screen the demo review by keyboard
 * in two browser contexts, a conflict arises and the owner resolves it, kappa appears, an export goes
 * through the import wizard (its hostile title shown as text), and full-text exclusions with a reason
 * change the PRISMA diagram, two reviewers extract data and assess risk of bias blind and settle the
 * differences. Screenshots go to artifacts/browser/; the time from a decision key to the
 * next record on screen is measured in the page and its p95 printed (a measurement, not an assertion).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import axe from 'axe-core';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaAnalysis, parseDataTable } from '@metasift/core';
import { openStore, type Store } from '@metasift/store';
import { DEMO_PASSWORD, seedDemo, startServer, type Running } from '@metasift/server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'artifacts/browser');
const HAVE = existsSync(CHROMIUM);

/** A one-page PDF with a line of text (pdfkit), as a reviewer's full text. */
function onePagePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.fontSize(28).text(text, 72, 72);
    doc.end();
  });
}

it('has Chromium for the browser tests (CI installs Debian\'s chromium)', () => {
  if (process.env.CI) expect(HAVE, `${CHROMIUM} is missing: .ci/run must apt-get install chromium`).toBe(true);
});

describe.skipIf(!HAVE)('the web app in Chromium', () => {
  let dir: string;
  let store: Store;
  let server: Running;
  let browser: Browser;
  const pages: Record<string, Page> = {};
  const latencies: number[] = [];
  const titles: string[] = [];
  const ids: number[] = [];
  const errors: string[] = [];

  const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

  async function login(who: string, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, ...opts });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
    await page.goto(server.url);
    await page.getByLabel('Email').fill(`${who}@demo.metasift`);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: /Telehealth in palliative care/ }).click();
    return page;
  }

  /** The record on the full-text screen (a title/abstract record may still be showing just after the tab's click). */
  const fullTextRecord = (page: Page) => page.getByRole('main', { name: 'Full text screening' }).locator('h2.title');

  /**
   * Holds back the answers to the page's requests matching `pattern` until `release()`, so a test can act
   * while a request is in flight; `sent` lists the request bodies in order.
   */
  async function holdAnswers(page: Page, pattern: string): Promise<{ sent: (string | null)[]; release: () => void }> {
    const sent: (string | null)[] = [];
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(pattern, async (route) => {
      sent.push(route.request().postData());
      await held;
      await route.continue();
    });
    return { sent, release };
  }

  /** Presses a key on the screening page and waits for the next record (or the end). */
  async function press(page: Page, key: string): Promise<void> {
    const before = await page.locator('h2.title').getAttribute('data-record-id');
    await page.keyboard.press(key);
    await page.waitForFunction((id) => document.querySelector('h2.title')?.getAttribute('data-record-id') !== id, before);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'metasift-browser-'));
    store = await openStore({ file: join(dir, 'demo.sqlite') });
    await seedDemo(store, join(ROOT, 'demo/exports'));
    server = await startServer(store, { port: 0, webRoot: join(ROOT, 'packages/web/dist') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // reviewer one: include ×3, exclude ×17; reviewer two: exclude, include ×2, exclude ×17 → one conflict
  const PLAN_ONE = ['i', 'i', 'i', ...Array<string>(17).fill('e')];
  const PLAN_TWO = ['e', 'i', 'i', ...Array<string>(17).fill('e')];

  it('two reviewers screen the same records by keyboard, blind to each other', async () => {
    pages.one = await login('reviewer1');
    pages.two = await login('reviewer2');
    for (const [name, plan] of [['one', PLAN_ONE], ['two', PLAN_TWO]] as const) {
      const page = pages[name]!;
      await page.locator('h2.title').waitFor();
      if (name === 'one') await shot(page, 'screening');
      for (const [i, key] of plan.entries()) {
        const title = (await page.locator('h2.title').textContent())!;
        const id = Number(await page.locator('h2.title').getAttribute('data-record-id'));
        // both reviewers meet the records in the same seeded order
        if (name === 'one') {
          titles.push(title);
          ids.push(id);
        } else expect(id).toBe(ids[i]);
        await press(page, key);
      }
      latencies.push(...(await page.evaluate(() => (window as unknown as { __metasiftLatencies?: number[] }).__metasiftLatencies ?? [])));
      // blinding: the other reviewer's count shows, never their verdicts
      await expect.poll(() => page.locator('.progress').textContent()).toMatch(/Mine: 20 of 259/);
      expect(await page.locator('.badge.include, .badge.exclude').count()).toBeLessThanOrEqual(10);
    }
    expect(new Set(ids).size).toBe(20);
    // undo brings my last record back
    const two = pages.two!;
    const shown = () => two.locator('h2.title').getAttribute('data-record-id');
    const next = await shown();
    await press(two, 'u');
    expect(Number(await shown())).toBe(ids[19]);
    await press(two, 'e');
    expect(await shown()).toBe(next);
  });

  it('records one decision per record on screen, however fast the keys come', async () => {
    const two = pages.two!;
    const shown = () => two.locator('h2.title').getAttribute('data-record-id');
    const first = await shown();
    const pattern = '**/screening/title_abstract/decisions*';
    const { sent: posts, release } = await holdAnswers(two, pattern);
    try {
      await two.keyboard.press('i');
      await expect.poll(() => posts.length).toBe(1);
      // E before the include is answered must not land on the same record (it would overturn the include)
      await two.keyboard.press('e');
      await two.keyboard.press('m');
    } finally {
      release();
    }
    await two.waitForFunction((id) => document.querySelector('h2.title')?.getAttribute('data-record-id') !== id, first);
    await two.unroute(pattern);
    expect(posts.map((p) => (JSON.parse(p!) as { recordId: number; verdict: string }).verdict)).toEqual(['include']);
    expect((JSON.parse(posts[0]!) as { recordId: number }).recordId).toBe(Number(first));
    // undo it (once my history lists it), so the reviewers' counts stay as the plans made them
    await expect.poll(() => two.locator('.progress').textContent()).toMatch(/Mine: 21 of 259/);
    await press(two, 'u');
    expect(await shown()).toBe(first);
    await expect.poll(() => two.locator('.progress').textContent()).toMatch(/Mine: 20 of 259/);
  });

  it('the owner sees the conflict with both decisions, resolves it, and kappa appears', async () => {
    const owner = (pages.owner = await login('owner'));
    await owner.getByRole('link', { name: 'Conflicts & agreement' }).click();
    const conflict = owner.locator('li.conflict');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.locator('h4').textContent()).toBe(titles[0]);
    expect(await conflict.textContent()).toMatch(/Reviewer one: include/);
    expect(await conflict.textContent()).toMatch(/Reviewer two: exclude/);
    // kappa from the two plans: observed agreement against agreement expected from each one's margins
    const n = PLAN_ONE.length;
    const po = PLAN_ONE.filter((k, i) => k === PLAN_TWO[i]).length / n;
    const inOne = PLAN_ONE.filter((k) => k === 'i').length / n;
    const inTwo = PLAN_TWO.filter((k) => k === 'i').length / n;
    const pe = inOne * inTwo + (1 - inOne) * (1 - inTwo);
    const kappa = (po - pe) / (1 - pe);
    const cell = owner.locator('td.kappa').first();
    await expect.poll(() => cell.textContent()).toMatch(new RegExp(`^${kappa.toFixed(2)} \\(`));
    await shot(owner, 'conflicts-and-kappa');
    await owner.getByRole('button', { name: 'Resolve: include' }).click();
    await expect.poll(() => owner.getByText('No open conflicts.').first().isVisible()).toBe(true);
  });

  it('imports an export through the wizard: preview, progress, dedup summary; hostile text stays text', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'Import' }).click();
    const ris = ['TY  - JOUR', 'TI  - <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> Video follow-up', 'PY  - 2024', 'ER  - ', '', 'TY  - JOUR', 'TI  - Telephone triage in hospice care', 'PY  - 2023', 'ER  - ', ''].join('\n');
    const second = ['TY  - JOUR', 'TI  - Tablet-based symptom reporting at home', 'PY  - 2022', 'ER  - ', ''].join('\n');
    await owner.getByLabel(/Export files/).setInputFiles([
      { name: 'cinahl.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from(ris) },
      { name: 'cinahl-update.ris', mimeType: 'application/x-research-info-systems', buffer: Buffer.from(second) },
    ]);
    await owner.getByLabel('Database').fill('CINAHL');
    await owner.getByRole('button', { name: 'Check the files' }).click();
    const preview = owner.getByRole('region', { name: 'Preview of cinahl.ris' });
    await expect.poll(() => preview.textContent()).toMatch(/Format ris · 2 records · 0 issues/);
    expect(await owner.getByRole('region', { name: 'Preview of cinahl-update.ris' }).textContent()).toMatch(/1 records/);
    expect(await preview.locator('ol.sample li').first().textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    await owner.getByRole('button', { name: 'Import 3 records' }).click();
    await expect.poll(() => owner.getByRole('status').last().textContent(), { timeout: 20_000 }).toMatch(/1 record imported\. The review now has 401 records/);
    await shot(owner, 'import-wizard');
    expect(await owner.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await owner.locator('img[src="x"]').count()).toBe(0);
  });

  it('settles one duplicate pair per key press, however fast the keys come', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'Duplicates' }).click();
    const count = owner.getByText(/pairs? to check, most similar first/);
    await count.waitFor();
    const before = Number(/^(\d+)/.exec((await count.textContent())!)![1]);
    await owner.locator('table.pair').waitFor();
    const pattern = '**/api/reviews/*/duplicates/*';
    const { sent: posts, release } = await holdAnswers(owner, pattern);
    try {
      await owner.keyboard.press('m');
      await expect.poll(() => posts.length).toBe(1);
      // K before the merge is answered must not land on the same pair (it would overturn the merge)
      await owner.keyboard.press('k');
      expect(await owner.getByRole('button', { name: /keep apart/ }).isDisabled()).toBe(true);
    } finally {
      release();
    }
    await expect.poll(async () => Number(/^(\d+)/.exec((await count.textContent()) ?? '')?.[1] ?? NaN)).toBeLessThan(before);
    await owner.unroute(pattern);
    expect(posts).toEqual([JSON.stringify({ verdict: 'merge' })]);
  });

  it('attaches a full text, reads it with pdf.js and links it to a study', async () => {
    const one = pages.one!;
    await one.getByRole('link', { name: 'Full text' }).click();
    await fullTextRecord(one).waitFor();
    await one.getByLabel('Attach PDF').setInputFiles({ name: 'trial.pdf', mimeType: 'application/pdf', buffer: await onePagePdf('Full text of the trial') });
    const page1 = one.locator('canvas[aria-label="page 1"]');
    await page1.waitFor();
    expect(await page1.evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(100);
    // pdf.js drew something: the canvas is not blank
    expect(await page1.evaluate((c: HTMLCanvasElement) => { const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data; let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++; return dark; })).toBeGreaterThan(50);
    await one.getByLabel('Label').fill('Trial 2021');
    await one.getByRole('button', { name: 'Link this report' }).click();
    await expect.poll(() => one.locator('.study').textContent()).toMatch(/Report of study Trial 2021 \(1 report\)/);
    await shot(one, 'full-text-pdf');
  });

  it('the owner adds a member on the setup page', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'Setup' }).click();
    const form = owner.getByRole('form', { name: 'Add a member' });
    await form.getByLabel('Email').fill('third@demo.metasift');
    await form.getByLabel('Name').fill('Third reviewer');
    await form.getByLabel(/Initial password/).fill('third-reviewer-pw');
    await form.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => owner.getByRole('cell', { name: 'third@demo.metasift' }).count()).toBe(1);
    await shot(owner, 'setup');
  });

  it('E before the full-text record is on screen opens no reason list', async () => {
    const two = pages.two!;
    const { release } = await holdAnswers(two, '**/screening/full_text/next');
    try {
      await two.getByRole('link', { name: 'Full text' }).click();
      await two.getByRole('main', { name: 'Full text screening' }).getByText('Loading…').waitFor();
      await two.keyboard.press('e');
      expect(await two.getByRole('dialog', { name: 'Exclusion reason' }).count()).toBe(0);
    } finally {
      // let the record through even when the check fails, so the tests after this one still run
      release();
    }
    await fullTextRecord(two).waitFor();
    await two.unroute('**/screening/full_text/next');
    expect(await two.getByRole('dialog', { name: 'Exclusion reason' }).count()).toBe(0);
  });

  it('a full-text exclusion with a reason changes the PRISMA diagram', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'PRISMA' }).click();
    const counts = owner.getByRole('table', { name: 'PRISMA counts' });
    await expect.poll(() => counts.textContent()).toMatch(/Reports sought for retrieval3/);
    expect(await counts.textContent()).not.toMatch(/Reports excluded: Not advanced cancer/);
    for (const name of ['one', 'two'] as const) {
      const page = pages[name]!;
      await page.getByRole('link', { name: 'Full text' }).click();
      // the hash route changes after the click returns: wait for the full-text screen's record, not the
      // title/abstract record still on screen (an E there would exclude it at title/abstract instead)
      await fullTextRecord(page).waitFor();
      await page.keyboard.press('e');
      await page.getByRole('dialog', { name: 'Exclusion reason' }).waitFor();
      if (name === 'one') await shot(page, 'full-text-reason');
      await press(page, '1');
    }
    await owner.getByRole('link', { name: 'Setup' }).click();
    await owner.getByRole('link', { name: 'PRISMA' }).click();
    await expect.poll(() => owner.getByRole('table', { name: 'PRISMA counts' }).textContent()).toMatch(/Reports excluded: Not advanced cancer1/);
    await owner.locator('img.prisma').waitFor();
    await shot(owner, 'prisma');
    // the report's text says what the table says, from the same records
    const table = (await owner.getByRole('table', { name: 'PRISMA counts' }).textContent())!;
    const screened = /Records screened(\d+)/.exec(table)![1]!;
    const duplicates = /Duplicate records removed(\d+)/.exec(table)![1]!;
    const report = owner.getByRole('region', { name: 'Text for the report' });
    await expect.poll(() => report.locator('[data-item="16a"]').textContent()).toContain(`after ${duplicates} duplicates were removed, ${screened} records were screened by title and abstract`);
    const results = (await report.locator('[data-item="16a"]').textContent())!;
    expect(results).toMatch(/^Screening is not finished: \d+ of \d+ records await decisions at title and abstract/);
    expect(results).toMatch(/assessed for eligibility and 1 excluded \(not advanced cancer, 1\)/);
    expect(results).toMatch(/At title and abstract screening the two reviewers agreed on \d+\.\d% over \d+ records \(Cohen's κ/);
    expect(await report.locator('[data-item="6"]').textContent()).toMatch(/^We searched MEDLINE via PubMed \(searched on 1 March 2024\), Embase via Ovid \(searched on 1 March 2024\)/);
    expect(await report.locator('[data-item="8"]').textContent()).toMatch(/^Two reviewers screened each title and abstract.*independently and blinded to each other’s decisions/);
    await expect.poll(() => report.getByRole('table', { name: 'Search strategies' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await report.getByRole('table', { name: 'Search strategies' }).textContent()).toContain('exp telemedicine/ AND exp palliative therapy/ AND exp neoplasm/');
    const excluded = report.getByRole('table', { name: 'Reports excluded at full text' }).locator('tbody tr');
    await expect.poll(() => excluded.count()).toBe(1);
    expect(await excluded.locator('td').last().textContent()).toBe('Not advanced cancer');
    expect(await excluded.locator('td').first().textContent()).toMatch(/^\S.* (19|20)\d\d$/);
    // the whole of it as one HTML page: diagram, text, exclusions, strategies
    const [download] = await Promise.all([owner.waitForEvent('download'), report.getByRole('button', { name: 'Download the report (HTML)' }).click()]);
    expect(download.suggestedFilename()).toBe('search-and-selection.html');
    const html = readFileSync((await download.path())!, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Telehealth in palliative care for advanced cancer (demo): search and selection</title>');
    expect(html).toContain('<figure><svg');
    expect(html).toContain(`after ${duplicates} duplicates were removed, ${screened} records were screened by title and abstract`);
    expect(html).toContain('<td>Not advanced cancer</td>');
    expect(html).toContain('exp telemedicine/ AND exp palliative therapy/ AND exp neoplasm/');
    expect(html).not.toMatch(/<script/i);
  });

  it('the owner switches to relevance order and begins the stopping rule\'s random sample', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'Setup' }).click();
    await owner.getByLabel('Title/abstract order').selectOption('relevance');
    await owner.getByRole('button', { name: 'Save the settings' }).click();
    await expect.poll(() => owner.getByRole('status').first().textContent()).toMatch(/Settings saved/);
    await owner.getByRole('link', { name: 'Title & abstract', exact: true }).click();
    await expect.poll(() => owner.locator('.order-note').textContent()).toMatch(/Ordered by relevance/);
    const panel = owner.getByRole('region', { name: 'Stopping rule' });
    await owner.getByRole('button', { name: 'Begin the random sample' }).click();
    await expect.poll(() => panel.textContent()).toMatch(/Random sample: 0 of \d+ screened, 0 relevant \(3 found by the ranking before\)/);
    await expect.poll(() => owner.locator('.order-note').textContent()).toMatch(/Random sample for the stopping rule/);
    await shot(owner, 'stopping-rule');
    // and the report's text says how screening was ordered and is to stop
    await owner.getByRole('link', { name: 'PRISMA' }).click();
    const method = owner.getByRole('region', { name: 'Text for the report' }).locator('[data-item="8"]');
    await expect.poll(() => method.textContent()).toMatch(/in order of predicted relevance.*a random sample of the \d+ records not yet screened, tested after each decision against the hypothesis that recall was below 95%/);
    expect(await owner.getByRole('region', { name: 'Text for the report' }).locator('[data-item="16a"]').textContent()).toMatch(/The stopping rule's random sample has reached 0 of \d+ records \(0 relevant\); recall below 95% is not yet rejected/);
  });

  it('runs a meta-analysis of a chosen file in the page: text, forest plot, the R script; a bad cell is named', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'Meta-analysis' }).click();
    const main = owner.getByRole('main', { name: 'Meta-analysis' });
    await main.getByLabel('Data file').setInputFiles(join(ROOT, '../shared/reference/metafor/bcg.csv'));
    await main.getByLabel('Measure').selectOption('RR');
    // BCG trials, RR with REML: metafor gives 0.4894 [0.3441, 0.6962]
    await expect.poll(() => main.locator('[data-item="20b"]').textContent()).toContain('Across 13 studies, the pooled RR was 0.49 (95% CI 0.34 to 0.70; z = −3.97, p < 0.001).');
    await main.getByLabel('Subgroups by').selectOption('alloc');
    await expect.poll(() => main.locator('[data-item="20b"]').textContent()).toMatch(/By alloc: alternate 0\.58 \(0\.34 to 1\.01; 2 studies/);
    expect(await main.getByRole('img', { name: 'Forest plot of 13 studies' }).count()).toBe(1);
    const [script] = await Promise.all([owner.waitForEvent('download'), main.getByRole('link', { name: 'Download the R script' }).click()]);
    expect(script.suggestedFilename()).toBe('bcg.R');
    const r = readFileSync((await script.path())!, 'utf8');
    expect(r).toContain('# Reproduces `metasift meta bcg.csv --measure RR --method REML --test z --level 95 --subgroup alloc` with R\'s metafor.');
    expect(r).toContain('dat <- escalc(measure = "RR", ai = ai, bi = bi, ci = ci, di = di, data = dat, slab = study)');
    await main.getByLabel('Level (%)').fill('');
    await expect.poll(() => main.getByRole('alert').textContent()).toBe('the confidence level is empty: give a percentage such as 95');
    await main.getByLabel('Level (%)').fill('100');
    await expect.poll(() => main.getByRole('alert').textContent()).toBe('the confidence level must be a percentage between 0 and 100, got 100');
    await main.getByLabel('Level (%)').fill('95');
    await main.getByLabel('Subgroups by').selectOption('');
    await main.getByLabel('Meta-regression on').selectOption(['ablat']);
    await expect.poll(() => main.locator('[data-item="20b"]').textContent()).toMatch(/^In a meta-regression of 13 studies, the coefficient \(on the log RR scale\) was ablat −0\.029 /);
    await main.getByLabel('Meta-regression on').selectOption([]);
    await main.getByLabel('Subgroups by').selectOption('alloc');
    await shot(owner, 'meta-analysis');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'study,yi,vi\nA,0.1,0.04\nB,x,0.02\n');
    await main.getByLabel('Data file').setInputFiles(bad);
    await main.getByLabel('Measure').selectOption('');
    await expect.poll(() => main.getByRole('alert').textContent()).toBe('bad.csv, line 3 (data row 2), column yi: "x" is not a number');
    expect(await main.getByRole('region', { name: 'Results' }).count()).toBe(0);
  });

  it('two reviewers extract the included studies blind, settle a difference, and the outcome is analysed', async () => {
    // both include the two full texts still undecided: two included studies
    for (const name of ['one', 'two'] as const) {
      const page = pages[name]!;
      await page.getByRole('link', { name: 'Full text' }).click();
      await fullTextRecord(page).waitFor();
      await press(page, 'i');
      await press(page, 'i');
    }
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
    await settle.getByRole('form', { name: 'Consensus' }).getByRole('button', { name: 'Save the consensus' }).click();
    await expect.poll(() => two.getByRole('status').textContent()).toBe('The consensus is saved; the figures use it.');
    const figures = two.getByRole('region', { name: 'Risk-of-bias figures' });
    await figures.getByRole('img', { name: 'Traffic-light plot: RoB 2 judgements of 1 study' }).waitFor();
    const [svg] = await Promise.all([two.waitForEvent('download'), figures.getByRole('link', { name: 'Download the traffic-light plot (SVG)' }).click()]);
    const traffic = readFileSync((await svg.path())!, 'utf8');
    expect(traffic).toMatch(/data-domain="D3" data-judgement="some"/);
    expect(traffic).toMatch(/data-domain="Overall" data-judgement="some"/);
    await two.evaluate(() => window.scrollTo(0, 0));
    await shot(two, 'risk-of-bias');
    // the report's methods name the tool and the agreement on judgements (D3 and overall differed: 4 of 6)
    await two.getByRole('link', { name: 'PRISMA' }).click();
    const item11 = two.getByRole('region', { name: 'Text for the report' }).locator('[data-item="11"]');
    await expect.poll(() => item11.textContent()).toContain('with the Cochrane RoB 2 tool for randomised trials, judging each domain');
    expect(await item11.textContent()).toContain('Risk-of-bias assessment is not finished: of 2 studies included, 1 study not yet assessed. For the 1 study assessed by both, the reviewers agreed on 66.7% of the 6 judgements; 1 study was settled by consensus.');
  });

  it('the synthesis page counts effect directions and codes themes across the included studies', async () => {
    const one = pages.one!;
    await one.getByRole('link', { name: 'Synthesis' }).click();
    const direction = one.getByRole('region', { name: 'Effect direction' });
    // both studies' final data favour telehealth on quality of life (58 and 61 against 50): sign test 2 of 2, p = 0.5
    await direction.getByRole('img', { name: 'Effect direction plot of 2 studies' }).waitFor();
    expect(await direction.getByRole('table').locator('tbody tr').first().textContent()).toBe('Quality of life2000.500');
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
    await expect.poll(() => qol.textContent()).toMatch(/^Quality of life2 \(162\)SMD /);
    // the same numbers as the meta-analysis of the extracted table
    const csv = 'study,m1i,sd1i,n1i,m2i,sd2i,n2i\nA,58,10,40,50,11,41\nB,61,10,40,50,9,41\n';
    const r = metaAnalysis(parseDataTable(csv, 'qol.csv'), { measure: 'SMD', method: 'REML' });
    const f = (x: unknown): string => (x as number).toFixed(2);
    expect(await qol.locator('td').nth(1).textContent()).toBe(`SMD ${f(r['estimate'])} (${f(r['ci_lower'])} to ${f(r['ci_upper'])})`);
    expect(await qol.locator('td').nth(2).textContent()).toBe('not rated');
    const form = owner.getByRole('form', { name: 'GRADE: Quality of life' });
    expect(await form.textContent()).toContain('0 of 1 studies at high risk of bias overall, 1 with some concerns (1 not assessed yet).');
    expect(await form.textContent()).toContain('162 participants, below the 400 of the optimal information size rule of thumb.');
    await form.getByLabel(/^Imprecision/).selectOption('1');
    await form.getByRole('button', { name: 'Save the rating of Quality of life' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('domains.imprecision.reason: say why');
    await form.getByLabel('Reason (imprecision)').fill('162 participants, below the optimal information size.');
    await form.getByRole('button', { name: 'Save the rating of Quality of life' }).click();
    await expect.poll(() => qol.locator('td').nth(2).textContent()).toBe('⊕⊕⊕◯ MODERATE');
    expect(await qol.locator('td').nth(3).textContent()).toBe('Imprecision (−1): 162 participants, below the optimal information size.');
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
    await meta.getByRole('button', { name: 'Save as the analysis of record for Quality of life' }).click();
    await expect.poll(() => meta.getByRole('status').textContent()).toBe('This is the analysis of record for Quality of life: the review report and GRADE use it.');
    await meta.getByLabel('Test').selectOption('z');
    await expect.poll(() => meta.getByRole('status').textContent()).toBe('Changed from the saved analysis of record: save to replace it.');
    await owner.getByRole('link', { name: 'Report', exact: true }).click();
    const main = owner.getByRole('main', { name: 'Review report' });
    const [page] = await Promise.all([owner.waitForEvent('download'), main.getByRole('button', { name: 'Download the review report (HTML)' }).click()]);
    expect(page.suggestedFilename()).toBe('telehealth-in-palliative-care-for-advanced-cancer-demo.html');
    const html = readFileSync((await page.path())!, 'utf8');
    for (const part of ['<h2>Protocol</h2>', 'PRISMA 2020 flow diagram', 'Data collection process', 'Characteristics of included studies', 'Risk of bias (RoB 2)', 'Across 2 studies, the pooled SMD was', 'By mode:', 'Effect direction', 'Theme: Connectivity', 'Patients in rural areas lost the video link (p. 7).', '⊕⊕⊕◯ MODERATE', 'Appendix: search strategies', 'Appendix: R script', '--test knha --level 95 --subgroup mode'])
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

  it('the owner reads the audit trail and starts a new review from the app', async () => {
    const owner = pages.owner!;
    await owner.getByRole('link', { name: 'Audit trail' }).click();
    const trail = owner.locator('table.audit');
    await expect.poll(() => trail.textContent()).toMatch(/resolution \d+: resolve/);
    // people by name, never by number (the trail and the members arrive together)
    expect(await trail.textContent()).toMatch(/Reviewer one.*decision \d+: decide/s);
    expect(await trail.textContent()).not.toMatch(/user \d+/);
    // a change shows the fields it touched, not the whole settings object twice
    const settings = (await trail.locator('tr', { hasText: 'set-settings' }).first().textContent())!;
    expect(settings).toMatch(/order: random.*order: relevance/s);
    expect(settings).toMatch(/\d+ fields unchanged/);
    expect(settings).not.toMatch(/reviewersPerRecord|exclusionReasons/);
    await owner.getByRole('link', { name: 'metasift' }).click();
    const form = owner.getByRole('form', { name: 'New review' });
    await form.getByLabel('Title').fill('Video consultations for heart failure');
    await form.getByLabel('Review question').fill('Do video consultations reduce readmissions in heart failure?');
    await form.getByRole('button', { name: 'Create the review' }).click();
    await expect.poll(() => owner.locator('.review-title').textContent()).toBe('Video consultations for heart failure');
    expect(await owner.getByLabel('Question').inputValue()).toBe('Do video consultations reduce readmissions in heart failure?');
  });

  it('meets WCAG 2 A/AA on every page, by axe-core', async () => {
    const page = await login('owner', { bypassCSP: true });
    const found: string[] = [];
    const study = async (tab: string): Promise<void> => {
      await page.getByRole('link', { name: tab, exact: true }).click();
      await page.getByRole('navigation', { name: 'Included studies' }).getByRole('link').first().click();
      await page.getByRole('form', { name: 'Consensus' }).waitFor();
    };
    const STUDY = ' (a study, compared and settled)';
    for (const tab of ['Title & abstract', 'Full text', 'Conflicts & agreement', 'Duplicates', 'Import', 'PRISMA', 'Data extraction', `Data extraction${STUDY}`, 'Risk of bias', `Risk of bias${STUDY}`, 'Synthesis', 'Meta-analysis', 'GRADE', 'Report', 'Setup', 'Audit trail']) {
      if (tab.endsWith(STUDY)) await study(tab.slice(0, -STUDY.length));
      else await page.getByRole('link', { name: tab, exact: true }).click();
      await page.waitForLoadState('networkidle');
      await page.evaluate(axe.source);
      const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
      // the rules ran: many checks passed on each page
      expect(result.passes.length, tab).toBeGreaterThan(10);
      for (const v of result.violations) found.push(`${tab}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    }
    expect(found).toEqual([]);
  });

  it('measured the time from a decision key to the next record, and raised no page errors', () => {
    // a measurement, not a timed assertion: the figure is printed (and reported in the closing note)
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted.length).toBeGreaterThanOrEqual(40);
    const p95 = sorted[Math.ceil(0.95 * sorted.length) - 1]!;
    console.log(`next record after a decision, in the browser: n=${sorted.length}, p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`);
    expect(errors).toEqual([]);
  });
});
