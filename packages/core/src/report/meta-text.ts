/**
 * The report's text for one meta-analysis, written from its results so that the words carry the
 * same numbers as the tables and the forest plot: the synthesis methods (PRISMA 2020 item 13d and,
 * where run, 13e–13f) and the results (items 20b–20d and 21). Pure: it reads a `metasift meta` report.
 */
import type { MetaAnalysisReport } from '../analysis/meta-analysis.js';
import type { RobustSummary } from '../analysis/robust-summary.js';
import type { MultilevelSummary } from '../analysis/multilevel.js';
import type { Cumulative } from '../analysis/cumulative.js';
import { subsetWords, type SensitivityFit } from '../analysis/sensitivity.js';
import { listOf, type ReportParagraph } from './selection-text.js';
import { METASIFT_VERSION } from '../version.js';
import type { LimitEstimate } from '../meta/regtest.js';

interface MeasureWords {
  /** How the methods name the effects pooled. */
  readonly name: string;
  /** How the results name the pooled effect, on the scale readers see. */
  readonly label: string;
  /** From the analysis scale to the one readers see (metafor's transf = exp, transf.ztor, transf.ilogit). */
  readonly back?: (x: number) => number;
  /** The analysis scale, for meta-regression coefficients (which stay on it). */
  readonly scale?: string;
}

const MEASURES: Record<string, MeasureWords> = {
  SMD: { name: "standardised mean differences (Hedges' g)", label: 'SMD' },
  MD: { name: 'mean differences', label: 'MD' },
  ROM: { name: 'ratios of means (analysed on the log scale)', label: 'ratio of means', back: Math.exp, scale: 'log ratio of means' },
  OR: { name: 'odds ratios (analysed on the log scale)', label: 'OR', back: Math.exp, scale: 'log OR' },
  RR: { name: 'risk ratios (analysed on the log scale)', label: 'RR', back: Math.exp, scale: 'log RR' },
  RD: { name: 'risk differences', label: 'RD' },
  PETO: { name: "Peto's odds ratios (analysed on the log scale)", label: 'Peto OR', back: Math.exp, scale: 'log Peto OR' },
  ZCOR: { name: "correlations (analysed as Fisher's r-to-z transformed values, reported back as r)", label: 'correlation', back: Math.tanh, scale: "Fisher's z" },
  COR: { name: 'correlation coefficients', label: 'correlation' },
  PLO: { name: 'proportions (analysed as logits, reported back as proportions)', label: 'proportion', back: (x) => 1 / (1 + Math.exp(-x)), scale: 'logit' },
  PR: { name: 'proportions', label: 'proportion' },
  GEN: { name: 'effect sizes as reported with their variances', label: 'effect' },
};

const wordsFor = (r: MetaAnalysisReport): MeasureWords => MEASURES[String(r['measure'])] ?? MEASURES['GEN']!;
const backOf = (r: MetaAnalysisReport): ((x: number) => number) => wordsFor(r).back ?? ((x) => x);

/** A measure's name in a methods sentence: "standardised mean differences (Hedges' g)". */
export function measureName(measure: string): string {
  return (MEASURES[measure] ?? MEASURES['GEN']!).name;
}

/** What readers call a measure's effect ("RR", "proportion") and the map from the analysis scale to it. */
export function measureReader(measure: string): { label: string; back: (x: number) => number } {
  const w = MEASURES[measure] ?? MEASURES['GEN']!;
  return { label: w.label, back: w.back ?? ((x) => x) };
}

/** What readers call the report's effect and the map from the analysis scale to it. */
export function readerScale(r: MetaAnalysisReport): { label: string; back: (x: number) => number } {
  return measureReader(String(r['measure']));
}

const TAU2: Record<string, string> = {
  DL: 'the DerSimonian–Laird estimator',
  REML: 'restricted maximum likelihood',
  ML: 'maximum likelihood',
  PM: 'the Paule–Mandel estimator',
  HE: 'the Hedges estimator',
  SJ: 'the Sidik–Jonkman estimator',
  EB: 'the empirical Bayes estimator',
  HS: 'the Hunter–Schmidt estimator',
};

/** The selection model in the methods: three parameters with one step, else a step function. */
function selectionWords(sel: { steps: number[]; alternative: string }): string {
  const inner = sel.steps.slice(0, -1);
  const where = `${inner.length === 1 ? 'a step' : 'steps'} at ${listOf(inner.map(String))}`;
  return `${inner.length === 1 ? 'a three-parameter selection model' : 'a step-function selection model'} (Vevea & Hedges 1995: publication assumed to depend on the one-sided p-value of a test for an effect ${sel.alternative === 'less' ? 'below' : 'above'} zero, with ${where}, fitted by maximum likelihood)`;
}

