/** Effect-size measures registered by metafor's escalc codes. */
import { cor, zcor } from './measures/correlation.js';
import { gen } from './measures/gen.js';
import { md } from './measures/md.js';
import { or } from './measures/or.js';
import { peto } from './measures/peto.js';
import { plo, pr } from './measures/proportion.js';
import { rd } from './measures/rd.js';
import { rom } from './measures/rom.js';
import { rr } from './measures/rr.js';
import { smd } from './measures/smd.js';
import type { MeasureCode, MeasureDef } from './types.js';

export const MEASURES: Readonly<Record<MeasureCode, MeasureDef>> = {
  SMD: smd,
  MD: md,
  ROM: rom,
  OR: or,
  RR: rr,
  RD: rd,
  PETO: peto,
  ZCOR: zcor,
  COR: cor,
  PLO: plo,
  PR: pr,
  GEN: gen,
};

export function isMeasureCode(s: string): s is MeasureCode {
  return Object.prototype.hasOwnProperty.call(MEASURES, s);
}
