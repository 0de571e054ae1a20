/**
 * Risk-of-bias figures as robvis draws them (McGuinness & Higgins 2021): the traffic-light plot (one
 * row per study, one coloured symbol per domain and overall) and the summary plot (per domain, the
 * share of studies — or of weight — at each level of risk). Tools: RoB 2, ROBINS-I, or any custom
 * set of domains and levels.
 */
import { el, line, svgDocument, text } from './svg.js';
import { textWidth, wrapText } from './text.js';
import { levelLabel, ROB_STYLES, type RobJudgement } from './rob-style.js';

export interface RobStudy {
  readonly label: string;
  /** One judgement per domain (null when not assessed). */
  readonly judgements: readonly (RobJudgement | null)[];
  readonly overall: RobJudgement | null;
  /** For the weighted summary plot. */
  readonly weight?: number;
}

export interface RobData {
  /** Tool name for the title ("RoB 2", "ROBINS-I", or a custom tool). */
  readonly tool: string;
  /** The outcome whose results are judged, when the figure is one outcome's (RoB 2 and ROBINS-I judge results). */
  readonly outcome?: string;
  /** The tool's own words for levels where they differ from the usual labels (JBI's "Unclear"). */
  readonly labels?: Readonly<Partial<Record<RobJudgement, string>>>;
  /** Full domain names, e.g. "Bias arising from the randomization process". */
  readonly domains: readonly string[];
  /** Judgement levels used by the tool, best to worst. */
  readonly levels: readonly RobJudgement[];
  readonly studies: readonly RobStudy[];
}

const FS = 11;
/** The figure's title part: the tool, and the outcome when the figure is one outcome's. */
const named = (data: RobData): string => (data.outcome ? `${data.tool}; ${data.outcome}` : data.tool);
const CELL = 26;

/** Traffic-light plot. Each judgement is a `g.rob` with `data-study`, `data-domain` and `data-judgement`. */
export function robTrafficLight(data: RobData): string {
  const labelW = Math.max(90, ...data.studies.map((s) => textWidth(s.label, FS))) + 12;
  const cols = [...data.domains.map((_, i) => `D${i + 1}`), 'Overall'];
  const x0 = 10 + labelW;
  // the Overall column stands a little apart from the domains
  const cx = (d: number): number => x0 + d * CELL + CELL / 2 + (d === cols.length - 1 ? 10 : 0);
  const top = 60;
  const body: string[] = [text(x0 + (cols.length * CELL) / 2, 24, `Risk of bias (${named(data)})`, { weight: 'bold', anchor: 'middle', size: 13 })];
  cols.forEach((c, j) => body.push(text(cx(j), top - 10, c, { weight: 'bold', anchor: 'middle' })));
  body.push(el('rect', { x: x0 - 4, y: top - 4, width: cols.length * CELL + 18, height: data.studies.length * CELL + 8, fill: 'none', stroke: '#999', 'stroke-width': 0.6 }));
  data.studies.forEach((s, i) => {
    const cy = top + i * CELL + CELL / 2;
    body.push(text(x0 - 12, cy + 4, s.label, { anchor: 'end' }));
    [...s.judgements, s.overall].forEach((j, d) => {
      if (!j) return;
      const st = ROB_STYLES[j];
      body.push(
        el('g', { class: 'rob', 'data-study': s.label, 'data-domain': cols[d], 'data-judgement': j },
          el('circle', { cx: cx(d), cy, r: 10, fill: st.fill, stroke: d === cols.length - 1 ? '#333' : 'none', 'stroke-width': 0.8 }),
          text(cx(d), cy + 4.5, st.symbol, { anchor: 'middle', fill: j === 'some' || j === 'moderate' ? '#000' : '#fff', weight: 'bold', size: 13 }),
        ),
      );
    });
  });
  // legend: domains, then judgements
  const lx = x0 + cols.length * CELL + 34;
  let ly = top + 4;
  body.push(text(lx, ly, 'Domains:', { weight: 'bold' }));
  data.domains.forEach((d, i) => {
    for (const [k, l] of wrapText(`D${i + 1}: ${d}`, 300, FS).entries()) {
      ly += 14;
      body.push(text(lx + (k ? 22 : 0), ly, l));
    }
  });
  ly += 22;
  body.push(text(lx, ly, 'Judgement', { weight: 'bold' }));
  for (const j of data.levels) {
    ly += 18;
    const st = ROB_STYLES[j];
    body.push(el('circle', { cx: lx + 7, cy: ly - 4, r: 7, fill: st.fill }), text(lx + 7, ly - 0.5, st.symbol, { anchor: 'middle', fill: '#fff', weight: 'bold', size: 10 }), text(lx + 20, ly, levelLabel(j, data.labels)));
  }
  const width = lx + 320;
  const height = Math.max(top + data.studies.length * CELL + 20, ly + 16);
  return svgDocument(width, height, `Risk of bias traffic-light plot (${named(data)})`, body, FS);
}

