/**
 * Writes a figure (an SVG string from the core) as SVG, PNG or PDF, chosen by the file extension.
 * PNG: @resvg/resvg-js with the shipped Source Sans 3 font files and no system fonts, so the output is
 * identical on every machine. PDF: pdfkit + svg-to-pdfkit (vector), with the same fonts embedded.
 * The renderers are loaded only when needed so that other commands start fast.
 */
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { MetasiftError } from '@metasift/core';
import { writeOutputs } from './outputs.js';

const require = createRequire(import.meta.url);

function fontDir(): string {
  return join(dirname(require.resolve('source-sans/package.json')), 'TTF');
}

export const FONT_FILES = {
  regular: 'SourceSans3-Regular.ttf',
  bold: 'SourceSans3-Bold.ttf',
  italic: 'SourceSans3-It.ttf',
  boldItalic: 'SourceSans3-BoldIt.ttf',
} as const;

/** PNG bytes of an SVG, rendered at `zoom` × its size (2 = print-quality for a README or slide). */
export function svgToPng(svg: string, zoom = 2): Buffer {
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const dir = fontDir();
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    font: { fontFiles: Object.values(FONT_FILES).map((f) => join(dir, f)), loadSystemFonts: false, defaultFontFamily: 'Source Sans 3' },
  });
  return r.render().asPng();
}

/** PDF bytes of an SVG (vector, fonts embedded). */
export function svgToPdf(svg: string): Promise<Buffer> {
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const SVGtoPDF = require('svg-to-pdfkit') as (doc: unknown, svg: string, x: number, y: number, o: Record<string, unknown>) => void;
  const size = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const width = Number(size?.[1] ?? 600);
  const height = Number(size?.[2] ?? 400);
  const doc = new PDFDocument({ size: [width, height], margin: 0, info: { Title: /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? 'metasift figure', Creator: 'metasift' } });
  const dir = fontDir();
  doc.registerFont('SS-Regular', join(dir, FONT_FILES.regular));
  doc.registerFont('SS-Bold', join(dir, FONT_FILES.bold));
  doc.registerFont('SS-Italic', join(dir, FONT_FILES.italic));
  doc.registerFont('SS-BoldItalic', join(dir, FONT_FILES.boldItalic));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  SVGtoPDF(doc, svg, 0, 0, {
    width,
    height,
    fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold && italic ? 'SS-BoldItalic' : bold ? 'SS-Bold' : italic ? 'SS-Italic' : 'SS-Regular'),
  });
  doc.end();
  return done;
}

/** The figure's file contents for `file`'s extension: .svg, .png or .pdf. */
export async function renderFigure(svg: string, file: string, flag = 'out'): Promise<string | Buffer> {
  const ext = extname(file).toLowerCase();
  if (ext === '.svg') return svg;
  if (ext === '.png') return svgToPng(svg);
  if (ext === '.pdf') return svgToPdf(svg);
  throw new MetasiftError('UNKNOWN_FORMAT', `cannot write a figure as "${ext || file}": use a file name ending in .svg, .png or .pdf`, { field: flag });
}

/** Writes `svg` to `file` as .svg, .png or .pdf. */
export async function writeFigure(svg: string, file: string): Promise<void> {
  writeOutputs([{ file, data: await renderFigure(svg, file), flag: 'out' }]);
}
