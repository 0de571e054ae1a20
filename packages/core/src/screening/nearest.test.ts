import { describe, expect, it } from 'vitest';
import { linearSvm, nearestRelevant, rowDot, addRow, type Classifier } from './classifiers/index.js';
import { classifierFor, DEFAULT_SCREENING_CONFIG, SCREENING_CONFIG_V3 } from './simulate.js';
import { tfidf, type SparseMatrix } from './tfidf.js';

// most relevant records are about video consultations; one is about text messages, and so is one unlabelled record
const texts = [
  ...Array.from({ length: 8 }, (_, i) => `video consultation palliative care cancer ${i} quality of life`),
  'text message reminders pain diary advanced cancer',
  'text message reminders medication pain diary',
  ...Array.from({ length: 30 }, (_, i) => `knee replacement surgery rehabilitation cohort ${i} ${i % 2 ? 'infection' : 'hospital stay'}`),
  '',
  'message pain diary orthopaedic knee ward',
];
const X = tfidf(texts, { bigrams: true });
const empty = 40;
const rows = [0, 1, 2, 3, 4, 5, 8, 10, 11, 12, 13, 14];
const labels = [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0];

const scores = (clf: Classifier, r: readonly number[] = rows, l: readonly number[] = labels, M: SparseMatrix = X): Float64Array => {
  const out = new Float64Array(M.rows);
  clf.fitScore(M, r, l, out);
  return out;
};

/** The term written out the slow way: z(inner) + w · z(similarity to the nearest relevant record), records with terms only. */
function byHand(M: SparseMatrix, r: readonly number[], l: readonly number[], weight: number): number[] {
  const inner = scores(linearSvm(), r, l, M);
  const sim = Array.from({ length: M.rows }, (_, i) => {
    let best = 0;
    r.forEach((row, k) => {
      if (l[k] !== 1) return;
      const w = new Float64Array(M.cols);
      addRow(M, row, 1, w);
      best = Math.max(best, rowDot(M, i, w));
    });
    return best;
  });
  const z = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length);
    return (x: number) => (x - m) / sd;
  };
  const withTerms = (i: number) => M.rowStart[i + 1]! > M.rowStart[i]!;
  const za = z([...inner]);
  const zs = z(sim.filter((_, i) => withTerms(i)));
  return [...inner].map((a, i) => za(a) + (withTerms(i) ? weight * zs(sim[i]!) : 0));
}

const ranks = (v: ArrayLike<number>): number[] => Array.from(v, (_, i) => i).sort((a, b) => v[b]! - v[a]! || a - b);

