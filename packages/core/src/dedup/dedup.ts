/**
 * Deduplication across databases: blocking keys so that cost grows near-linearly, pairwise decisions
 * (decide.ts), clusters by union–find that refuses to join clusters with conflicting DOIs or PMIDs,
 * and a merged view that keeps every source record. Human decisions (merge / keep apart) are applied
 * first and never re-decided, which is also how a later search update is deduplicated incrementally.
 */
import type { BibRecord } from '../records/record.js';
import { decidePair, type DedupOptions } from './decide.js';
import { dedupKeys, type DedupKeys } from './normalise.js';

export interface HumanDecision {
  readonly a: string;
  readonly b: string;
  readonly verdict: 'merge' | 'keep-apart';
}

export interface DedupResult {
  readonly records: number;
  /** Ids of the records merged as one work (groups of two or more). */
  readonly groups: string[][];
  /** Pairs for a person to decide: [id, id, score]. */
  readonly uncertain: [string, string, number][];
  /** Cluster index of each input record. */
  readonly clusterOf: number[];
  readonly unique: number;
  readonly duplicatesRemoved: number;
  /** Records identified per source database (PRISMA 2020 "records identified from"). */
  readonly byDatabase: Record<string, number>;
}

/** Blocks larger than this are not expanded into pairs (a title such as "Reply" shared by 10,000 records). */
const MAX_BLOCK = 60;
const STOP = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'and', 'for', 'to', 'with', 'by', 'at', 'from', 'is', 'are', 'as', 'or', 'its', 'their', 'effect', 'effects', 'study']);

function blockKeys(k: DedupKeys): string[] {
  const keys: string[] = [];
  if (k.doi) keys.push(`d:${k.doi}`);
  if (k.pmid) keys.push(`p:${k.pmid}`);
  if (k.titleWords.length >= 3) {
    keys.push(`t:${k.title.slice(0, 40)}`);
    const content = k.titleWords.filter((w) => !STOP.has(w) && w.length > 2);
    if (content.length >= 3) keys.push(`w:${content.slice(0, 3).join(' ')}`);
    if (content.length >= 4) keys.push(`s:${[...content].sort((x, y) => y.length - x.length || (x < y ? -1 : 1)).slice(0, 4).sort().join(' ')}`);
    if (content.length >= 3) keys.push(`e:${content.slice(-3).join(' ')}`);
  }
  if (k.authors[0] && k.year !== null) keys.push(`y:${k.authors[0]}|${k.year}`);
  if (k.authors[0] && k.year !== null && k.firstPage) keys.push(`a:${k.authors[0]}|${k.year}|${k.firstPage}`);
  if (k.journal && k.volume && k.firstPage) keys.push(`j:${k.journal.split(' ')[0]}|${k.volume}|${k.firstPage}`);
  return keys;
}

class UnionFind {
  readonly parent: Int32Array;
  readonly dois: Map<number, Set<string>> = new Map();
  readonly pmids: Map<number, Set<string>> = new Map();
  /** Per cluster root, the records a person said must stay apart from some member of the cluster. */
  readonly apartOf: Map<number, number[]> = new Map();
  constructor(keys: readonly DedupKeys[]) {
    this.parent = new Int32Array(keys.length).map((_, i) => i);
    keys.forEach((k, i) => {
      if (k.doi) this.dois.set(i, new Set([k.doi]));
      if (k.pmid) this.pmids.set(i, new Set([k.pmid]));
    });
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  /** Records a person's "keep apart" verdict between the clusters of a and b. */
  keepApart(a: number, b: number): void {
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const r = this.find(x);
      const list = this.apartOf.get(r);
      if (list) list.push(y);
      else this.apartOf.set(r, [y]);
    }
  }
  /** Whether a "keep apart" verdict stands between the clusters of a and b (the shorter list is scanned). */
  separated(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    const la = this.apartOf.get(ra);
    const lb = this.apartOf.get(rb);
    if (!la || !lb) return false;
    const [list, other] = la.length <= lb.length ? [la, rb] : [lb, ra];
    return list.some((p) => this.find(p) === other);
  }
  /** Joins the clusters unless their identifiers conflict; returns false when refused. */
  union(a: number, b: number, force = false): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return true;
    if (!force && (conflict(this.dois.get(ra), this.dois.get(rb)) || conflict(this.pmids.get(ra), this.pmids.get(rb)))) return false;
    this.parent[rb] = ra;
    const apartB = this.apartOf.get(rb);
    if (apartB) {
      const apartA = this.apartOf.get(ra);
      if (apartA) apartA.push(...apartB);
      else this.apartOf.set(ra, apartB);
      this.apartOf.delete(rb);
    }
    for (const m of [this.dois, this.pmids]) {
      const s = m.get(rb);
      if (s) {
        const t = m.get(ra) ?? new Set<string>();
        s.forEach((x) => t.add(x));
        m.set(ra, t);
      }
    }
    return true;
  }
}

