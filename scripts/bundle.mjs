#!/usr/bin/env node
// Bundles the CLI into one ES module so `metasift` starts fast: loading @stdlib's many small files
// one by one costs ~190 ms; the bundle loads in a few milliseconds.
import { build } from 'esbuild';

await build({
  entryPoints: ['packages/cli/src/main.ts'],
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'packages/cli/dist/metasift.bundle.mjs',
  logLevel: 'warning',
  // native or data-file packages (and the store, with its native SQLite driver) stay in node_modules and
  // load at run time, only when a command needs them
  external: ['@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit', 'read-excel-file', '@metasift/store'],
  // commander and csv-parse call require() for Node built-ins; give the ES module a require
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
