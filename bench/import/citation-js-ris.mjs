// Peer run for bench/import/run.mjs: citation-js parses a RIS file to CSL-JSON (all in memory).
import { readFileSync } from 'node:fs';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';

const text = readFileSync(process.argv[2], 'utf8');
const csl = plugins.input.chain(text, { generateGraph: false });
console.log(csl.length);
