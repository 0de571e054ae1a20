/**
 * The anticipated absolute effects of a Summary of findings table (Cochrane Handbook chapter 14; GRADE):
 * for a dichotomous outcome, the risk with the comparator — by default the "study population" risk,
 * the included studies' comparator events over their participants — and the risk with the intervention
 * that the pooled relative effect implies, per 1,000, with the difference; for a continuous outcome the
 * pooled difference in words ("MD 2.1 lower (3.0 lower to 1.2 lower)") and, for a mean difference, the
 * range of the comparator groups' means. Pure: the caller passes the pooled effect and the table.
 */
import type { DataTable } from '../analysis/table.js';

export interface PooledEffect {
  /** metafor's measure code: OR, RR, RD, PETO, SMD, MD, ROM … */
  readonly measure: string;
  /** On the model's scale (log for OR, RR and PETO), as metafor reports them. */
  readonly estimate: number;
  readonly ciLower: number;
  readonly ciUpper: number;
}

/** One row's anticipated effects; empty strings where the measure has none. */
export interface AbsoluteEffects {
  /** "120 per 1,000", or the comparator groups' means "mean 50 to 62". */
  readonly comparator: string;
  /** "59 per 1,000 (41 to 84)", or "SMD 0.81 higher (0.09 higher to 1.53 higher)". */
  readonly intervention: string;
  /** "61 fewer per 1,000 (from 79 fewer to 36 fewer)" (dichotomous outcomes). */
  readonly difference: string;
  /** "RR 0.49 (0.34 to 0.70)" for ratio measures; "" otherwise. */
  readonly relative: string;
  /** How to read it, for an SMD: Cochrane's rule of thumb. */
  readonly comment: string;
}

const RATIO = new Set(['OR', 'RR', 'PETO', 'ROM']);
const DICHOTOMOUS = new Set(['OR', 'RR', 'RD', 'PETO']);

/** What a Summary of findings says under its table about the anticipated absolute effects. */
export const SOF_RISK_NOTE =
  'Risk with comparator: the included studies’ comparator events over their participants (the study population) unless the reviewers assumed another, per 1,000; the risk with the intervention applies the pooled relative effect to it.';

/** Whether a measure compares risks (its Summary of findings row has risks per 1,000). */
export const isDichotomous = (measure: string): boolean => DICHOTOMOUS.has(measure);

const cells = (table: DataTable, name: string): number[] | null => {
  const j = table.columns.indexOf(name);
  return j < 0 ? null : table.rows.map((r) => Number((r[j] ?? '').trim() || NaN));
};

/**
 * The study population's comparator risk: events over participants summed over the comparator arms
 * (`ci` of `n2i`, or of `ci + di`); null when the table has no arm data or no participants.
 */
export function comparatorRisk(table: DataTable): number | null {
  const events = cells(table, 'ci');
  const totals = cells(table, 'n2i') ?? (events && cells(table, 'di')?.map((d, i) => d + events[i]!));
  if (!events || !totals) return null;
  let e = 0;
  let n = 0;
  events.forEach((x, i) => {
    if (Number.isFinite(x) && Number.isFinite(totals[i]!)) {
      e += x;
      n += totals[i]!;
    }
  });
  return n > 0 ? e / n : null;
}

/** The risk with the intervention that a pooled effect implies at comparator risk `acr`, within 0 to 1. */
export function interventionRisk(measure: string, effect: number, acr: number): number {
  const r = measure === 'RD' ? acr + effect : measure === 'RR' ? acr * Math.exp(effect) : (acr * Math.exp(effect)) / (1 - acr + acr * Math.exp(effect));
  return Math.min(1, Math.max(0, r));
}

const perThousand = (x: number): string => Math.round(x * 1000).toLocaleString('en');
const signed = (x: number): string => {
  const n = Math.round(x * 1000);
  return n === 0 ? '0 fewer' : `${Math.abs(n).toLocaleString('en')} ${n < 0 ? 'fewer' : 'more'}`;
};
const fixed = (x: number): string => {
  const a = Math.abs(x);
  return (a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2)).replace(/^-/, '−');
};
const way = (x: number): string => `${fixed(Math.abs(x))} ${x < 0 ? 'lower' : 'higher'}`;

/**
 * The Summary of findings cells for a pooled effect. `acr`, the assumed comparator risk (dichotomous
 * outcomes), defaults to the table's study population; `means`, for a mean difference, the comparator
 * groups' means (the table's m2i).
 */
export function absoluteEffects(p: PooledEffect, table: DataTable, acr: number | null = comparatorRisk(table)): AbsoluteEffects {
  const m = p.measure === 'PETO' ? 'OR' : p.measure;
  const ratio = RATIO.has(p.measure);
  const relative = ratio ? `${p.measure === 'PETO' ? 'Peto OR' : p.measure} ${fixed(Math.exp(p.estimate))} (${fixed(Math.exp(p.ciLower))} to ${fixed(Math.exp(p.ciUpper))})` : '';
  if (DICHOTOMOUS.has(p.measure)) {
    if (acr === null) return { comparator: '', intervention: '', difference: '', relative: relative || `RD ${fixed(p.estimate)} (${fixed(p.ciLower)} to ${fixed(p.ciUpper)})`, comment: '' };
    const [ir, lo, hi] = [p.estimate, p.ciLower, p.ciUpper].map((x) => interventionRisk(m, x, acr)) as [number, number, number];
    return {
      comparator: `${perThousand(acr)} per 1,000`,
      intervention: `${perThousand(ir)} per 1,000 (${perThousand(lo)} to ${perThousand(hi)})`,
      difference: `${signed(ir - acr)} per 1,000 (from ${signed(lo - acr)} to ${signed(hi - acr)})`,
      relative,
      comment: '',
    };
  }
  if (p.measure === 'MD' || p.measure === 'SMD') {
    const means = p.measure === 'MD' ? (cells(table, 'm2i') ?? []).filter(Number.isFinite) : [];
    const range = means.length ? (Math.min(...means) === Math.max(...means) ? `mean ${fixed(means[0]!)}` : `mean ${fixed(Math.min(...means))} to ${fixed(Math.max(...means))}`) : '';
    const comment = p.measure === 'SMD' ? `${smdSize(p.estimate)[0]!.toUpperCase()}${smdSize(p.estimate).slice(1)} by Cochrane's rule of thumb (SMD 0.2 small, 0.5 moderate, 0.8 large).` : '';
    return { comparator: range, intervention: `${p.measure} ${way(p.estimate)} (${way(p.ciLower)} to ${way(p.ciUpper)})`, difference: '', relative, comment };
  }
  return { comparator: '', intervention: '', difference: '', relative, comment: '' };
}

/** Cochrane's rule of thumb for a standardised mean difference (Handbook 15.5.3.1, after Cohen). */
export function smdSize(smd: number): string {
  const a = Math.abs(smd);
  return a < 0.2 ? 'a trivial difference' : a < 0.5 ? 'a small effect' : a < 0.8 ? 'a moderate effect' : 'a large effect';
}
