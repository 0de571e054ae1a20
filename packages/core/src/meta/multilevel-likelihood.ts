/**
 * The likelihood of the three-level model (metafor's rma.mv, random = ~ 1 | cluster/es_id) and its
 * maximisation. The marginal covariance M = diag(vᵢ) + σ²₂I + σ²₁·(1 within a cluster) is block
 * diagonal, so every quantity is summed over clusters: a cluster of n rows costs O(n³), one evaluation
 * O(Σn³ + k·p²), never a k×k matrix.
 */
import { MetasiftError } from '../errors.js';
import { invertSpd, logDetSpd, matMul, matVec, traceOfProduct, zeros, type Matrix } from '../stats/linalg.js';

/** One cluster's rows: its design rows, effects and sampling variances. */
export interface Block {
  readonly rows: number[];
  /** x_ij by row of the block, then column. */
  readonly x: number[][];
  readonly y: number[];
  readonly v: number[];
}

/** The likelihood, its score and information, and the fit at one σ². */
export interface State {
  readonly ll: number;
  readonly beta: number[];
  readonly A: Matrix;
  readonly Ainv: Matrix;
  readonly score: number[];
  readonly info: Matrix;
  readonly inverses: BlockInverse[];
}

const LOG_2PI = Math.log(2 * Math.PI);

/** A three-level fitting problem: the clusters' blocks and what the restricted likelihood's constant needs. */
export interface Problem {
  readonly blocks: readonly Block[];
  readonly p: number;
  readonly k: number;
  readonly reml: boolean;
  readonly logDetXtX: number;
}

/** The problem for rows (X by row) nested in `cluster`. */
export function multilevelProblem(yi: readonly number[], vi: readonly number[], cluster: readonly string[], X: readonly number[][], reml: boolean): Problem {
  const byCluster = new Map<string, number[]>();
  cluster.forEach((c, i) => {
    const rows = byCluster.get(c);
    if (rows) rows.push(i);
    else byCluster.set(c, [i]);
  });
  const blocks = [...byCluster.values()].map((rows) => ({ rows, x: rows.map((i) => [...X[i]!]), y: rows.map((i) => yi[i]!), v: rows.map((i) => vi[i]!) }));
  const p = X[0]?.length ?? 1;
  const logDetXtX = logDetSpd(Array.from({ length: p }, (_, i) => Array.from({ length: p }, (__, j) => X.reduce((s, row) => s + row[i]! * row[j]!, 0))));
  return { blocks, p, k: yi.length, reml, logDetXtX };
}

/** A block's M⁻¹ = D⁻¹ − c·ddᵀ (Sherman–Morrison), D = diag(vᵢ + σ²₂), dᵢ = 1/(vᵢ + σ²₂), c = σ²₁/(1 + σ²₁Σd). */
export interface BlockInverse {
  readonly d: readonly number[];
  readonly c: number;
}

/** Row a of M⁻¹X for a block: dₐ(xₐ − c·Σ_b d_b x_b). */
export function inverseTimesX(b: Block, inv: BlockInverse): number[][] {
  const p = b.x[0]!.length;
  const u = new Array<number>(p).fill(0);
  b.x.forEach((x, a) => x.forEach((v, j) => (u[j]! += inv.d[a]! * v)));
  return b.x.map((x, a) => x.map((v, j) => inv.d[a]! * (v - inv.c * u[j]!)));
}

function addOuter(into: Matrix, u: readonly number[], v: readonly number[], f: number): void {
  for (let i = 0; i < u.length; i++) for (let j = 0; j < v.length; j++) into[i]![j]! += f * u[i]! * v[j]!;
}

/**
 * The likelihood and its derivatives at σ² = (s1, s2). With P = M⁻¹ − M⁻¹X A⁻¹XᵀM⁻¹, A = XᵀM⁻¹X and
 * Z₁ = the cluster's ones, Z₂ = I: the REML score is −½tr(PZᵣ) + ½(Py)ᵀZᵣ(Py) and the information
 * ½tr(PZᵣPZₛ), each trace expanded into block sums and p×p products; ML drops the projection. A block's
 * M is D + σ²₁·11ᵀ, so its inverse, determinant and every product below are closed forms in O(n·p²).
 */
