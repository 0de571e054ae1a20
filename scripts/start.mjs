#!/usr/bin/env node
// `npm start`: the review server on the embedded database (./data/metasift.sqlite, or PostgreSQL when
// DATABASE_URL is set), serving the web app. On first start it creates the demo review and its accounts.
// Prints the URL and the demo logins.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, redactUrl } from '@metasift/store';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo, startServer } from '@metasift/server';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const url = process.env.DATABASE_URL;
const file = process.env.METASIFT_DB ?? join(root, 'data/metasift.sqlite');
const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);

try {
  const store = await openStore(url ? { url } : { file });
  const created = await seedDemo(store, join(root, 'demo/exports'));
  const running = await startServer(store, { port, webRoot: join(root, 'packages/web/dist') });
  // the handlers go in before the URL is printed: whoever reads it may stop the server at once, and a
  // SIGTERM that arrives before them would end the process without closing the database
  const stop = () => running.close().then(() => store.close()).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`metasift is running at ${running.url} (database: ${url ? redactUrl(url) : file})`);
  if (created) console.log('Created the demo review "Telehealth in palliative care for advanced cancer" from demo/exports/.');
  console.log(`Logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => `${u.email} (${u.role})`).join(', ')}`);
  console.log(`Open ${running.url} in a browser and log in. API: ${running.url}api/openapi.json · CLI: npx metasift --help`);
} catch (e) {
  console.error(`metasift: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
