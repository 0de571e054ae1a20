/**
 * Golden test: every case in shared/reference/metafor/cases.json (R metafor 3.8.1 on published data
 * sets) and in fixtures/metafor-extra/cases.json (R metafor on small synthetic data with zero cells,
 * text moderators, other levels, k = 2; regenerate with its generate.R) must agree within
 * |got − expected| ≤ 1e-6·|expected| + 1e-9. One loop, no per-case code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../src/read-table.js';
import { parseMetaArgs, runMeta } from '../src/commands/meta.js';
import { toJson } from '../src/json.js';
import { mismatches } from './compare.js';

const SHARED = join(import.meta.dirname, '../../../../shared/reference/metafor');
const EXTRA = join(import.meta.dirname, 'fixtures/metafor-extra');
interface Case {
  id: string;
  data: string;
  args: string[];
  expected: Record<string, unknown>;
}
const load = (dir: string) => (JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as { cases: Case[] }).cases.map((c) => ({ ...c, dir }));
const shared = load(SHARED);
const extra = load(EXTRA);

describe('metafor reference cases', () => {
  it('has the cases the contract promises', () => {
    expect(shared.length).toBeGreaterThanOrEqual(302);
    expect(extra.length).toBeGreaterThanOrEqual(72);
  });
  it.each([...shared, ...extra].map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const table = readTable(join(c.dir, c.data));
    // round-trip through JSON exactly as the CLI prints it
    const got: unknown = JSON.parse(toJson(runMeta(table, parseMetaArgs(c.args))));
    expect(mismatches(c.expected, got)).toEqual([]);
  });
});
