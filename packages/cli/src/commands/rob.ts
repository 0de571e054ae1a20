/** `metasift rob ROB.csv --tool rob2 --traffic out.svg --summary out.png`: robvis-style figures. */
import type { Command } from 'commander';
import { MetasiftError, ROB_TOOLS, robFromTable, robSummary, robTrafficLight, type DataTable } from '@metasift/core';
import { readTable } from '../read-table.js';
import { reportError } from '../errors.js';
import { renderFigure } from '../render.js';
import { writeOutputs, type Output } from '../outputs.js';

interface RobFlags {
  tool: string;
  traffic?: string;
  summary?: string;
  weighted?: boolean;
}

export function registerRob(program: Command): void {
  program
    .command('rob')
    .description('risk-of-bias traffic-light and summary plots from a table (Study, D1…Dn, Overall[, Weight])')
    .argument('<data>', 'CSV or TSV with one row per study')
    .option('--tool <T>', `${Object.keys(ROB_TOOLS).join(', ')} or custom (domains named by the columns)`, 'rob2')
    .option('--traffic <FILE>', 'write the traffic-light plot (.svg, .png or .pdf)')
    .option('--summary <FILE>', 'write the summary bar plot (.svg, .png or .pdf)')
    .option('--weighted', 'weight the summary plot by the Weight column')
    .action(async (data: string, flags: RobFlags) => {
      let table: DataTable | undefined;
      try {
        table = readTable(data);
        const rob = robFromTable(table, flags.tool.toLowerCase());
        if (!flags.traffic && !flags.summary) throw new MetasiftError('NO_OUTPUT', 'name an output with --traffic FILE and/or --summary FILE');
        if (flags.weighted && rob.studies.some((s) => s.weight === undefined))
          throw new MetasiftError('MISSING_COLUMN', '--weighted needs a Weight column with a value for every study', { field: 'Weight' });
        // both figures are made first, then written together or not at all
        const outputs: Output[] = [];
        if (flags.traffic) outputs.push({ file: flags.traffic, data: await renderFigure(robTrafficLight(rob), flags.traffic, 'traffic'), flag: 'traffic' });
        if (flags.summary) outputs.push({ file: flags.summary, data: await renderFigure(robSummary(rob, !!flags.weighted), flags.summary, 'summary'), flag: 'summary' });
        writeOutputs(outputs);
        process.stdout.write(`${rob.studies.length} ${rob.studies.length === 1 ? 'study' : 'studies'}, ${rob.domains.length} domains (${rob.tool})\n`);
      } catch (e) {
        process.exitCode = reportError(e, { file: data, ...(table && { table }) });
      }
    });
}