/** How each test is described in the methods. */
const TEST_WORDS: Record<string, string> = {
  z: 'Wald-type z tests and confidence intervals',
  t: 't-based tests and confidence intervals (k − p degrees of freedom) without rescaling the variance',
  knha: 'the Knapp–Hartung adjustment (t-based tests and confidence intervals)',
  adhoc: 'the Knapp–Hartung adjustment with its ad hoc correction (t-based tests and confidence intervals, never narrower than without the adjustment)',
};

/** A number for prose: 2 decimals, 3 significant digits below 0.1, 1 decimal from 100; a true minus sign. */
export function proseNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : x < 0 ? '−∞' : 'not estimable';
  const a = Math.abs(x);
  const small = (v: number): string => {
    const short = String(Number(v.toPrecision(2)));
    return short.includes('e') ? v.toPrecision(2) : short;
  };
  const s = a === 0 ? '0' : a >= 100 ? a.toFixed(1) : a >= 0.1 ? a.toFixed(2) : small(a);
  return x < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** "p < 0.001", "p = 0.004", "p = 0.03". */
export function proseP(p: number): string {
  if (!(p >= 0)) return 'p not estimable';
  return p < 0.001 ? 'p < 0.001' : p < 0.01 ? `p = ${p.toFixed(3)}` : `p = ${p.toFixed(2)}`;
}

const interval = (lo: number, hi: number): string => `${proseNumber(lo)} to ${proseNumber(hi)}`;
const percent = (x: number): string => `${x.toFixed(0)}%`;

type Num = number | null | undefined;
const n = (r: MetaAnalysisReport, key: string): number => r[key] as number;

function methods(r: MetaAnalysisReport, software: string, subgroup?: string, mods?: readonly string[]): string {
  const measure = wordsFor(r);
  const method = String(r['method']);
  const level = n(r, 'level');
  const out: string[] = [];
  if (method === 'MH' || method === 'PETO') {
    out.push(`We pooled ${measure.name} with a common-effect model by ${method === 'MH' ? 'the Mantel–Haenszel method' : "Peto's method"}, with ${level}% confidence intervals; heterogeneity is described by Cochran's Q and I².`);
  } else if (method === 'EE') {
    out.push(`We pooled ${measure.name} with a common-effect (equal-effects) model with inverse-variance weights and ${level}% confidence intervals; heterogeneity is described by Cochran's Q and I².`);
  } else if (r['multilevel']) {
    const ml = r['multilevel'] as MultilevelSummary;
    const col = ml.column.replace(/_/g, ' ');
    const test = r['test'] === 't' ? `t tests and confidence intervals with k − p degrees of freedom` : 'Wald-type z tests and confidence intervals';
    out.push(
      `Because several rows came from one ${col}, we pooled ${measure.name} with a three-level random-effects model (rows nested in ${col}; Cheung 2014), estimating ${ml.column === 'study_id' ? 'the variance between studies and between comparisons within a study' : `the variance between levels of ${col} and within each level`} by ${TAU2[method] ?? method} (metafor's rma.mv), with ${test} at the ${level}% level.`,
    );
    out.push(
      `Heterogeneity is described by the variance at each level${r['sigma2_ci'] ? ' with its profile-likelihood confidence interval' : ''} and its share of the total variance (I²)${r['level_tests'] ? ', a likelihood-ratio test of each level against the model without it' : ''}, Cochran's Q, and a ${level}% prediction interval for the effect in a new study.`,
    );
  } else {
    const test = TEST_WORDS[String(r['test'])] ?? TEST_WORDS['z']!;
    out.push(`We pooled ${measure.name} with a random-effects model with inverse-variance weights, estimating the between-study variance τ² by ${TAU2[method] ?? method}, with ${test} at the ${level}% level.`);
    out.push(`Heterogeneity is described by τ², I² and H²${r['tau2_ci'] ? ' with Q-profile confidence intervals' : ''}, Cochran's Q, and a ${level}% prediction interval for the effect in a new study.`);
  }
  if (subgroup) out.push(`Subgroups by ${subgroup} were analysed separately with the same model and compared by a test for subgroup differences (a fixed-effect Q across the subgroup estimates).`);
  if (mods?.length) out.push(`Meta-regression on ${mods.join(', ')} tested whether they explain heterogeneity (omnibus QM test, R²).`);
  const rob = r['robust'] as RobustSummary | undefined;
  if (rob)
    out.push(
      `Because rows of one ${rob.column.replace(/_/g, ' ')} are not independent, tests and confidence intervals were also computed with cluster-robust (sandwich) standard errors clustered by ${rob.column.replace(/_/g, ' ')} (the CR1 small-sample adjustment, t with ${rob.df} degrees of freedom; metafor's robust()).`,
    );
  if (!r['leave1out'] && r['influence']) out.push('Outlier and influence diagnostics were examined (studentised deleted residuals, DFFITS, Cook’s distances, covariance ratios and DFBETAS; Viechtbauer & Cheung 2010).');
  if (r['leave1out'])
    out.push(
      r['influence']
        ? 'Each study’s influence was examined by leaving it out in turn, with outlier and influence diagnostics (studentised deleted residuals, DFFITS, Cook’s distances, covariance ratios and DFBETAS; Viechtbauer & Cheung 2010).'
        : 'Each study’s influence was examined by leaving it out in turn.',
    );
  const subsets = (r['sensitivity'] as SensitivityFit[] | undefined) ?? [];
  if (subsets.length) out.push(`As sensitivity analyses the same model was refitted on the studies ${listOf(subsets.map(subsetWords))}.`);
  const cumulative = r['cumulative'] as Cumulative | undefined;
  if (cumulative) out.push(`A cumulative meta-analysis added the studies one at a time in order of ${cumulative.column.replace(/_/g, ' ')}.`);
  const bias = [
    r['egger'] ? "Egger's regression test" : '',
    r['ranktest'] ? "Begg and Mazumdar's rank correlation test" : '',
    r['trimfill'] ? 'trim-and-fill (L0 estimator)' : '',
    r['pet_peese'] ? 'PET-PEESE (Stanley & Doucouliagos 2014)' : '',
    r['selmodel'] ? selectionWords(r['selmodel'] as { steps: number[]; alternative: string }) : '',
  ].filter(Boolean);
  if (bias.length) out.push(`Small-study effects were assessed with ${listOf(bias)}.`);
  out.push(`Analyses were run in ${software}, whose results agree with those of the R package metafor (Viechtbauer 2010).`);
  return out.join(' ');
}

