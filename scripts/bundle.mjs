#!/usr/bin/env node
// Bundles the CLI into ES modules so `metasift` starts fast: loading @stdlib's many small files one by
// one costs ~190 ms; a bundle loads in a few milliseconds. The entry (commander and the command list) is
// one small bundle and each command another, loaded only when that command runs: `metasift import` does
// not compile the meta-analysis, figures and screening code (esbuild's code splitting put the whole
// core in one shared chunk, so each command is bundled on its own instead).
import { readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const outdir = 'packages/cli/dist/bundle';
rmSync(outdir, { recursive: true, force: true });

const commands = readdirSync('packages/cli/src/commands').filter((f) => f.endsWith('.ts'));

// main.ts loads `./commands/NAME.js`; in the bundle that is the command's own bundle, kept external
const commandBundles = {
  name: 'command-bundles',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[\w-]+\.js$/ }, (args) =>
      args.importer.endsWith('main.ts') ? { path: args.path.replace(/\.js$/, '.mjs'), external: true } : undefined,
    );
  },
};

// The BibTeX parser (with its LaTeX tables) is the largest part of the import and dedup bundles and
// sets up its tables when loaded; required from inside the function that uses it, esbuild wraps it in a
// lazy initialiser, so it is set up only when a BibTeX file is read (~0.1 s off every other import).
const lazyBibtex = {
  name: 'lazy-bibtex',
  setup(b) {
    b.onLoad({ filter: /[\\/]records[\\/]formats[\\/]bibtex\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "import { parse as parseBib } from '@retorquere/bibtex-parser';";
      if (!source.includes(eager)) throw new Error(`lazy-bibtex: ${args.path} no longer imports the parser as expected`);
      return { contents: source.replace(eager, "const parseBib = (...a) => require('lazy:bibtex-parser').parse(...a);"), loader: 'js', resolveDir: dirname(args.path) };
    });
    // an ES module re-exporting the parser, so that its ES build (not its CommonJS one) is bundled
    b.onResolve({ filter: /^lazy:bibtex-parser$/ }, (args) => ({ path: args.path, namespace: 'lazy-bibtex', pluginData: args.resolveDir }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-bibtex' }, (args) => ({ contents: "export { parse } from '@retorquere/bibtex-parser';", loader: 'js', resolveDir: args.pluginData }));
  },
};

await build({
  entryPoints: ['packages/cli/src/main.ts', ...commands.map((f) => `packages/cli/src/commands/${f}`)],
  outbase: 'packages/cli/src',
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [commandBundles, lazyBibtex],
  // native or data-file packages (and the store, with its native SQLite driver) stay in node_modules and
  // load at run time, only when a command needs them
  external: ['@resvg/resvg-js', 'pdfkit', 'svg-to-pdfkit', 'read-excel-file', '@metasift/store'],
  // commander and csv-parse call require() for Node built-ins; give each ES module a require
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