export function evaluate(problem: Problem, s1: number, s2: number): State | undefined {
  const { blocks, p, k, reml, logDetXtX } = problem;
  const A = zeros(p);
  const xtMy = new Array<number>(p).fill(0);
  let logDetM = 0;
  const inverses: BlockInverse[] = [];
  for (const b of blocks) {
    const d = b.v.map((v) => 1 / (v + s2));
    if (!d.every((x) => Number.isFinite(x) && x > 0)) return undefined;
    const S = d.reduce((acc, x) => acc + x, 0);
    const c = s1 / (1 + s1 * S);
    logDetM += b.v.reduce((acc, v) => acc + Math.log(v + s2), 0) + Math.log1p(s1 * S);
    inverses.push({ d, c });
    // XᵀM⁻¹X = Σ dₐxₐxₐᵀ − c·uuᵀ and XᵀM⁻¹y = Σ dₐxₐyₐ − c·u·Σdₐyₐ, u = Σ dₐxₐ
    const u = new Array<number>(p).fill(0);
    let dy = 0;
    b.x.forEach((x, a) => {
      addOuter(A, x, x, d[a]!);
      x.forEach((v, j) => {
        u[j]! += d[a]! * v;
        xtMy[j]! += d[a]! * v * b.y[a]!;
      });
      dy += d[a]! * b.y[a]!;
    });
    addOuter(A, u, u, -c);
    u.forEach((v, j) => (xtMy[j]! -= c * v * dy));
  }
  const Ainv = invertSpd(A);
  if (Ainv === undefined) return undefined;
  const beta = matVec(Ainv, xtMy);

  let rMr = 0;
  const score = [0, 0];
  const info = [
    [0, 0],
    [0, 0],
  ];
  // p×p sums: B_r = XᵀQᵣM⁻¹X and G_rs = XᵀQᵣQₛM⁻¹X with Q₁ = M⁻¹J, Q₂ = M⁻¹
  const B = [zeros(p), zeros(p)];
  const G = [
    [zeros(p), zeros(p)],
    [zeros(p), zeros(p)],
  ];
  blocks.forEach((b, bi) => {
    const { d, c } = inverses[bi]!;
    const S = d.reduce((acc, x) => acc + x, 0);
    const g = 1 / (1 + s1 * S); // M⁻¹1 = g·d
    const r = b.y.map((y, a) => y - b.x[a]!.reduce((acc, x, j) => acc + x * beta[j]!, 0));
    const dr = d.reduce((acc, x, a) => acc + x * r[a]!, 0);
    const Mr = r.map((x, a) => d[a]! * (x - c * dr));
    rMr += r.reduce((acc, x, a) => acc + x * Mr[a]!, 0);
    const sumMr = Mr.reduce((acc, x) => acc + x, 0);
    const d2 = d.reduce((acc, x) => acc + x * x, 0);
    const d3 = d.reduce((acc, x) => acc + x * x * x, 0);
    // tr(M⁻¹Zᵣ) and (Py)ᵀZᵣ(Py)
    score[0] = score[0]! - 0.5 * g * S + 0.5 * sumMr * sumMr;
    score[1] = score[1]! - 0.5 * (S - c * d2) + 0.5 * Mr.reduce((acc, x) => acc + x * x, 0);
    // tr(QᵣQₛ): (1ᵀM⁻¹1)², ‖M⁻¹1‖², ‖M⁻¹‖²
    const t11 = (g * S) ** 2;
    const t12 = g * g * d2;
    const t22 = d2 - 2 * c * d3 + c * c * d2 * d2;
    info[0]![0] = info[0]![0]! + 0.5 * t11;
    info[0]![1] = info[0]![1]! + 0.5 * t12;
    info[1]![0] = info[1]![0]! + 0.5 * t12;
    info[1]![1] = info[1]![1]! + 0.5 * t22;
    // with w = M⁻¹X and m = M⁻¹1 = g·d: XᵀM⁻¹1 = wᵀ1 = Xᵀm
    const w = inverseTimesX(b, inverses[bi]!);
    const xm = new Array<number>(p).fill(0);
    b.x.forEach((x, a) => x.forEach((v, j) => (xm[j]! += g * d[a]! * v)));
    addOuter(B[0]!, xm, xm, 1);
    w.forEach((wa) => addOuter(B[1]!, wa, wa, 1));
    if (reml) {
      const wm = new Array<number>(p).fill(0); // wᵀm
      const wd = new Array<number>(p).fill(0); // wᵀd
      w.forEach((wa, a) => wa.forEach((v, j) => ((wm[j]! += g * d[a]! * v), (wd[j]! += d[a]! * v))));
      addOuter(G[0]![0]!, xm, xm, g * S);
      addOuter(G[0]![1]!, xm, wm, 1);
      addOuter(G[1]![0]!, wm, xm, 1);
      // wᵀM⁻¹w = Σ dₐwₐwₐᵀ − c·(wᵀd)(wᵀd)ᵀ
      w.forEach((wa, a) => addOuter(G[1]![1]!, wa, wa, d[a]!));
      addOuter(G[1]![1]!, wd, wd, -c);
    }
  });
  if (reml) {
    for (let r1 = 0; r1 < 2; r1++) {
      // tr(PZᵣ) = tr(M⁻¹Zᵣ) − tr(A⁻¹Bᵣ); (Py)ᵀZᵣ(Py) is the block sum above, as Py = M⁻¹r
      score[r1] = score[r1]! + 0.5 * traceOfProduct(Ainv, B[r1]!);
      for (let r2 = 0; r2 < 2; r2++) {
        const AB1 = matMul(Ainv, B[r1]!);
        const AB2 = matMul(Ainv, B[r2]!);
        info[r1]![r2] = info[r1]![r2]! + 0.5 * (-traceOfProduct(Ainv, G[r1]![r2]!) - traceOfProduct(Ainv, G[r2]![r1]!) + traceOfProduct(AB1, AB2));
      }
    }
  }
  const logDetA = logDetSpd(A);
  const ll = reml ? -0.5 * (k - p) * LOG_2PI + 0.5 * logDetXtX - 0.5 * logDetM - 0.5 * logDetA - 0.5 * rMr : -0.5 * k * LOG_2PI - 0.5 * logDetM - 0.5 * rMr;
  return { ll, beta, A, Ainv, score, info, inverses };
}