/** "SMD was 0.81 (95% CI 0.09 to 1.53; t(5) = 2.90, p = 0.03)", back-transformed for ratios. */
function pooled(r: MetaAnalysisReport): string {
  const measure = wordsFor(r);
  const back = backOf(r);
  const level = n(r, 'level');
  const [est, lo, hi] = [back(n(r, 'estimate')), back(n(r, 'ci_lower')), back(n(r, 'ci_upper'))];
  const df = r['df'] as Num;
  const stat = typeof df === 'number' ? `t(${df}) = ${proseNumber(n(r, 'statistic'))}` : `z = ${proseNumber(n(r, 'statistic'))}`;
  return `${measure.label} was ${proseNumber(est)} (${level}% CI ${interval(lo, hi)}; ${stat}, ${proseP(n(r, 'pval'))})`;
}

function heterogeneity(r: MetaAnalysisReport): string {
  const parts: string[] = [];
  const method = String(r['method']);
  const tau2ci = r['tau2_ci'] as [number, number] | undefined;
  const i2ci = r['I2_ci'] as [number, number] | undefined;
  const sigma2 = r['sigma2'] as [number, number] | undefined;
  const i2 = r['I2_levels'] as [number, number] | undefined;
  if (sigma2 && i2) {
    const ci = r['sigma2_ci'] as [number, number][] | undefined;
    const tests = r['level_tests'] as { LRT: number; pval: number }[] | undefined;
    const about = (j: number): string =>
      [ci ? `${n(r, 'level')}% CI ${interval(ci[j]![0], ci[j]![1])}` : '', `I² = ${percent(i2[j]!)}`, tests ? `LRT ${proseNumber(tests[j]!.LRT)}, ${proseP(tests[j]!.pval)}` : ''].filter(Boolean).join('; ');
    parts.push(`σ² between ${plural(r)} = ${proseNumber(sigma2[0])} (${about(0)}), within = ${proseNumber(sigma2[1])} (${about(1)}), total I² = ${percent(n(r, 'I2'))}`);
  }
  else if (method !== 'EE' && method !== 'MH' && method !== 'PETO') parts.push(`τ² = ${proseNumber(n(r, 'tau2'))}${tau2ci ? ` (${interval(tau2ci[0], tau2ci[1])})` : ''}`);
  if (!sigma2) parts.push(`I² = ${percent(n(r, 'I2'))}${i2ci ? ` (${percent(i2ci[0])} to ${percent(i2ci[1])})` : ''}`);
  parts.push(`Q = ${proseNumber(n(r, 'Q'))} (df = ${n(r, 'Q_df')}, ${proseP(n(r, 'Q_pval'))})`);
  return parts.join(', ');
}

