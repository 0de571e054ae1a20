/**
 * PRISMA 2020 flow diagram (Page et al. 2021, BMJ 372:n71) as a deterministic SVG string, following the
 * official template for new reviews with searches of databases, registers and other sources: phase
 * labels on the left, boxes sized to their wrapped text, rows aligned across columns, and the
 * "other methods" column only when such sources are given.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MetasiftError } from '../errors.js';
import { el, line, svgDocument, text } from './svg.js';
import { wrapText } from './text.js';

// zod's "mini" build: the same validation as the classic API, a twentieth of the size in a bundle
z.config(en());

const count = z.number().check(z.int(), z.nonnegative());
const name = z.string().check(z.minLength(1));
const named = z.object({ name, n: count });
const reason = z.object({ reason: name, n: count });
const list = <T extends z.ZodMiniType>(item: T) => z._default(z.array(item), []);

/** The counts a PRISMA 2020 diagram shows; derive them from recorded decisions, never type them in. */
export const PrismaCountsSchema = z.object({
  databases: list(named),
  registers: list(named),
  removed: z._default(z.object({ duplicates: z._default(count, 0), automation: z._default(count, 0), other: z._default(count, 0) }), { duplicates: 0, automation: 0, other: 0 }),
  screened: count,
  excluded: count,
  sought: count,
  not_retrieved: count,
  assessed: count,
  excluded_reasons: list(reason),
  other: z.optional(
    z.object({
      sources: z.array(named).check(z.minLength(1)),
      sought: count,
      not_retrieved: count,
      assessed: count,
      excluded_reasons: list(reason),
    }),
  ),
  included_studies: count,
  included_reports: z.optional(count),
});

export type PrismaCounts = z.output<typeof PrismaCountsSchema>;

/**
 * Validates counts (e.g. parsed JSON), throwing INVALID_COUNTS naming the field.
 * @throws MetasiftError INVALID_COUNTS
 */
export function parsePrismaCounts(input: unknown): PrismaCounts {
  const r = PrismaCountsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new MetasiftError('INVALID_COUNTS', `PRISMA counts: ${field}: ${issue.message}`, { field });
  }
  return r.data;
}

/** Arithmetic the template implies; each broken identity is reported (not fatal: reviews document why). */
export function checkPrismaCounts(c: PrismaCounts): string[] {
  const out: string[] = [];
  const identified = [...c.databases, ...c.registers].reduce((s, d) => s + d.n, 0);
  const removed = c.removed.duplicates + c.removed.automation + c.removed.other;
  if (identified - removed !== c.screened) out.push(`records identified (${identified}) − removed (${removed}) ≠ records screened (${c.screened})`);
  if (c.screened - c.excluded !== c.sought) out.push(`records screened (${c.screened}) − excluded (${c.excluded}) ≠ reports sought (${c.sought})`);
  if (c.sought - c.not_retrieved !== c.assessed) out.push(`reports sought (${c.sought}) − not retrieved (${c.not_retrieved}) ≠ reports assessed (${c.assessed})`);
  const excl = c.excluded_reasons.reduce((s, r) => s + r.n, 0);
  const otherIncluded = c.other ? c.other.assessed - c.other.excluded_reasons.reduce((s, r) => s + r.n, 0) : 0;
  if (c.included_reports !== undefined && c.assessed - excl + otherIncluded !== c.included_reports)
    out.push(`reports assessed (${c.assessed}) − excluded (${excl})${c.other ? ` + other methods (${otherIncluded})` : ''} ≠ reports included (${c.included_reports})`);
  return out;
}

const FS = 11;
const BOX_W = 230;
const SIDE_W = 230;
const GAP_X = 40;
const GAP_Y = 26;
const PAD = 8;
const LINE_H = 14;
const PHASE_W = 26;

