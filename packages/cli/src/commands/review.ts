/**
 * `metasift review export DIR` / `metasift review import DIR`: a whole review as a folder of plain JSON
 * files (review.json + one .jsonl per table) that can be diffed and versioned.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXIT_BAD_INPUT, reportError } from '../errors.js';

interface DbFlags {
  db?: string;
}

async function open(flags: DbFlags) {
  const { openStore } = await import('@metasift/store');
  const url = process.env.DATABASE_URL;
  return openStore(url ? { url } : { file: flags.db ?? 'data/metasift.sqlite' });
}

/** Store errors (bad folder, unknown review) are the user's to fix: code and message, exit 2. */
function fail(e: unknown): number {
  if (e instanceof Error && e.name === 'StoreError' && 'code' in e) {
    process.stderr.write(`error[${String(e.code)}]: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  return reportError(e);
}

export function registerReview(program: Command): void {
  const review = program.command('review').description('a whole review as a folder of plain files (export, import)');
  review
    .command('export')
    .description('write a review as review.json + one .jsonl file per table')
    .argument('<dir>', 'folder to write (created if missing)')
    .option('--db <FILE>', 'SQLite store (default data/metasift.sqlite; DATABASE_URL selects PostgreSQL)')
    .option('--review <ID>', 'review id (default: the only review in the store)')
    .action(async (dir: string, flags: DbFlags & { review?: string }) => {
      try {
        const store = await open(flags);
        try {
          const { exportReview, StoreError } = await import('@metasift/store');
          let id = flags.review === undefined ? undefined : Number(flags.review);
          if (id === undefined) {
            const all = await store.db.selectFrom('reviews').select('id').execute();
            if (all.length !== 1) throw new StoreError('INVALID', `the store holds ${all.length} reviews; choose one with --review ID`);
            id = all[0]!.id;
          }
          if (!Number.isInteger(id) || id <= 0) throw new StoreError('INVALID', `--review: "${flags.review}" is not a review id`);
          const files = await exportReview(store, id);
          mkdirSync(dir, { recursive: true });
          for (const [name, text] of files) writeFileSync(join(dir, name), text);
          process.stdout.write(`wrote review ${id} to ${dir} (${files.size} files)\n`);
        } finally {
          await store.close();
        }
      } catch (e) {
        process.exitCode = fail(e);
      }
    });
  review
    .command('import')
    .description('read a review folder written by `review export` into the store as a new review')
    .argument('<dir>', 'folder to read')
    .option('--db <FILE>', 'SQLite store (default data/metasift.sqlite; DATABASE_URL selects PostgreSQL)')
    .action(async (dir: string, flags: DbFlags) => {
      try {
        let names: string[];
        try {
          names = readdirSync(dir).filter((n) => n.endsWith('.json') || n.endsWith('.jsonl'));
        } catch (e) {
          const { StoreError } = await import('@metasift/store');
          throw new StoreError('NOT_FOUND', `${dir}: ${(e as NodeJS.ErrnoException).code ?? 'cannot read'}`);
        }
        const files = new Map(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
        const store = await open(flags);
        try {
          const { importReview } = await import('@metasift/store');
          const id = await importReview(store, files);
          process.stdout.write(`imported ${dir} as review ${id}\n`);
        } finally {
          await store.close();
        }
      } catch (e) {
        process.exitCode = fail(e);
      }
    });
}
