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
  expect(await first.stop()).toBe(0);

  const second = await start();
  expect(second.out).not.toMatch(/Created the demo review/);
  expect(await second.stop()).toBe(0);
});
