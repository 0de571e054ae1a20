#!/usr/bin/env node
// `npm start`: until the web app lands, run the CLI's most useful command — a random-effects
// meta-analysis — on the BCG vaccine trials (Colditz et al. 1994) from the shared metafor reference data.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'packages/cli/bin/metasift.js');
const data = join(root, '../shared/reference/metafor/bcg.csv');
if (!existsSync(data)) {
  console.log('metasift is installed. Try: npx metasift meta DATA.csv --measure OR --method REML');
  spawnSync(process.execPath, [cli, '--help'], { stdio: 'inherit' });
} else {
  console.log(`$ npx metasift meta ${data} --measure RR --method REML\n`);
  const r = spawnSync(process.execPath, [cli, 'meta', data, '--measure', 'RR', '--method', 'REML'], { stdio: 'inherit' });
  process.exitCode = r.status ?? 1;
}