function conflict(a: Set<string> | undefined, b: Set<string> | undefined): boolean {
  if (!a || !b) return false;
  for (const x of a) if (b.has(x)) return false;
  return true;
}

export function deduplicate(records: readonly BibRecord[], options: DedupOptions & { decisions?: readonly HumanDecision[] } = {}): DedupResult {
  const keys = records.map((r, i) => dedupKeys(r, i));
  const index = new Map(records.map((r, i) => [r.id, i]));
  const apart = new Set<string>();
  const pairKey = (i: number, j: number): string => (i < j ? `${i},${j}` : `${j},${i}`);
  const uf = new UnionFind(keys);
  for (const d of options.decisions ?? []) {
    const i = index.get(d.a);
    const j = index.get(d.b);
    if (i === undefined || j === undefined) continue;
    if (d.verdict === 'keep-apart') {
      apart.add(pairKey(i, j));
      uf.keepApart(i, j);
    } else uf.union(i, j, true);
  }
  // candidate pairs from blocks
  const blocks = new Map<string, number[]>();
  keys.forEach((k, i) => {
    for (const b of blockKeys(k)) {
      const list = blocks.get(b);
      if (list) list.push(i);
      else blocks.set(b, [i]);
    }
  });
  const seen = new Set<string>();
  const dupPairs: [number, number, number][] = [];
  const uncertain: [string, string, number][] = [];
  for (const members of blocks.values()) {
    if (members.length < 2) continue;
    // an identifier shared by more records than any work has copies is not a work's identifier (a
    // journal's or a supplement's DOI on every record): like a common title, it is not expanded
    if (members.length > MAX_BLOCK) continue;
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) {
        const i = members[x]!;
        const j = members[y]!;
        const pk = pairKey(i, j);
        if (seen.has(pk)) continue;
        seen.add(pk);
        if (apart.has(pk)) continue;
        const d = decidePair(keys[i]!, keys[j]!, options);
        if (d.verdict === 'duplicate') dupPairs.push([i, j, d.score]);
        else if (d.verdict === 'uncertain') uncertain.push([records[i]!.id, records[j]!.id, Math.round(d.score * 1000) / 1000]);
      }
  }
  // strongest evidence first, so that a refused union blocks the weaker link, not the stronger
  dupPairs.sort((p, q) => q[2] - p[2]);
  for (const [i, j, s] of dupPairs) {
    if (uf.separated(i, j)) continue;
    if (!uf.union(i, j)) uncertain.push([records[i]!.id, records[j]!.id, Math.round(s * 1000) / 1000]);
  }
  const roots = new Map<number, number[]>();
  keys.forEach((_, i) => {
    const r = uf.find(i);
    const list = roots.get(r);
    if (list) list.push(i);
    else roots.set(r, [i]);
  });
  const clusterOf = new Array<number>(records.length);
  let c = 0;
  const groups: string[][] = [];
  for (const members of roots.values()) {
    for (const m of members) clusterOf[m] = c;
    if (members.length > 1) groups.push(members.map((m) => records[m]!.id));
    c++;
  }
  const resolved = uncertain.filter(([a, b]) => clusterOf[index.get(a)!] !== clusterOf[index.get(b)!]);
  const byDatabase: Record<string, number> = {};
  for (const r of records) byDatabase[r.database || 'unknown'] = (byDatabase[r.database || 'unknown'] ?? 0) + 1;
  return { records: records.length, groups, uncertain: resolved, clusterOf, unique: c, duplicatesRemoved: records.length - c, byDatabase };
}