/** "studies" when a three-level model nests rows in study_id, else the column's name. */
function plural(r: MetaAnalysisReport): string {
  const col = (r['multilevel'] as MultilevelSummary).column;
  return col === 'study_id' || col === 'study' ? 'studies' : `levels of ${col.replace(/_/g, ' ')}`;
}

function results(r: MetaAnalysisReport, subgroup?: string): string {
  const out: string[] = [];
  const k = n(r, 'k');
  const method = String(r['method']);
  const level = n(r, 'level');
  const measure = wordsFor(r);
  const back = backOf(r);
  const coefficients = r['coefficients'] as { name: string; estimate: number; ci_lower: number; ci_upper: number; pval: number }[] | undefined;
  const rob = r['robust'] as RobustSummary | undefined;
  if (coefficients) {
    const slopes = coefficients.filter((c) => c.name !== 'intrcpt').map((c) => `${c.name} ${proseNumber(c.estimate)} (${level}% CI ${interval(c.ci_lower, c.ci_upper)}, ${proseP(c.pval)})`);
    const scale = measure.scale ? ` (on the ${measure.scale} scale)` : '';
    const one = slopes.length === 1;
    out.push(`In a meta-regression of ${k} studies, the ${one ? 'coefficient' : 'coefficients'}${scale} ${one ? 'was' : 'were'} ${slopes.join('; ')}; ${one ? 'the moderator' : 'together the moderators'} gave QM = ${proseNumber(n(r, 'QM'))} (df = ${r['QM_df'] as number}, ${proseP(n(r, 'QM_pval'))})${typeof r['R2'] === 'number' ? ` and accounted for ${percent(n(r, 'R2'))} of the heterogeneity (R²)` : ''}; residual ${heterogeneity(r)}.`);
    if (rob?.QM_df) out.push(`With cluster-robust standard errors (${rob.clusters} clusters), the test of the moderators gave F(${rob.QM_df[0]}, ${rob.QM_df[1]}) = ${proseNumber(rob.QM!)} (${proseP(rob.QM_pval!)}).`);
    return out.join(' ');
  }
  const ml = r['multilevel'] as MultilevelSummary | undefined;
  const studies = typeof r['studies'] === 'number' && r['studies'] < k ? r['studies'] : null;
  const across = studies !== null ? `${k} comparisons from ${studies} ${studies === 1 ? 'study' : 'studies'}` : ml ? `${k} effect sizes in ${ml.clusters} ${plural(r)}` : `${k} ${k === 1 ? 'study' : 'studies'}`;
  out.push(`Across ${across}, the pooled ${pooled(r)}.`);
  if (rob) {
    out.push(
      `With cluster-robust standard errors (${rob.clusters} clusters), its ${level}% CI was ${interval(back(rob.ci_lower), back(rob.ci_upper))} (t(${rob.df}) = ${proseNumber(rob.statistic)}, ${proseP(rob.pval)}).`,
    );
  }
  const random = method !== 'EE' && method !== 'MH' && method !== 'PETO';
  const [plo, phi] = [r['pi_lower'] as Num, r['pi_upper'] as Num].map((x) => (typeof x === 'number' ? back(x) : x));
  out.push(`Heterogeneity: ${heterogeneity(r)}${random && typeof plo === 'number' && typeof phi === 'number' ? `; ${level}% prediction interval ${interval(plo, phi)}` : ''}.`);
  const sub = r['subgroups'] as { groups: { level: string; k: number; estimate: number; ci_lower: number; ci_upper: number; I2: number }[]; omitted: string[]; Q_between: number; Q_between_df: number; Q_between_pval: number } | undefined;
  if (sub && subgroup) {
    const groups = sub.groups.map((g) => `${g.level} ${proseNumber(back(g.estimate))} (${interval(back(g.ci_lower), back(g.ci_upper))}; ${g.k} studies, I² = ${percent(g.I2)})`);
    out.push(`By ${subgroup}: ${groups.join('; ')}${sub.omitted.length ? ` (${sub.omitted.join(', ')}: fewer than two studies, not pooled)` : ''}; ${sub.Q_between_df > 0 ? `test for subgroup differences Q = ${proseNumber(sub.Q_between)} (df = ${sub.Q_between_df}, ${proseP(sub.Q_between_pval)})` : 'with one subgroup pooled, there was no test for subgroup differences'}.`);
  }
  return out.join(' ');
}

