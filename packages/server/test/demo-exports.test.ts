import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

it('the committed demo exports are what scripts/make-demo-exports.mjs builds from ../shared/demo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'metasift-demo-'));
  try {
    const summary = execFileSync(process.execPath, [join(root, 'scripts/make-demo-exports.mjs'), dir], { encoding: 'utf8' });
    expect(summary).toMatch(/MEDLINE 165, Embase 164, CENTRAL 69/);
    const files = readdirSync(join(root, 'demo/exports')).sort();
    expect(readdirSync(dir).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(root, 'demo/exports', f), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
