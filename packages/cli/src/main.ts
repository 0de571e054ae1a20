/** metasift command line: argv → core → stdout. */
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT } from './errors.js';
import { VERSION } from './version.js';

type Register = (program: Command) => void;

/**
 * Each command's module is loaded only when that command runs (the bundle splits per command), so
 * `metasift import` does not compile the meta-analysis, figures and screening code; help, unknown
 * commands and suggestions load them all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  import: async () => (await import('./commands/import.js')).registerImport,
  dedup: async () => (await import('./commands/dedup.js')).registerDedup,
  meta: async () => (await import('./commands/meta.js')).registerMeta,
  rob: async () => (await import('./commands/rob.js')).registerRob,
  prisma: async () => (await import('./commands/prisma.js')).registerPrisma,
  simulate: async () => (await import('./commands/simulate.js')).registerSimulate,
  review: async () => (await import('./commands/review.js')).registerReview,
};

const program = new Command();
program
  .name('metasift')
  .description('Systematic reviews with meta-analysis: from database exports to a PRISMA 2020 report')
  .version(VERSION)
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'error[USAGE]: ')) })
  .exitOverride();

const asked = process.argv[2] ?? '';
const wanted = Object.hasOwn(COMMANDS, asked) ? [asked] : asked === '--version' || asked === '-V' ? [] : Object.keys(COMMANDS);
for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]!()))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  } else {
    throw e;
  }
}