/** The studies metafor's influence() flags, in a sentence, or null without the diagnostics. */
function influential(r: MetaAnalysisReport): string | null {
  const inf = r['influence'] as { inf: boolean[] } | undefined;
  const study = r['study'] as string[] | undefined;
  if (!inf || !study) return null;
  const flagged = study.filter((_, i) => inf.inf[i]);
  const criteria = '(DFFITS, Cook’s distance, hat value or DFBETAS beyond metafor’s cut-offs)';
  return flagged.length ? `${listOf(flagged)} ${flagged.length === 1 ? 'was' : 'were'} influential ${criteria}.` : `No study was influential ${criteria}.`;
}

/** "Refitted on the 4 of 13 studies whose alloc is not random, the pooled RR was 0.55 (95% CI …)." */
function subsetSentences(r: MetaAnalysisReport): string[] {
  const fits = (r['sensitivity'] as SensitivityFit[] | undefined) ?? [];
  const measure = wordsFor(r);
  const back = backOf(r);
  return fits.map((f) =>
    f.note
      ? `Refitted on the studies ${subsetWords(f)}: ${f.k === 1 ? 'one study' : 'no study'} left, so no model.`
      : `Refitted on the ${f.k} of ${n(r, 'k')} studies ${subsetWords(f)}, the pooled ${measure.label} was ${proseNumber(back(f['estimate'] as number))} (${n(r, 'level')}% CI ${interval(back(f['ci_lower'] as number), back(f['ci_upper'] as number))}; ${proseP(f['pval'] as number)}).`,
  );
}

/** Measures without a value of no effect (a single group's proportion): no statement about the CI and 0. */
const NO_NULL = new Set(['PR', 'PLO']);

/** "In a cumulative meta-analysis by year, the pooled RR went from 0.41 (1 study) to 0.49 (13); its 95% CI excluded no effect from the 2nd study on (Ferguson 1949)." */
function cumulativeSentence(r: MetaAnalysisReport): string | null {
  const c = r['cumulative'] as (Cumulative & { estimate: number[]; ci_lower: number[]; ci_upper: number[] }) | undefined;
  if (!c || !c.study.length) return null;
  const measure = wordsFor(r);
  const back = backOf(r);
  const last = c.study.length - 1;
  const out = [`In a cumulative meta-analysis by ${c.column.replace(/_/g, ' ')}, the pooled ${measure.label} went from ${proseNumber(back(c.estimate[0]!))} (${c.study[0]}) to ${proseNumber(back(c.estimate[last]!))} (all ${c.study.length} studies).`];
  if (!NO_NULL.has(String(r['measure']))) {
    const excludes = c.estimate.map((_, i) => c.ci_lower[i]! > 0 || c.ci_upper[i]! < 0);
    if (!excludes[last]) out.push(`Its ${n(r, 'level')}% CI included no effect at the end.`);
    else {
      let from = last;
      while (from > 0 && excludes[from - 1]) from--;
      out.push(`Its ${n(r, 'level')}% CI excluded no effect from study ${from + 1} on (${c.study[from]}).`);
    }
  }
  return out.join(' ');
}

function sensitivity(r: MetaAnalysisReport): string | null {
  const parts = [leaveOneOut(r), ...subsetSentences(r), cumulativeSentence(r)].filter((x): x is string => !!x);
  return parts.length ? parts.join(' ') : null;
}

function leaveOneOut(r: MetaAnalysisReport): string | null {
  const l = r['leave1out'] as { estimate: number[] } | undefined;
  const study = r['study'] as string[] | undefined;
  if (!l || !study || l.estimate.length < 2) return influential(r);
  const measure = wordsFor(r);
  const back = backOf(r);
  let lo = 0;
  let hi = 0;
  l.estimate.forEach((e, i) => {
    if (e < l.estimate[lo]!) lo = i;
    if (e > l.estimate[hi]!) hi = i;
  });
  const range = `Leaving out one study at a time, the pooled ${measure.label} ranged from ${proseNumber(back(l.estimate[lo]!))} (without ${study[lo]}) to ${proseNumber(back(l.estimate[hi]!))} (without ${study[hi]}).`;
  const inf = influential(r);
  return inf ? `${range} ${inf}` : range;
}