describe('nearest-relevant term', () => {
  it('orders records as z(inner) + weight · z(max similarity to a relevant record) does', () => {
    const got = scores(nearestRelevant(linearSvm(), 0.25));
    const want = byHand(X, rows, labels, 0.25);
    expect(ranks(got)).toEqual(ranks(want));
    // and is that sum in the inner model's units: an affine map of it
    const inner = scores(linearSvm());
    const sd = Math.sqrt(inner.reduce((s, x) => s + x * x, 0) / inner.length - (inner.reduce((s, x) => s + x, 0) / inner.length) ** 2);
    const mean = inner.reduce((s, x) => s + x, 0) / inner.length;
    want.forEach((w, i) => expect(got[i]!).toBeCloseTo(mean + sd * w, 9));
  });
  it('lifts the neighbour of a relevant record that is unlike the other relevant ones', () => {
    // irrelevant records about text-message reminders for knee exercises pull the words of record 8 (relevant) down
    const t = texts.map((x, i) => (i >= 10 && i < 40 && i % 3 === 1 ? `${x} text message reminders exercises` : x));
    const M = tfidf(t, { bigrams: true });
    const r = [0, 1, 2, 3, 4, 5, 6, 7, 8, ...Array.from({ length: 15 }, (_, i) => 10 + i)];
    const l = r.map((x) => (x <= 8 ? 1 : 0));
    const unlabelled = t.map((_, i) => i).filter((i) => !r.includes(i));
    const order = (clf: Classifier) => {
      const s = scores(clf, r, l, M);
      return [...unlabelled].sort((a, b) => s[b]! - s[a]!);
    };
    // record 9 resembles only record 8; without the term, record 41 (knee ward, sharing "message pain diary") comes first
    expect(order(linearSvm())[0]).toBe(41);
    expect(order(nearestRelevant(linearSvm(), 0.25))[0]).toBe(9);
  });
  it('leaves a record with no terms at the inner model’s score', () => {
    expect(X.rowStart[empty + 1]).toBe(X.rowStart[empty]);
    expect(scores(nearestRelevant(linearSvm(), 0.5))[empty]).toBe(scores(linearSvm())[empty]);
  });
  it('updated one relevant record at a time, agrees with a fresh fit; a relevant record judged irrelevant again starts it over', () => {
    const opts = { tolerance: 1e-10, maxPasses: 10_000 };
    const clf = nearestRelevant(linearSvm(opts), 0.25);
    scores(clf, rows.slice(0, 3), [1, 1, 0]);
    scores(clf, [...rows, 9], [...labels, 1]);
    const later = scores(clf, rows, labels);
    const fresh = scores(nearestRelevant(linearSvm(opts), 0.25), rows, labels);
    later.forEach((v, i) => expect(v).toBeCloseTo(fresh[i]!, 6));
    const relabelled = scores(clf, rows, labels.map((l, k) => (rows[k] === 8 ? 0 : l)));
    const freshRelabelled = scores(nearestRelevant(linearSvm(opts), 0.25), rows, labels.map((l, k) => (rows[k] === 8 ? 0 : l)));
    relabelled.forEach((v, i) => expect(v).toBeCloseTo(freshRelabelled[i]!, 6));
  });
  it('passes the inner model’s warm state through, and starts over on another matrix', () => {
    const clf = nearestRelevant(linearSvm(), 0.25);
    scores(clf);
    const state = clf.warmState!();
    expect([...state.keys()].sort((a, b) => a - b)).toEqual([...rows].sort((a, b) => a - b));
    const Y = tfidf(['a new first record about text messages', ...texts], { bigrams: true });
    clf.startFrom!(Y, new Map([...state].map(([r, a]) => [r + 1, a])));
    const moved = scores(clf, rows.map((r) => r + 1), labels, Y);
    const fresh = scores(nearestRelevant(linearSvm(), 0.25), rows.map((r) => r + 1), labels, Y);
    moved.forEach((v, i) => expect(v).toBeCloseTo(fresh[i]!, 2));
  });
  it('does its passes ahead in steps, one per relevant record not yet covered; the fit agrees however far they ran', () => {
    const fresh = scores(nearestRelevant(linearSvm(), 0.25));
    const all = nearestRelevant(linearSvm(), 0.25);
    expect([...all.prepare!(X, rows, labels)]).toHaveLength(7);
    expect([...all.prepare!(X, rows, labels)]).toHaveLength(0); // nothing left to do
    expect([...scores(all)]).toEqual([...fresh]);
    const part = nearestRelevant(linearSvm(), 0.25);
    const steps = part.prepare!(X, rows, labels)[Symbol.iterator]();
    steps.next();
    steps.next();
    expect([...scores(part)]).toEqual([...fresh]);
    expect(steps.next().done).toBe(true); // the fit did the rest
    // one more relevant record: one more step
    expect([...part.prepare!(X, [...rows, 9], [...labels, 1])]).toHaveLength(1);
  });
  it('on a large matrix also builds its column-major copy in steps of 2,000 rows, and a fit midway agrees', () => {
    const many = Array.from({ length: 4100 }, (_, i) => (i % 50 === 0 ? `video palliative cancer visit ${i % 7 ? 'nurse' : 'doctor'}` : `knee surgery ${['ward', 'cohort', 'pain'][i % 3]}`));
    const M = tfidf(many, { bigrams: true });
    const r = [0, 50, 100, 1, 2, 3];
    const l = [1, 1, 1, 0, 0, 0];
    const fresh = scores(nearestRelevant(linearSvm(), 0.25), r, l, M);
    // two passes of 4,100 rows: two pauses each, then one step per relevant record
    expect([...nearestRelevant(linearSvm(), 0.25).prepare!(M, r, l)]).toHaveLength(2 + 2 + 3);
    const clf = nearestRelevant(linearSvm(), 0.25);
    const steps = clf.prepare!(M, r, l)[Symbol.iterator]();
    for (let k = 0; k < 3; k++) steps.next(); // stopped within the second pass
    expect([...scores(clf, r, l, M)]).toEqual([...fresh]);
    expect(steps.next().done).toBe(true);
  });
  it('adds nothing while no record is relevant', () => {
    const r = [10, 11, 12];
    expect([...scores(nearestRelevant(linearSvm(), 0.25), r, [0, 0, 0])]).toEqual([...scores(linearSvm(), r, [0, 0, 0])]);
  });
  it('is in the default model (version 4) and not in version 3', () => {
    expect(DEFAULT_SCREENING_CONFIG).toMatchObject({ version: '4', nearestWeight: 0.25, classifier: 'svm', embeddingWeight: 0.5 });
    expect(SCREENING_CONFIG_V3.nearestWeight).toBeUndefined();
    expect(classifierFor(DEFAULT_SCREENING_CONFIG).name).toBe('svm(C=0.11)+nearest(0.25)');
    expect(classifierFor(SCREENING_CONFIG_V3).name).toBe('svm(C=0.11)');
    expect(classifierFor({ ...SCREENING_CONFIG_V3, classifier: 'logistic', nearestWeight: 0.5 }).name).toMatch(/\+nearest\(0\.5\)$/);
  });
});