/** Share (percent) of studies, or of weight when `weighted`, at each level for each domain and overall. */
export function robSummaryShares(data: RobData, weighted = false): { domain: string; shares: { level: RobJudgement; percent: number }[] }[] {
  const domains = [...data.domains, 'Overall risk of bias'];
  return domains.map((domain, d) => {
    const rows = data.studies.map((s) => ({ j: d < data.domains.length ? s.judgements[d] ?? null : s.overall, w: weighted ? s.weight ?? 0 : 1 }));
    const total = rows.filter((r) => r.j).reduce((t, r) => t + r.w, 0);
    return { domain, shares: data.levels.map((level) => ({ level, percent: total > 0 ? (100 * rows.filter((r) => r.j === level).reduce((t, r) => t + r.w, 0)) / total : 0 })) };
  });
}

/** Summary (weighted) bar plot. Each bar segment is a `rect.segment` with `data-level` and `data-percent`. */
export function robSummary(data: RobData, weighted = false): string {
  const shares = robSummaryShares(data, weighted);
  const labelW = Math.min(340, Math.max(...shares.map((s) => textWidth(s.domain, FS)))) + 16;
  const barW = 360;
  const x0 = 10 + labelW;
  const top = 44;
  const bar = 22;
  const body: string[] = [text(10, 24, `Risk of bias summary (${named(data)})${weighted ? ', weighted by study weight' : ''}`, { weight: 'bold', size: 13 })];
  shares.forEach((s, i) => {
    const y = top + i * (bar + 8);
    body.push(text(x0 - 10, y + bar / 2 + 4, s.domain, { anchor: 'end', weight: i === shares.length - 1 ? 'bold' : 'normal' }));
    let x = x0;
    for (const { level, percent } of s.shares) {
      if (percent <= 0) continue;
      const w = (barW * percent) / 100;
      body.push(el('rect', { x, y, width: w, height: bar, fill: ROB_STYLES[level].fill, class: 'segment', 'data-level': level, 'data-percent': percent }));
      x += w;
    }
    body.push(el('rect', { x: x0, y, width: barW, height: bar, fill: 'none', stroke: '#333', 'stroke-width': 0.6 }));
  });
  const axisY = top + shares.length * (bar + 8) + 2;
  body.push(line(x0, axisY, x0 + barW, axisY, { stroke: '#000' }));
  for (const p of [0, 25, 50, 75, 100]) {
    body.push(line(x0 + (barW * p) / 100, axisY, x0 + (barW * p) / 100, axisY + 4, { stroke: '#000' }), text(x0 + (barW * p) / 100, axisY + 16, `${p}%`, { anchor: 'middle', size: 10 }));
  }
  let lx = x0;
  const ly = axisY + 38;
  for (const j of data.levels) {
    const label = levelLabel(j, data.labels);
    body.push(el('rect', { x: lx, y: ly - 10, width: 12, height: 12, fill: ROB_STYLES[j].fill }), text(lx + 16, ly, label));
    lx += 28 + textWidth(label, FS);
  }
  return svgDocument(Math.max(x0 + barW + 20, lx + 10), ly + 14, `Risk of bias summary plot (${named(data)})`, body, FS);
}