const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-12;

/**
 * The σ² that maximise the likelihood from `start`, with `fixed[r]` holding a component at a value (a
 * profile, or a model without that level): Fisher scoring with step halving on the likelihood, a free
 * component held at 0 while its score points below 0.
 * @throws MetasiftError SINGULAR_DESIGN, NONCONVERGENCE
 */
export function maximise(problem: Problem, start: readonly [number, number], fixed: readonly (number | undefined)[] = []): { sigma2: [number, number]; state: State; iterations: number } {
  let s = start.map((x, r) => fixed[r] ?? x);
  let state = evaluate(problem, s[0]!, s[1]!);
  if (state === undefined) throw new MetasiftError('SINGULAR_DESIGN', 'Model matrix not of full rank: a moderator is constant or collinear with others', { field: 'mods' });
  let iterations = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const free = [0, 1].filter((r) => fixed[r] === undefined && (s[r]! > 0 || state!.score[r]! > 0));
    const step = [0, 0];
    if (free.length === 2) {
      const inv = invertSpd(state.info);
      // information of rank one (the data inform one combination of the two variances, e.g. k − p = 1):
      // a scoring step along the score itself
      const g = state.score;
      const gIg = g[0]! * (state.info[0]![0]! * g[0]! + state.info[0]![1]! * g[1]!) + g[1]! * (state.info[1]![0]! * g[0]! + state.info[1]![1]! * g[1]!);
      const d = inv ? matVec(inv, g) : gIg > 0 ? g.map((x) => (x * (g[0]! ** 2 + g[1]! ** 2)) / gIg) : [0, 0];
      step[0] = d[0]!;
      step[1] = d[1]!;
    } else if (free.length === 1) {
      const r = free[0]!;
      step[r] = state.score[r]! / state.info[r]![r]!;
    } else break;
    let t = 1;
    let next: number[] = s;
    let nextState: State | undefined;
    for (let halving = 0; halving < 60; halving++, t /= 2) {
      next = s.map((x, r) => Math.max(0, x + t * step[r]!));
      nextState = evaluate(problem, next[0]!, next[1]!);
      if (nextState !== undefined && nextState.ll >= state.ll - 1e-14 * Math.abs(state.ll)) break;
      nextState = undefined;
    }
    if (nextState === undefined) break;
    const moved = Math.max(...next.map((x, r) => Math.abs(x - s[r]!) / Math.max(1, x)));
    s = next;
    state = nextState;
    if (moved <= TOLERANCE) break;
  }
  if (iterations >= MAX_ITERATIONS) throw new MetasiftError('NONCONVERGENCE', `the three-level model did not converge in ${MAX_ITERATIONS} iterations`, { field: 'multilevel' });
  return { sigma2: [s[0]!, s[1]!], state, iterations };
}

/** Starts for maximiseFrom around a typical variance: shared between the levels, or mostly at either. */
export function startsFor(scale: number): [number, number][] {
  return [
    [scale / 2, scale / 2],
    [scale, scale / 100],
    [scale / 100, scale],
  ];
}

/**
 * The best of maximise() from several starts: with one variance held at 0 the likelihood can have a
 * local maximum on the boundary beside the true one inside (a start near 0 finds the first).
 */
export function maximiseFrom(problem: Problem, starts: readonly (readonly [number, number])[], fixed: readonly (number | undefined)[] = []): ReturnType<typeof maximise> {
  let best: ReturnType<typeof maximise> | undefined;
  for (const start of starts) {
    const fit = maximise(problem, start, fixed);
    if (best === undefined || fit.state.ll > best.state.ll) best = fit;
  }
  return best!;
}
