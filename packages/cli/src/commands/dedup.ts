/**
 * `metasift dedup FILE... [--json] [--out merged.jsonl] [--pairs uncertain.csv]`: deduplicates records
 * from any files `metasift import` reads; prints the groups merged and the pairs left for a person.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { MetasiftError, deduplicate, mergeGroup, type BibRecord } from '@metasift/core';
import { reportError } from '../errors.js';
import { importFile } from './import.js';
import { toJson } from '../json.js';

interface DedupFlags {
  json?: boolean;
  out?: string;
  pairs?: string;
  database?: string;
  mergeAbstracts?: boolean;
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function registerDedup(program: Command): void {
  program
    .command('dedup')
    .description('find duplicate records across database exports (anything `metasift import` reads)')
    .argument('<files...>', 'export files')
    .option('--json', 'print {"records", "groups", "uncertain"}')
    .option('--out <FILE>', 'write the merged records (one per line, with their sources)')
    .option('--pairs <FILE>', 'write the uncertain pairs as CSV for a person to decide')
    .option('--merge-abstracts', 'allow a conference abstract to merge with a journal article (kept apart by default)')
    .action(async (files: string[], flags: DedupFlags) => {
      try {
        const records: BibRecord[] = [];
        const perFile: { file: string; records: number; database: string[] }[] = [];
        for (const file of files) {
          const before = records.length;
          const fileRecords: BibRecord[] = [];
          await importFile(file, { progress: false }, (r) => fileRecords.push(r));
          records.push(...fileRecords);
          perFile.push({ file, records: records.length - before, database: [...new Set(fileRecords.map((r) => r.database).filter(Boolean))] });
        }
        // ids must be unique across files: prefix only the ones that collide, with the file name
        const seen = new Map<string, number>();
        records.forEach((r) => seen.set(r.id, (seen.get(r.id) ?? 0) + 1));
        let fileIdx = 0;
        let inFile = 0;
        for (const r of records) {
          while (inFile >= perFile[fileIdx]!.records) {
            fileIdx++;
            inFile = 0;
          }
          if ((seen.get(r.id) ?? 0) > 1) r.id = `${basename(files[fileIdx]!)}:${r.id}`;
          inFile++;
        }
        if (records.length === 0) throw new MetasiftError('NO_RECORDS', 'no records to deduplicate');
        const result = deduplicate(records, { keepAbstractsApart: !flags.mergeAbstracts });
        if (flags.out) {
          const byCluster = new Map<number, BibRecord[]>();
          records.forEach((r, i) => {
            const c = result.clusterOf[i]!;
            const list = byCluster.get(c);
            if (list) list.push(r);
            else byCluster.set(c, [r]);
          });
          writeFileSync(flags.out, [...byCluster.values()].map((g) => JSON.stringify(mergeGroup(g))).join('\n') + '\n');
        }
        if (flags.pairs) {
          const byId = new Map(records.map((r) => [r.id, r]));
          const rows = ['id_a,id_b,score,title_a,title_b,year_a,year_b,doi_a,doi_b,database_a,database_b'];
          for (const [a, b, s] of result.uncertain) {
            const ra = byId.get(a)!;
            const rb = byId.get(b)!;
            rows.push([a, b, String(s), ra.title, rb.title, String(ra.year ?? ''), String(rb.year ?? ''), ra.doi, rb.doi, ra.database, rb.database].map(csvCell).join(','));
          }
          writeFileSync(flags.pairs, rows.join('\n') + '\n');
        }
        if (flags.json) {
          process.stdout.write(`${toJson({ records: result.records, groups: result.groups, uncertain: result.uncertain, unique: result.unique, duplicates_removed: result.duplicatesRemoved, by_database: result.byDatabase })}\n`);
        } else {
          for (const f of perFile) process.stdout.write(`${f.file}: ${f.records} records${f.database.length ? ` (${f.database.join(', ')})` : ''}\n`);
          process.stdout.write(`${result.records} records → ${result.unique} unique; ${result.duplicatesRemoved} duplicates removed in ${result.groups.length} groups; ${result.uncertain.length} uncertain pairs for a person to decide\n`);
        }
      } catch (e) {
        process.exitCode = reportError(e);
      }
    });
}
