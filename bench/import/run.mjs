#!/usr/bin/env node
// Import benchmark (a script, not a test): generates MEDLINE and RIS files of 10,000 and 100,000
// records and times metasift on each two ways: the whole `metasift import` process (start-up included;
// MB/s, records/s, peak RSS) and the parse alone (the CLI's import function in a child process, module
// loading excluded). citation-js (@citation-js/core + @citation-js/plugin-ris, RIS → CSL-JSON) runs on
// the same RIS input both ways too, and the ratios are printed.
//   node bench/import/run.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'packages/cli/bin/metasift.js');
const quick = process.argv.includes('--quick');
const tmp = mkdtempSync(join(tmpdir(), 'metasift-import-bench-'));
const sizes = quick ? [10_000] : [10_000, 100_000];

// deterministic pseudo-random words so files compress like real text, not like repeats
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const WORDS = 'patients palliative care telehealth cancer advanced quality life symptom burden depression randomised trial video telephone intervention outcome hospital nurse specialist home follow weeks scores anxiety caregivers feasibility pilot survival mortality consultation remote monitoring'.split(' ');
const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
const name = () => `${words(1)[0].toUpperCase()}${words(1).slice(1)}`;

async function generate(kind, k) {
  const file = join(tmp, `${kind}-${k}.${kind === 'ris' ? 'ris' : 'nbib'}`);
  const out = createWriteStream(file);
  for (let i = 0; i < k; i++) {
    const authors = Array.from({ length: 6 }, () => [name(), 'J']);
    const title = `${words(14)}.`;
    const abs = `BACKGROUND: ${words(60)}. METHODS: ${words(80)}. RESULTS: ${words(80)}. CONCLUSIONS: ${words(40)}.`;
    let rec;
    if (kind === 'ris') {
      rec = ['TY  - JOUR', `TI  - ${title}`, ...authors.map(([f, g]) => `AU  - ${f}, ${g}`), `PY  - ${2000 + (i % 25)}`, `T2  - Journal of ${words(3)}`, `VL  - ${i % 60}`, `IS  - ${i % 12}`, `SP  - ${i % 900}`, `EP  - ${(i % 900) + 9}`, `DO  - 10.1000/bench.${i}`, `AB  - ${abs}`, ...Array.from({ length: 8 }, () => `KW  - ${words(2)}`), `UR  - https://example.org/${i}`, 'ER  - ', ''].join('\r\n');
    } else {
      const wrap = (tag, v) => {
        const lines = [];
        for (let j = 0; j < v.length; j += 82) lines.push(v.slice(j, j + 82));
        return `${tag.padEnd(4)}- ${lines.join('\n      ')}`;
      };
      rec = [`PMID- ${10_000_000 + i}`, 'OWN - NLM', 'STAT- MEDLINE', wrap('TI', title), wrap('AB', abs), ...authors.flatMap(([f, g]) => [`FAU - ${f}, ${g}`, `AU  - ${f} ${g}`]), 'LA  - eng', `DP  - ${2000 + (i % 25)} Mar`, `JT  - Journal of ${words(3)}`, 'TA  - J Bench', `VI  - ${i % 60}`, `IP  - ${i % 12}`, `PG  - ${i % 900}-${(i % 900) + 9}`, `LID - 10.1000/bench.${i} [doi]`, ...Array.from({ length: 10 }, () => `MH  - ${words(2)}`), 'PT  - Journal Article', '', ''].join('\n');
    }
    if (!out.write(rec)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return file;
}

function timed(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = r.stderr.trim().split('\n').pop();
  const [sec, kb] = last.split(' ').map(Number);
  return { sec, mb: kb / 1024, stdout: r.stdout, ok: r.status === 0, stderr: r.stderr };
}

const citationScript = join(root, 'bench/import/citation-js-ris.mjs');
const inProcessScript = join(root, 'bench/import/metasift-inprocess.mjs');

/** A child process that prints {records, sec} for its parse alone, with the process's time and peak RSS. */
function parseOnly(script, file) {
  const r = timed(process.execPath, [script, file]);
  const inner = r.ok ? JSON.parse(r.stdout.trim().split('\n').pop()) : { records: NaN, sec: NaN };
  return { ...r, n: inner.records, parseSec: inner.sec };
}

const rows = [];
for (const k of sizes) {
  for (const kind of ['medline', 'ris']) {
    const file = await generate(kind, k);
    const size = statSync(file).size / 1e6;
    const ours = timed(process.execPath, [bin, 'import', file, '--json', '--no-progress']);
    const n = ours.ok ? JSON.parse(ours.stdout).records : NaN;
    const parse = parseOnly(inProcessScript, file);
    const row = { kind, k, size, sec: ours.sec, mbps: size / ours.sec, rps: n / ours.sec, rss: ours.mb, n, parseSec: parse.parseSec };
    if (kind === 'ris') {
      const peer = parseOnly(citationScript, file);
      row.peer = { sec: peer.sec, mbps: size / peer.sec, rss: peer.mb, n: peer.n, parseSec: peer.parseSec };
    }
    rows.push(row);
  }
}

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log(`metasift import benchmark — node ${process.version}; records parsed and normalised\n`);
console.log('Whole process (start-up included; metasift streams, citation-js reads the file whole)');
console.log('format   records   file MB | metasift: time s   MB/s   records/s   peak RSS MB | citation-js: time s   MB/s   RSS MB | ratio (speed)');
for (const r of rows) {
  const p = r.peer ? `| ${f(r.peer.sec, 2).padStart(17)}   ${f(r.peer.mbps).padStart(5)}   ${f(r.peer.rss, 0).padStart(6)} | ${f(r.peer.sec / r.sec)}×` : '|';
  console.log(`${r.kind.padEnd(8)} ${String(r.n).padStart(8)}   ${f(r.size).padStart(7)} | ${f(r.sec, 2).padStart(14)}   ${f(r.mbps).padStart(5)}   ${f(r.rps, 0).padStart(9)}   ${f(r.rss, 0).padStart(11)} ${p}`);
}
console.log('\nParse alone (module loading excluded)');
console.log('format   records   file MB | metasift: s   MB/s | citation-js: s   MB/s | ratio (speed)');
for (const r of rows) {
  const p = r.peer ? `| ${f(r.peer.parseSec, 2).padStart(14)}   ${f(r.size / r.peer.parseSec).padStart(5)} | ${f(r.peer.parseSec / r.parseSec)}×` : '|';
  console.log(`${r.kind.padEnd(8)} ${String(r.n).padStart(8)}   ${f(r.size).padStart(7)} | ${f(r.parseSec, 2).padStart(11)}   ${f(r.size / r.parseSec).padStart(5)} ${p}`);
}
// BibTeX goes through a LaTeX parser (@retorquere/bibtex-parser) and is far slower: a real export
const zotero = join(root, '../shared/fixtures/formats/bibtex/asysd__zotero_export.bib');
if (existsSync(zotero)) {
  const size = statSync(zotero).size / 1e6;
  const p = parseOnly(inProcessScript, zotero);
  console.log(`\nBibTeX (a 1,000-record Zotero export, ${f(size, 2)} MB, from ../shared): parse alone ${f(p.parseSec, 2)} s = ${f(size / p.parseSec, 2)} MB/s, ${f(p.n / p.parseSec, 0)} records/s`);
}
const ris = rows.filter((r) => r.kind === 'ris');
if (ris.length > 1) console.log(`\nmemory: RIS peak RSS ${f(ris[0].rss, 0)} MB at ${ris[0].k} records, ${f(ris[1].rss, 0)} MB at ${ris[1].k} (flat = streaming)`);
