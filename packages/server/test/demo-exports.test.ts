import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseText } from '@metasift/core';
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

it('every demo export, read back by the importer, gives each record its authors as the source metadata has them', () => {
  interface Source { title: string; authors?: { family: string; given: string }[] }
  const sources = JSON.parse(readFileSync(join(root, '../shared/demo/records.json'), 'utf8')) as Source[];
  const byTitle = new Map(sources.map((r) => [r.title, r]));
  for (const f of readdirSync(join(root, 'demo/exports'))) {
    const { records, issues } = parseText(readFileSync(join(root, 'demo/exports', f), 'utf8'));
    expect(issues, f).toEqual([]);
    expect(records.length, f).toBeGreaterThan(50);
    for (const r of records) {
      const source = byTitle.get(r.title);
      expect(source, `${f}: ${r.title}`).toBeDefined();
      // family names stay family names: MEDLINE's "Hochstenbach LMJ" with its FAU "Hochstenbach, Laura MJ"
      expect(r.authors.map((a) => `${a.family} | ${a.given}`), `${f}: ${r.title}`).toEqual((source!.authors ?? []).map((a) => `${a.family} | ${a.given}`));
    }
  }
});
