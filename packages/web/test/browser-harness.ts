/**
 * What the browser suites share: Debian's Chromium driven by playwright-core against the app serving a
 * fresh demo review, logins as the demo accounts (page errors collected), screenshots into
 * artifacts/browser/, and axe-core's WCAG 2 A/AA run on the page shown.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore, type Store } from '@metasift/store';
import { DEMO_PASSWORD, seedDemo, startServer, type Running } from '@metasift/server';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'artifacts/browser');
export const HAVE = existsSync(CHROMIUM);

export interface App {
  store: Store;
  server: Running;
  browser: Browser;
  dir: string;
  /** Errors thrown in any page, by account. */
  errors: string[];
}

/** A fresh demo store, the server on a free port with the built web app, and Chromium. */
export async function startApp(): Promise<App> {
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'metasift-browser-'));
  const store = await openStore({ file: join(dir, 'demo.sqlite') });
  await seedDemo(store, join(ROOT, 'demo/exports'));
  const server = await startServer(store, { port: 0, webRoot: join(ROOT, 'packages/web/dist') });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  return { store, server, browser, dir, errors: [] };
}

export async function stopApp(app: App | undefined): Promise<void> {
  await app?.browser.close();
  await app?.server.close();
  await app?.store.close();
  if (app?.dir) rmSync(app.dir, { recursive: true, force: true });
}

/** Logs a demo account in (reviewer1, reviewer2, owner) in a context of its own and opens the demo review. */
export async function login(app: App, who: string, opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  const context = await app.browser.newContext({ viewport: { width: 1366, height: 820 }, ...opts });
  const page = await context.newPage();
  page.on('pageerror', (e) => app.errors.push(`${who}: ${e.message}`));
  await page.goto(app.server.url);
  await page.getByLabel('Email').fill(`${who}@demo.metasift`);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: /Telehealth in palliative care/ }).click();
  return page;
}

export const shot = (p: Page, name: string) => p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

/** axe-core's WCAG 2 A/AA violations on the page as shown (a page opened with bypassCSP, for axe's script). */
export async function wcagViolations(page: Page, label: string): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  // the rules ran: many checks passed on each page
  if (result.passes.length <= 10) return [`${label}: only ${result.passes.length} checks ran`];
  return result.violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
