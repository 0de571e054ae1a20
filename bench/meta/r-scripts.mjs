#!/usr/bin/env node
// Checks `metasift meta --r-script` end to end (a script, not a test: it takes minutes): for every
// reference case (../shared/reference/metafor and packages/cli/test/fixtures/metafor-extra) it writes the
// R script metasift would write, runs it with Rscript, and counts the scripts whose every check agrees
// with metafor. Prints each script that fails with what differed. Needs Rscript with metafor
// (Debian: r-cran-metafor).
//   node bench/meta/r-scripts.mjs [--jobs 2]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metaRScript } from '../../packages/core/dist/index.js';
import { readTable } from '../../packages/cli/dist/read-table.js';
import { parseMetaArgs, runMeta } from '../../packages/cli/dist/commands/meta.js';

const here = dirname(fileURLToPath(import.meta.url));
const jobsAt = process.argv.indexOf('--jobs');
const jobs = jobsAt > 0 ? Number(process.argv[jobsAt + 1]) : 2;
const dirs = [join(here, '../../../shared/reference/metafor'), join(here, '../../packages/cli/test/fixtures/metafor-extra')];
const cases = dirs.flatMap((dir) => JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')).cases.map((c) => ({ ...c, dir })));
const out = mkdtempSync(join(tmpdir(), 'metasift-r-scripts-'));

const run = (file) =>
  new Promise((resolve) => {
    const p = spawn('Rscript', [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    p.stdout.on('data', (d) => (text += d));
    p.stderr.on('data', (d) => (text += d));
    p.on('error', (e) => resolve({ status: -1, text: String(e) }));
    p.on('close', (status) => resolve({ status, text }));
  });

const t0 = performance.now();
let next = 0;
let passed = 0;
let checks = 0;
const failed = [];
async function worker() {
  while (next < cases.length) {
    const c = cases[next++];
    const flags = parseMetaArgs(c.args);
    const table = readTable(join(c.dir, c.data));
    const script = metaRScript(table, runMeta(table, flags), {
      ...(flags.subgroup && { subgroup: flags.subgroup }),
      ...(flags.mods && { mods: flags.mods.split(',') }),
      command: `metasift meta ${c.data} ${c.args.join(' ')}`,
    });
    const file = join(out, `${c.id}.R`);
    writeFileSync(file, script);
    const { status, text } = await run(file);
    const m = /(\d+) of (\d+) checks agree/.exec(text);
    if (m) checks += Number(m[2]);
    if (status === 0 && m && m[1] === m[2]) passed++;
    else failed.push(`${c.id} (exit ${status}): ${text.split('\n').filter((l) => /DIFFERS|Error|error/.test(l)).join(' | ') || text.slice(-400)}`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
for (const f of failed) console.log(`FAIL ${f}`);
console.log(`${passed} of ${cases.length} R scripts agree with metasift in every check (${checks} checks in all); ` +
  `${((performance.now() - t0) / 1000).toFixed(0)} s with ${jobs} jobs; scripts in ${out}`);
process.exitCode = failed.length ? 1 : 0;
