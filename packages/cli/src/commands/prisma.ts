/** `metasift prisma COUNTS.json --out prisma.svg`: the PRISMA 2020 flow diagram from counts. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MetasiftError, checkPrismaCounts, parsePrismaCounts, prismaDiagram } from '@metasift/core';
import { reportError } from '../errors.js';
import { writeFigure } from '../render.js';

export function registerPrisma(program: Command): void {
  program
    .command('prisma')
    .description('PRISMA 2020 flow diagram from a JSON file of counts (see README)')
    .argument('<counts>', 'JSON file')
    .requiredOption('--out <FILE>', 'output (.svg, .png or .pdf)')
    .option('--title <TEXT>', 'diagram title (accessible name)')
    .action(async (file: string, flags: { out: string; title?: string }) => {
      try {
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(file, 'utf8'));
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          throw new MetasiftError(err.code ? 'FILE_NOT_FOUND' : 'INVALID_JSON', `${file}: ${err.code ?? err.message}`);
        }
        const counts = parsePrismaCounts(raw);
        for (const w of checkPrismaCounts(counts)) process.stderr.write(`warning: ${w}\n`);
        await writeFigure(prismaDiagram(counts, flags.title), flags.out);
        process.stdout.write(`wrote ${flags.out}\n`);
      } catch (e) {
        process.exitCode = reportError(e, { file });
      }
    });
}
