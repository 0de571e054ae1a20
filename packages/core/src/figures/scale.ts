/** Axis scales for effect sizes: linear, or logarithmic for ratio measures, with readable ticks. */

export interface Scale {
  readonly kind: 'linear' | 'log';
  /** Data-space limits (on the model scale: log values for log axes). */
  readonly min: number;
  readonly max: number;
  /** Pixel range. */
  readonly x0: number;
  readonly x1: number;
  /** Pixel position of a model-scale value. */
  readonly at: (v: number) => number;
  /** Tick positions on the model scale, with their labels (exp-transformed for log axes). */
  readonly ticks: readonly { readonly value: number; readonly label: string }[];
}

/** Rounds to a "nice" number 1, 2, 2.5 or 5 × 10^k (Heckbert). */
function niceStep(span: number, target: number): number {
  const raw = span / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

/** Tick label with a true minus sign (U+2212), as typeset figures use. */
function fmtTick(v: number): string {
  if (v === 0) return '0';
  if (v < 0) return `−${fmtTick(-v)}`;
  const a = Math.abs(v);
  const digits = a >= 10 ? 0 : a >= 1 ? (Number.isInteger(v) ? 0 : 1) : Math.min(4, Math.ceil(-Math.log10(a)) + 1);
  return v.toFixed(digits).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/**
 * A linear axis covering [lo, hi] (model scale), symmetric about `centre` when `symmetric`, with
 * 4–7 nice ticks.
 */
export function linearScale(lo: number, hi: number, x0: number, x1: number, opts: { centre?: number; symmetric?: boolean } = {}): Scale {
  const c = opts.centre ?? 0;
  let a = Math.min(lo, c);
  let b = Math.max(hi, c);
  if (opts.symmetric) {
    const half = Math.max(c - a, b - c);
    a = c - half;
    b = c + half;
  }
  if (a === b) {
    a -= 1;
    b += 1;
  }
  const step = niceStep(b - a, 5);
  const min = Math.floor(a / step + 1e-9) * step;
  const max = Math.ceil(b / step - 1e-9) * step;
  const ticks: { value: number; label: string }[] = [];
  for (let v = min; v <= max + step / 2; v += step) {
    const r = Math.round(v / step) * step;
    ticks.push({ value: r, label: fmtTick(Number(r.toPrecision(12))) });
  }
  const at = (v: number): number => x0 + ((v - min) / (max - min)) * (x1 - x0);
  return { kind: 'linear', min, max, x0, x1, at, ticks };
}

const LOG_TICK_SETS: readonly (readonly number[])[] = [
  [0.5, 0.7, 1, 1.5, 2],
  [0.2, 0.5, 1, 2, 5],
  [0.1, 0.2, 0.5, 1, 2, 5, 10],
  [0.05, 0.2, 1, 5, 20],
  [0.01, 0.1, 1, 10, 100],
  [0.001, 0.01, 0.1, 1, 10, 100, 1000],
];

/**
 * A log axis for ratio measures, symmetric about 1 as RevMan draws it (0.01 0.1 1 10 100 and similar);
 * lo and hi are on the log scale.
 */
export function logScale(lo: number, hi: number, x0: number, x1: number): Scale {
  const need = Math.max(Math.abs(lo), Math.abs(hi), Math.log(1.5));
  const set = LOG_TICK_SETS.find((s) => Math.log(s[s.length - 1]!) >= need) ?? LOG_TICK_SETS[LOG_TICK_SETS.length - 1]!;
  const max = Math.log(set[set.length - 1]!);
  const min = -max;
  const at = (v: number): number => x0 + ((v - min) / (max - min)) * (x1 - x0);
  return { kind: 'log', min, max, x0, x1, at, ticks: set.map((t) => ({ value: Math.log(t), label: fmtTick(t) })) };
}

/**
 * A log axis over [lo, hi] (log scale) for plots that need not be symmetric (funnel plots), with ticks
 * at 1-2-5 ratio values inside the range.
 */
export function logRangeScale(lo: number, hi: number, x0: number, x1: number): Scale {
  const min = Math.min(lo, -1e-9);
  const max = Math.max(hi, 1e-9);
  const candidates: number[] = [];
  for (let e = -4; e <= 4; e++) for (const m of [1, 2, 5]) candidates.push(m * 10 ** e);
  let ticks = candidates.filter((t) => Math.log(t) >= min - 1e-12 && Math.log(t) <= max + 1e-12);
  if (ticks.length > 7) ticks = ticks.filter((t) => /^(1|5)/.test(String(t)) || t === 2);
  const at = (v: number): number => x0 + ((v - min) / (max - min)) * (x1 - x0);
  return { kind: 'log', min, max, x0, x1, at, ticks: ticks.map((t) => ({ value: Math.log(t), label: fmtTick(t) })) };
}