function reportingBias(r: MetaAnalysisReport): string | null {
  const egger = r['egger'] as { statistic: number; df: number; pval: number } | undefined;
  const tf = r['trimfill'] as { k0: number; side: string; estimate: number; ci_lower: number; ci_upper: number } | undefined;
  const measure = wordsFor(r);
  const back = backOf(r);
  const out: string[] = [];
  if (egger) out.push(`Egger's regression test gave t(${egger.df}) = ${proseNumber(egger.statistic)}, ${proseP(egger.pval)}.`);
  const rank = r['ranktest'] as { tau: number; pval: number } | undefined;
  if (rank) out.push(`The rank correlation test gave Kendall's τ = ${proseNumber(rank.tau)}, ${proseP(rank.pval)}.`);
  if (tf) {
    out.push(
      tf.k0 === 0
        ? 'Trim-and-fill imputed no studies.'
        : `Trim-and-fill imputed ${tf.k0} ${tf.k0 === 1 ? 'study' : 'studies'} on the ${tf.side}; the adjusted ${measure.label} was ${proseNumber(back(tf.estimate))} (95% CI ${interval(back(tf.ci_lower), back(tf.ci_upper))}).`,
    );
  }
  const pp = r['pet_peese'] as { pet: Limit; peese: Limit; chosen: 'PET' | 'PEESE' } | undefined;
  if (pp) {
    const chosen = pp.chosen === 'PET' ? pp.pet : pp.peese;
    out.push(
      `PET-PEESE (${pp.chosen}, as PET's limit estimate ${pp.chosen === 'PET' ? 'did not differ' : 'differed'} from zero at the 5% level) gave an adjusted ${measure.label} of ${proseNumber(back(chosen.estimate))} (${n(r, 'level')}% CI ${interval(back(chosen.ci_lower), back(chosen.ci_upper))}).`,
    );
  }
  const sel = r['selmodel'] as (Limit & { delta: number[]; LRT: number; LRT_df: number; LRT_pval: number }) | undefined;
  if (sel)
    out.push(
      `The selection model gave an adjusted ${measure.label} of ${proseNumber(back(sel.estimate))} (${n(r, 'level')}% CI ${interval(back(sel.ci_lower), back(sel.ci_upper))}), with non-significant results ${proseNumber(sel.delta[1]!)} times as likely to be published as significant ones (likelihood-ratio test for selection χ²(${sel.LRT_df}) = ${proseNumber(sel.LRT)}, ${proseP(sel.LRT_pval)}).`,
    );
  return out.length ? out.join(' ') : null;
}

type Limit = Pick<LimitEstimate, 'estimate' | 'ci_lower' | 'ci_upper'>;

/** The paragraphs for one analysis: methods (13d–13f), results (20b–20c), sensitivity (20d), reporting bias (21). */
export function metaText(report: MetaAnalysisReport, options: { subgroup?: string; mods?: readonly string[]; software?: string } = {}): ReportParagraph[] {
  // what the methods paragraph also answers: heterogeneity explored (13e), sensitivity (13f), reporting bias (14)
  const covers = [
    ...(options.subgroup || options.mods?.length ? ['13e'] : []),
    ...(report['leave1out'] || report['influence'] || report['sensitivity'] || report['cumulative'] ? ['13f'] : []),
    ...(report['egger'] || report['ranktest'] || report['trimfill'] || report['selmodel'] ? ['14'] : []),
  ];
  const out: ReportParagraph[] = [
    { item: '13d', heading: 'Synthesis methods', text: methods(report, options.software ?? `metasift ${METASIFT_VERSION}`, options.subgroup, options.mods), ...(covers.length && { covers }) },
    { item: '20b', heading: 'Results of syntheses', text: results(report, options.subgroup) },
  ];
  const s = sensitivity(report);
  if (s) out.push({ item: '20d', heading: 'Sensitivity analysis', text: s });
  const b = reportingBias(report);
  if (b) out.push({ item: '21', heading: 'Reporting biases', text: b });
  return out;
}
