// Peer run for bench/import/run.mjs: citation-js parses a RIS file to CSL-JSON (all in memory); prints
// records and the seconds spent reading and parsing, module loading excluded.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';

const t0 = performance.now();
const text = readFileSync(process.argv[2], 'utf8');
const csl = plugins.input.chain(text, { generateGraph: false });
console.log(JSON.stringify({ records: csl.length, sec: (performance.now() - t0) / 1000 }));
