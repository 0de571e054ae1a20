import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

it('the generator names the metadata file and what is wrong with it, and writes nothing', () => {
  // the script finds ../shared/demo beside the project it sits in: lay out a small copy
  const dir = mkdtempSync(join(tmpdir(), 'metasift-demo-bad-'));
  try {
    mkdirSync(join(dir, 'project/scripts'), { recursive: true });
    mkdirSync(join(dir, 'shared/demo'), { recursive: true });
    copyFileSync(join(root, 'scripts/make-demo-exports.mjs'), join(dir, 'project/scripts/make-demo-exports.mjs'));
    const file = join(dir, 'shared/demo/records.json');
    const out = join(dir, 'out');
    for (const [content, reason] of [
      ['{"title": "A"', /records\.json: .*JSON/],
      ['{"title": "A"}', /records\.json: expected a JSON array/],
      ['[{"title": "A", "authors": []}, {"authors": []}]', /records\.json: record 2: needs a "title"/],
    ] as const) {
      writeFileSync(file, content);
      const r = spawnSync(process.execPath, [join(dir, 'project/scripts/make-demo-exports.mjs'), out], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
