// Shared by the server benches: their flags, and the store they run on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A numeric flag (`--name N`), or its default. */
export function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

/**
 * Where the bench's store lives: PostgreSQL when DATABASE_URL is set (its public schema is wiped first),
 * else a SQLite file in a new temporary folder; `target` is what openStore takes, `dir` the folder to remove.
 */
export async function benchTarget(name) {
  const url = process.env.DATABASE_URL;
  const dir = mkdtempSync(join(tmpdir(), `metasift-${name}-`));
  if (url) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await c.end();
  }
  return { url, dir, target: url ? { url } : { file: join(dir, `${name}.sqlite`) } };
}
