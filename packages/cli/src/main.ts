/** metasift command line: argv → core → stdout. */
import { Command, CommanderError } from 'commander';
import { registerDedup } from './commands/dedup.js';
import { registerImport } from './commands/import.js';
import { registerMeta } from './commands/meta.js';
import { registerPrisma } from './commands/prisma.js';
import { registerReview } from './commands/review.js';
import { registerRob } from './commands/rob.js';
import { registerSimulate } from './commands/simulate.js';
import { EXIT_BAD_INPUT } from './errors.js';

const program = new Command();
program
  .name('metasift')
  .description('Systematic reviews with meta-analysis: from database exports to a PRISMA 2020 report')
  .version('0.1.0')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'error[USAGE]: ')) })
  .exitOverride();

registerImport(program);
registerDedup(program);
registerMeta(program);
registerRob(program);
registerPrisma(program);
registerSimulate(program);
registerReview(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  } else {
    throw e;
  }
}
