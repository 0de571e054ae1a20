// In-process run for bench/import/run.mjs: the CLI's own import function (from the built command bundle)
// reads a file record by record; prints records and the seconds spent parsing, module loading excluded.
import { performance } from 'node:perf_hooks';

const { importFile } = await import('../../packages/cli/dist/bundle/commands/import.mjs');
let n = 0;
const t0 = performance.now();
await importFile(process.argv[2], { progress: false }, () => n++);
console.log(JSON.stringify({ records: n, sec: (performance.now() - t0) / 1000 }));
