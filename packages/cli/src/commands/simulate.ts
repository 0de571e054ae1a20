/**
 * `metasift simulate DATA.csv --label COL [--seed S] [--json] [--plot out.svg]`: simulated screening of a
 * fully labelled set with the default (or a chosen) model; prints the order and WSS@95, RRF@10, ATD.
 */
import type { Command } from 'commander';
import { DEFAULT_SCREENING_CONFIG, SCREENING_CLASSIFIERS, SCREENING_FEATURES, SCREENING_QUERIES, SCREENING_CONFIG_V2, SCREENING_CONFIG_V3, needsWordVectors, MetasiftError, recallCurve, simulate, textColumn, hasColumn, type DataTable, type ScreeningConfig } from '@metasift/core';
import { loadWordVectors } from '@metasift/store';
import { readTable } from '../read-table.js';
import { reportError } from '../errors.js';
import { writeFigure } from '../render.js';
import { toJson } from '../json.js';

interface SimFlags {
  label: string;
  seed?: string;
  json?: boolean;
  plot?: string;
  classifier?: string;
  query?: string;
  features?: string;
  nearest?: string;
  stopping?: boolean;
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('simulate prioritised screening of a labelled CSV (title, abstract, label columns)')
    .argument('<data>', 'CSV with title and/or abstract columns and a 0/1 label column')
    .requiredOption('--label <COL>', 'the column with 1 for relevant, 0 for irrelevant')
    .option('--seed <S>', 'seed for the priors (one relevant, one irrelevant)', '0')
    .option('--classifier <C>', SCREENING_CLASSIFIERS.join(', '), DEFAULT_SCREENING_CONFIG.classifier)
    .option('--query <Q>', SCREENING_QUERIES.join(', '), DEFAULT_SCREENING_CONFIG.query)
    .option('--features <F>', `${SCREENING_FEATURES.join(', ')} (naive Bayes: tfidf only)`)
    .option('--nearest <W>', `weight of each record's similarity to its nearest relevant record (default ${DEFAULT_SCREENING_CONFIG.nearestWeight} with word embeddings; 0: none, version 3)`)
    .option('--stopping', 'also report where the stopping rule (95% recall, 95% confidence) fires')
    .option('--json', 'print {"order", "wss95", "rrf10", "atd", "asreview", "config"}')
    .option('--plot <FILE>', 'write the recall curve (.svg, .png or .pdf)')
    .action(async (data: string, flags: SimFlags) => {
      let table: DataTable | undefined;
      try {
        table = readTable(data);
        const seed = Number(flags.seed ?? '0');
        if (!Number.isInteger(seed)) throw new MetasiftError('INVALID_OPTION', `--seed must be a whole number, got "${flags.seed}"`, { field: 'seed' });
        if (!(SCREENING_CLASSIFIERS as readonly string[]).includes(flags.classifier ?? '')) throw new MetasiftError('INVALID_OPTION', `--classifier must be one of ${SCREENING_CLASSIFIERS.join(', ')}`, { field: 'classifier' });
        if (!(SCREENING_QUERIES as readonly string[]).includes(flags.query ?? '')) throw new MetasiftError('INVALID_OPTION', `--query must be one of ${SCREENING_QUERIES.join(', ')}`, { field: 'query' });
        if (flags.features !== undefined && !(SCREENING_FEATURES as readonly string[]).includes(flags.features)) throw new MetasiftError('INVALID_OPTION', `--features must be one of ${SCREENING_FEATURES.join(', ')}`, { field: 'features' });
        const t = table;
        const col = (names: string[]): string[] => {
          const c = names.find((n) => hasColumn(t, n));
          return c ? textColumn(t, c) : t.rows.map(() => '');
        };
        const titles = col(['title', 'Title', 'primary_title']);
        const abstracts = col(['abstract', 'Abstract', 'notes_abstract']);
        if (!titles.some(Boolean) && !abstracts.some(Boolean)) throw new MetasiftError('MISSING_COLUMN', `${data}: no title or abstract column with text (title, Title, primary_title; abstract, Abstract, notes_abstract)`, { field: 'title' });
        const labels = textColumn(t, flags.label, 'label').map((v, row) => {
          if (v === '1' || v === '0') return Number(v);
          throw new MetasiftError('INVALID_VALUE', `label must be 0 or 1, got "${v}"`, { row, field: flags.label });
        });
        if (new Set(labels).size < 2) {
          throw new MetasiftError('NEED_BOTH_LABELS', `${data}, column ${flags.label}: every label is ${labels[0]}; a simulation needs at least one relevant (1) and one irrelevant (0) record`, { field: flags.label });
        }
        const config = chooseConfig(flags);
        const vectors = needsWordVectors(config) ? await loadWordVectors(config.embeddings) : undefined;
        const res = simulate({ texts: titles.map((x, i) => `${x} ${abstracts[i]}`), labels, seed, config, ...(vectors && { vectors }), ...(flags.stopping ? { stopping: { recallTarget: 0.95, confidence: 0.95, patience: 50 } } : {}) });
        if (flags.plot) await writeFigure(recallCurve(res.order, labels, `Recall curve: ${data.split('/').pop()} (seed ${seed})`), flags.plot);
        if (flags.json) process.stdout.write(`${toJson({ order: res.order, wss95: res.wss95, rrf10: res.rrf10, atd: res.atd, asreview: res.asreview, config: res.config, seed, ...(res.stopping ? { stopping: res.stopping } : {}) })}\n`);
        else {
          process.stdout.write(`${labels.length} records, ${labels.filter((l) => l === 1).length} relevant; model ${JSON.stringify(res.config)}, seed ${seed}\n`);
          process.stdout.write(`WSS@95 ${res.wss95.toFixed(1)}%  RRF@10 ${res.rrf10.toFixed(1)}%  ATD ${res.atd.toFixed(1)}%\n`);
          const a = res.asreview;
          process.stdout.write(`as ASReview computes them (priors left out): WSS@95 ${a.wss95.toFixed(1)}%  RRF@10 ${a.rrf10.toFixed(1)}%  ATD ${a.atd.toFixed(1)}%\n`);
          if (res.stopping) process.stdout.write(`stopping rule fired after ${res.stopping.screened} records: recall ${(100 * res.stopping.recall).toFixed(1)}%, work saved ${(100 * res.stopping.workSaved).toFixed(1)}%\n  ${res.stopping.decision.explanation}\n`);
        }
      } catch (e) {
        process.exitCode = reportError(e, { file: data, ...(table && { table }) });
      }
    });
}

