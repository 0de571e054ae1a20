// The server side of bench/server/load.mjs, in its own process so the load generator does not share its CPU.
import { openStore } from '@metasift/store';
import { startServer } from '@metasift/server';

const target = process.argv[2];
const store = await openStore(target.startsWith('postgres') ? { url: target } : { file: target });
const running = await startServer(store, { port: 0 });
process.stdout.write(`${running.url}\n`);
process.on('SIGTERM', () => running.close().then(() => store.close()).then(() => process.exit(0)));
