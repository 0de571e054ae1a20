/**
 * The databases a suite runs on: SQLite always; PostgreSQL when METASIFT_TEST_DATABASE_URL names a
 * database the tests may wipe (.ci/run starts one and sets it). Each suite gets a database of its own
 * (created beside that one), so suites running in parallel never wipe each other's tables.
 */
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/index.js';

export const PG_URL = process.env.METASIFT_TEST_DATABASE_URL;

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Opens a store; fresh (default) means empty. */
  open(dir: string, fresh?: boolean): Promise<Store>;
  /** What another process passes to openStore to reach the same store (after open has run once). */
  target(dir: string): { file: string } | { url: string };
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export function backends(suite: string): Backend[] {
  if (!/^[a-z_]+$/.test(suite)) throw new Error(`suite name ${suite}`);
  const list: Backend[] = [{ name: 'sqlite', open: (dir) => openStore({ file: join(dir, 'review.sqlite') }), target: (dir) => ({ file: join(dir, 'review.sqlite') }) }];
  if (PG_URL) {
    const base = new URL(PG_URL);
    const name = `${base.pathname.slice(1)}_${suite}`;
    const url = Object.assign(new URL(PG_URL), { pathname: `/${name}` }).toString();
    let created = false;
    list.push({
      name: 'postgres',
      open: async (_dir, fresh = true) => {
        if (!created) {
          const exists = await query(PG_URL, `SELECT 1 FROM pg_database WHERE datname = '${name}'`);
          if (!exists.rowCount) await query(PG_URL, `CREATE DATABASE ${name}`);
          created = true;
        }
        if (fresh) await query(url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        return openStore({ url });
      },
      target: () => ({ url }),
    });
  }
  return list;
}
