/**
 * Minimal, deterministic SVG writing: escaped text, coordinates rounded to 0.01, attributes in the order
 * given. Figures are plain strings so they render the same in Node, the browser and the report.
 */

/** Font stack: the shipped Source Sans 3 first, then common fallbacks. */
export const FONT_FAMILY = "'Source Sans 3', 'Source Sans Pro', Arial, Helvetica, sans-serif";

/** Escapes text for element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Coordinate with at most two decimals and no trailing zeros ("12.5", "3"). */
export function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v!)}"`)
    .join('');
}

/** An element; `children` are already-rendered SVG strings. */
export function el(tag: string, a: Attrs = {}, ...children: string[]): string {
  return children.length ? `<${tag}${attrs(a)}>${children.join('')}</${tag}>` : `<${tag}${attrs(a)}/>`;
}

export interface TextOptions {
  readonly size?: number;
  readonly weight?: 'normal' | 'bold';
  readonly style?: 'normal' | 'italic';
  readonly anchor?: 'start' | 'middle' | 'end';
  readonly fill?: string;
  readonly cls?: string;
}

/** A text element (content escaped). */
export function text(x: number, y: number, content: string, o: TextOptions = {}): string {
  return el(
    'text',
    {
      x,
      y,
      'font-size': o.size,
      'font-weight': o.weight === 'bold' ? 'bold' : undefined,
      'font-style': o.style === 'italic' ? 'italic' : undefined,
      'text-anchor': o.anchor && o.anchor !== 'start' ? o.anchor : undefined,
      fill: o.fill,
      class: o.cls,
    },
    esc(content),
  );
}

export function line(x1: number, y1: number, x2: number, y2: number, a: Attrs = {}): string {
  return el('line', { x1, y1, x2, y2, ...a });
}

/** The document wrapper with a white background, title and description for accessibility. */
export function svgDocument(width: number, height: number, title: string, body: string[], fontSize = 12): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" ` +
    `font-family="${esc(FONT_FAMILY)}" font-size="${fontSize}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>` +
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }) +
    body.join('') +
    '</svg>\n'
  );
}
