import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'metasift-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm start`'s script on a fresh database and a free port until it prints its URL. */
function start(): Promise<{ url: string; out: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { env: { ...process.env, PORT: '0', METASIFT_DB: join(dir, 'demo.sqlite'), DATABASE_URL: '' } });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 30 s: ${out}`)), 30_000);
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m && /API:/.test(out)) {
        clearTimeout(timer);
        resolve({ url: m[1]!, out, stop: () => new Promise((res) => { child.once('exit', (code) => res(code)); child.kill('SIGTERM'); }) });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

it('npm start creates the demo review once, serves it and stops cleanly', async () => {
  const first = await start();
  expect(first.out).toMatch(/Created the demo review/);
  expect(first.out).toMatch(/owner@demo\.metasift \(owner\)/);
  const login = await fetch(`${first.url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'reviewer1@demo.metasift', password: 'metasift-demo' }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const reviews = (await (await fetch(`${first.url}api/reviews`, { headers: { cookie } })).json()) as { id: number; role: string }[];
  expect(reviews).toHaveLength(1);
  expect(reviews[0]!.role).toBe('reviewer');
  const page = (await (await fetch(`${first.url}api/reviews/${reviews[0]!.id}/records?limit=1`, { headers: { cookie } })).json()) as { total: number };
  expect(page.total).toBe(398); // 165 MEDLINE + 164 Embase + 69 CENTRAL, before deduplication
  // deduplicated on first start: the unique records are the ones screened
  const unique = (await (await fetch(`${first.url}api/reviews/${reviews[0]!.id}/records?limit=1&status=unique`, { headers: { cookie } })).json()) as { total: number };
  expect(unique.total).toBeGreaterThan(200);
  expect(unique.total).toBeLessThan(398);
  // the web app is served at the root, under a strict Content-Security-Policy, and any app path gets it too
  const home = await fetch(first.url);
  const html = await home.text();
  expect(html).toMatch(/<div id="root">/);
  expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js">/);
  expect(home.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  const js = await fetch(new URL(asset, first.url));
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  expect(await (await fetch(`${first.url}reviews/1/screen`)).text()).toBe(html);
  expect(await first.stop()).toBe(0);

  const second = await start();
  expect(second.out).not.toMatch(/Created the demo review/);
  expect(await second.stop()).toBe(0);
});
