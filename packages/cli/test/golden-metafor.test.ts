/**
 * Golden test: every case in shared/reference/metafor/cases.json (R metafor 3.8.1 on published data
 * sets) must agree within |got − expected| ≤ 1e-6·|expected| + 1e-9. One loop, no per-case code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../src/read-table.js';
import { parseMetaArgs, runMeta, toJson } from '../src/commands/meta.js';
import { mismatches } from './compare.js';

const REF = join(import.meta.dirname, '../../../../shared/reference/metafor');
interface Case {
  id: string;
  data: string;
  args: string[];
  expected: Record<string, unknown>;
}
const { cases } = JSON.parse(readFileSync(join(REF, 'cases.json'), 'utf8')) as { cases: Case[] };

describe('metafor reference cases', () => {
  it('has the cases the contract promises', () => {
    expect(cases.length).toBeGreaterThanOrEqual(302);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const table = readTable(join(REF, c.data));
    // round-trip through JSON exactly as the CLI prints it
    const got: unknown = JSON.parse(toJson(runMeta(table, parseMetaArgs(c.args))));
    expect(mismatches(c.expected, got)).toEqual([]);
  });
});