function lines(parts: readonly string[]): string[] {
  return parts.flatMap((p) => wrapText(p, BOX_W - 2 * PAD, FS));
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** "(n = 12)" held together by no-break spaces so that wrapping never splits it. */
function nOf(n: number): string {
  return `(n\u00a0=\u00a0${fmt(n)})`;
}

interface Box {
  readonly id: string;
  readonly text: string[];
}

/** The PRISMA 2020 flow diagram. Boxes are `g.box` with `data-id` (identified, screened, …). */
export function prismaDiagram(c: PrismaCounts, title = 'PRISMA 2020 flow diagram'): string {
  // each database, then their total; each register, then theirs (the template's two lines, itemised)
  const total = (kind: string, xs: readonly { n: number }[]): string[] => (xs.length > 1 ? [`${kind}, total ${nOf(xs.reduce((s, d) => s + d.n, 0))}`] : []);
  const dbLines = [
    'Records identified from:',
    ...c.databases.map((d) => `${d.name} ${nOf(d.n)}`),
    ...total('Databases', c.databases),
    ...c.registers.map((r) => `${r.name} ${nOf(r.n)}`),
    ...total('Registers', c.registers),
  ];
  if (c.registers.length === 0) dbLines.push('Registers (n = 0)');
  const rows: { main: Box; side: Box | null; other?: Box | null; otherSide?: Box | null }[] = [
    {
      main: { id: 'identified', text: lines(dbLines) },
      side: {
        id: 'removed',
        text: lines([
          'Records removed before screening:',
          `Duplicate records removed ${nOf(c.removed.duplicates)}`,
          `Records marked as ineligible by automation tools ${nOf(c.removed.automation)}`,
          `Records removed for other reasons ${nOf(c.removed.other)}`,
        ]),
      },
      ...(c.other ? { other: { id: 'other-identified', text: lines(['Records identified from:', ...c.other.sources.map((s) => `${s.name} ${nOf(s.n)}`)]) }, otherSide: null } : {}),
    },
    { main: { id: 'screened', text: lines([`Records screened ${nOf(c.screened)}`]) }, side: { id: 'excluded', text: lines([`Records excluded ${nOf(c.excluded)}`]) } },
    {
      main: { id: 'sought', text: lines([`Reports sought for retrieval ${nOf(c.sought)}`]) },
      side: { id: 'not-retrieved', text: lines([`Reports not retrieved ${nOf(c.not_retrieved)}`]) },
      ...(c.other
        ? {
            other: { id: 'other-sought', text: lines([`Reports sought for retrieval ${nOf(c.other.sought)}`]) },
            otherSide: { id: 'other-not-retrieved', text: lines([`Reports not retrieved ${nOf(c.other.not_retrieved)}`]) },
          }
        : {}),
    },
    {
      main: { id: 'assessed', text: lines([`Reports assessed for eligibility ${nOf(c.assessed)}`]) },
      side: { id: 'reports-excluded', text: lines(['Reports excluded:', ...c.excluded_reasons.map((r) => `${r.reason} ${nOf(r.n)}`)]) },
      ...(c.other
        ? {
            other: { id: 'other-assessed', text: lines([`Reports assessed for eligibility ${nOf(c.other.assessed)}`]) },
            otherSide: { id: 'other-excluded', text: lines(['Reports excluded:', ...c.other.excluded_reasons.map((r) => `${r.reason} ${nOf(r.n)}`)]) },
          }
        : {}),
    },
    {
      main: {
        id: 'included',
        text: lines([
          `Studies included in review ${nOf(c.included_studies)}`,
          ...(c.included_reports !== undefined ? [`Reports of included studies ${nOf(c.included_reports)}`] : []),
        ]),
      },
      side: null,
    },
  ];
  const boxH = (b: Box | null | undefined): number => (b ? b.text.length * LINE_H + 2 * PAD : 0);
  const rowH = rows.map((r) => Math.max(boxH(r.main), boxH(r.side), boxH(r.other), boxH(r.otherSide)));
  const xPhase = 10;
  const xMain = xPhase + PHASE_W + 16;
  const xSide = xMain + BOX_W + GAP_X;
  const xOther = xSide + SIDE_W + 2 * GAP_X;
  const xOtherSide = xOther + BOX_W + GAP_X;
  const width = (c.other ? xOtherSide + SIDE_W : xSide + SIDE_W) + 12;
  const body: string[] = [];
  let y = 12;
  body.push(el('rect', { x: xMain, y, width: xSide + SIDE_W - xMain, height: 30, rx: 6, fill: '#ffc000', class: 'header' }));
  body.push(text((xMain + xSide + SIDE_W) / 2, y + 19, 'Identification of studies via databases and registers', { anchor: 'middle', weight: 'bold' }));
  if (c.other) {
    body.push(el('rect', { x: xOther, y, width: xOtherSide + SIDE_W - xOther, height: 30, rx: 6, fill: '#d9d9d9', class: 'header' }));
    body.push(text((xOther + xOtherSide + SIDE_W) / 2, y + 19, 'Identification of studies via other methods', { anchor: 'middle', weight: 'bold' }));
  }
  y += 30 + GAP_Y;
  const rowY: number[] = [];
  for (const h of rowH) {
    rowY.push(y);
    y += h + GAP_Y;
  }
  const height = y + 4;
  // phase labels: Identification (row 0), Screening (rows 1–3), Included (row 4)
  const phase = (label: string, from: number, to: number): void => {
    const top = rowY[from]!;
    const bottom = rowY[to]! + rowH[to]!;
    body.push(el('rect', { x: xPhase, y: top, width: PHASE_W, height: bottom - top, rx: 6, fill: '#a8c8f0', class: 'phase' }));
    const cy = (top + bottom) / 2;
    body.push(el('text', { x: xPhase + PHASE_W / 2 + 4, y: cy, 'text-anchor': 'middle', 'font-weight': 'bold', transform: `rotate(-90 ${xPhase + PHASE_W / 2 + 4} ${cy})` }, label));
  };
  phase('Identification', 0, 0);
  phase('Screening', 1, 3);
  phase('Included', 4, 4);
  const drawBox = (b: Box, x: number, yy: number, h: number, w: number, fill: string): void => {
    body.push(
      el('g', { class: 'box', 'data-id': b.id },
        el('rect', { x, y: yy, width: w, height: h, fill, stroke: '#333', 'stroke-width': 0.8 }),
        ...b.text.map((t, i) => text(x + PAD, yy + PAD + 11 + i * LINE_H, t)),
      ),
    );
  };
  const arrow = (x1: number, y1: number, x2: number, y2: number): void => {
    const ang = Math.atan2(y2 - y1, x2 - x1);
    const a = (d: number): string => `${Math.round((x2 - 7 * Math.cos(ang + d)) * 100) / 100},${Math.round((y2 - 7 * Math.sin(ang + d)) * 100) / 100}`;
    body.push(line(x1, y1, x2, y2, { stroke: '#333', 'stroke-width': 1 }), el('polygon', { points: `${x2},${y2} ${a(0.4)} ${a(-0.4)}`, fill: '#333', class: 'arrow' }));
  };
  // each box has its own height (its text); rows are as tall as their tallest box; arrows leave a box
  // at its own middle or bottom
  rows.forEach((r, i) => {
    const yy = rowY[i]!;
    const hMain = boxH(r.main);
    drawBox(r.main, xMain, yy, hMain, BOX_W, '#ffffff');
    if (r.side) {
      drawBox(r.side, xSide, yy, boxH(r.side), SIDE_W, '#ffffff');
      arrow(xMain + BOX_W, yy + hMain / 2, xSide, yy + hMain / 2);
    }
    if (r.other) drawBox(r.other, xOther, yy, boxH(r.other), BOX_W, '#f2f2f2');
    if (r.otherSide) {
      drawBox(r.otherSide, xOtherSide, yy, boxH(r.otherSide), SIDE_W, '#f2f2f2');
      arrow(xOther + BOX_W, yy + boxH(r.other) / 2, xOtherSide, yy + boxH(r.other) / 2);
    }
    if (i < rows.length - 1) arrow(xMain + BOX_W / 2, yy + hMain, xMain + BOX_W / 2, rowY[i + 1]!);
  });
  if (c.other) {
    // other methods: identified → sought → assessed, then into "included"
    const bottom = (i: number): number => rowY[i]! + boxH(rows[i]!.other);
    arrow(xOther + BOX_W / 2, bottom(0), xOther + BOX_W / 2, rowY[2]!);
    arrow(xOther + BOX_W / 2, bottom(2), xOther + BOX_W / 2, rowY[3]!);
    const yInc = rowY[4]! + boxH(rows[4]!.main) / 2;
    body.push(line(xOther + BOX_W / 2, bottom(3), xOther + BOX_W / 2, yInc, { stroke: '#333' }));
    arrow(xOther + BOX_W / 2, yInc, xMain + BOX_W, yInc);
  }
  return svgDocument(width, height, title, body, FS);
}