/**
 * The model a run asks for: the default (version 4: TF-IDF with word embeddings, nearest-relevant term)
 * with the classifier and query chosen; "--features tfidf" gives version 2's features, "--nearest 0"
 * version 3's model, another weight a variant that records it. Naive Bayes counts words, so it gets
 * TF-IDF alone unless embeddings are asked for by name (which is an error).
 */
function chooseConfig(flags: SimFlags): ScreeningConfig {
  const classifier = flags.classifier as ScreeningConfig['classifier'];
  const query = flags.query as ScreeningConfig['query'];
  const features = flags.features ?? (classifier === 'nb' ? 'tfidf' : DEFAULT_SCREENING_CONFIG.features);
  if (features === 'tfidf+embeddings' && classifier === 'nb') throw new MetasiftError('INVALID_OPTION', 'naive Bayes counts words and cannot use word embeddings: use --features tfidf', { field: 'features' });
  const nearest = flags.nearest === undefined ? undefined : Number(flags.nearest);
  if (nearest !== undefined && !(nearest >= 0 && nearest <= 10)) throw new MetasiftError('INVALID_OPTION', `--nearest must be a number from 0 to 10, got "${flags.nearest}"`, { field: 'nearest' });
  const base = features === 'tfidf' ? SCREENING_CONFIG_V2 : nearest === 0 ? SCREENING_CONFIG_V3 : DEFAULT_SCREENING_CONFIG;
  return { ...base, classifier, query, ...(nearest ? { nearestWeight: nearest } : {}) };
}
