/**
 * An R script that redoes a `metasift meta` analysis with metafor and checks every number metasift
 * reported against metafor's own: the data (embedded, so the script stands alone), escalc(), the model
 * (rma, rma.mh, rma.peto or the three-level rma.mv), predict(), confint(), regtest(), trimfill(),
 * leave1out(), influence(), robust(), one model per subgroup with the test for subgroup differences, or
 * the meta-regression. The script ends with r-source.ts's harness, which lists what agrees and exits with
 * status 1 when anything differs, so a statistician can rerun a review's numbers in the reference
 * implementation with one command. Pure: it returns the script's text.
 */
import { smallStudyChecks } from './r-small-study.js';
import { matchColumnSet } from '../effects/escalc.js';
import { MEASURES, isMeasureCode } from '../effects/registry.js';
import type { Influence } from '../meta/influence.js';
import { T_TESTS, type Coefficient, type TestCode } from '../meta/types.js';
import type { MultilevelSummary } from './multilevel.js';
import { labelColumn, type MetaAnalysisReport } from './meta-analysis.js';
import { robustCoefficients, type RobustSummary } from './robust-summary.js';
import { moderatorLevels } from './moderators.js';
import type { Cumulative } from './cumulative.js';
import type { SensitivityFit } from './sensitivity.js';
import { isNumericColumn, numericColumn, textColumn, type DataTable } from './table.js';
import { finish, numbers, rName, rNumber, rString, rVector, type Check, type CheckFn, type Num, type Say } from './r-source.js';

export { R_SCRIPT_TOLERANCE, rNumber, rString } from './r-source.js';

export interface RScriptOptions {
  /** The column named by --subgroup, as given to the analysis. */
  readonly subgroup?: string;
  /** The columns named by --mods, as given to the analysis. */
  readonly mods?: readonly string[];
  /** How the analysis was run (e.g. the command line), for the script's first lines. */
  readonly command?: string;
  /** Who wrote the script (e.g. "metasift 0.1.0"). */
  readonly generator?: string;
}

/** The text of an R script that reproduces `report` (the result of metaAnalysis on `table`). */
export function metaRScript(table: DataTable, report: MetaAnalysisReport, options: RScriptOptions = {}): string {
  const measure = String(report['measure'] ?? (report['method'] === 'PETO' ? 'PETO' : ''));
  if (!isMeasureCode(measure)) throw new Error(`metaRScript: the report names no known measure (${measure})`);
  const method = String(report['method']);
  const rows = report['rows'] as number[];
  const level = report['level'] as number;
  const measureColumns = [...(matchColumnSet(MEASURES[measure], table.columns) ?? [])];
  const label = labelColumn(table);
  const mods = options.mods ?? [];
  const subgroup = options.subgroup;
  const textColumns = new Set<string>([...(label ? [label] : []), ...(subgroup ? [subgroup] : [])]);
  const factorMods = mods.filter((m) => !isNumericColumn(table, m));
  factorMods.forEach((m) => textColumns.add(m));
  const subsets = (report['sensitivity'] as SensitivityFit[] | undefined) ?? [];
  subsets.forEach((x) => textColumns.add(x.column));
  const cluster = (report['robust'] as RobustSummary | undefined)?.column ?? (report['multilevel'] as MultilevelSummary | undefined)?.column;
  if (cluster) textColumns.add(cluster);
  const columns = [...new Set([...(label ? [label] : []), ...measureColumns, ...(subgroup ? [subgroup] : []), ...mods, ...subsets.map((x) => x.column), ...(cluster ? [cluster] : [])])];

  const out: string[] = [];
  const say = (...lines: string[]): void => {
    out.push(...lines);
  };
  say(
    `# Reproduces ${options.command ? `\`${options.command.replace(/\n/g, ' ')}\`` : 'a metasift meta-analysis'} with R's metafor.`,
    `# Written by ${options.generator ?? 'metasift'}. Run it with: Rscript <this file>  (needs the metafor package)`,
    '# The data are below as metasift read them. At the end every number metasift reported is compared with',
    `# metafor's (each within 1e-6 relative); the script exits with status 1 if any differ.`,
    '',
    'library(metafor)',
    '',
    'dat <- data.frame(',
  );
  const colLines = columns.map((c) => {
    const values = textColumns.has(c) && !measureColumns.includes(c) ? textColumn(table, c).map(rString) : numericColumn(table, c).map(rNumber);
    return `  ${rName(c)} = ${rVector(values, '  ')}`;
  });
  say(`${colLines.join(',\n')},`, '  check.names = FALSE, stringsAsFactors = FALSE', ')');
  if (rows.length !== table.rows.length) {
    const left = table.rows.map((_, i) => i + 1).filter((r) => !rows.includes(r));
    say(`# metasift analysed ${rows.length} of the ${table.rows.length} rows; left out: row${left.length > 1 ? 's' : ''} ${left.join(', ')} (see its warnings)`);
  }

  const checks: Check[] = [];
  const check = (label: string, r: string, ours: unknown, abs?: number): void => {
    if (ours === undefined || ours === null) return;
    if (typeof ours === 'number' || Array.isArray(ours)) checks.push({ label, r, ours: ours as Num | Num[], ...(abs !== undefined && { abs }) });
  };
  const subset = rows.length === table.rows.length ? '' : `dat <- dat[${numbers(rows)}, ]`;
  const cols = (names: readonly string[]): string => names.map((c) => `${c} = ${rName(c)}`).join(', ');

  if (method === 'MH' || method === 'PETO') {
    if (subset) say(subset);
    const tableCols = measureColumns.filter((c) => ['ai', 'bi', 'ci', 'di', 'n1i', 'n2i'].includes(c));
    say(
      '',
      method === 'MH'
        ? `res <- rma.mh(${cols(tableCols)}, data = dat, measure = ${rString(measure)}, level = ${level})`
        : `res <- rma.peto(${cols(tableCols)}, data = dat, level = ${level})`,
      'print(res)',
    );
    checkWald(check, report, 'res', 0);
    check('Q', 'res$QE', report['Q']);
    check('Q_pval', 'res$QEp', report['Q_pval']);
    check('I2', 'res$I2', report['I2']);
    check('H2', 'res$H2', report['H2']);
    check('k', 'res$k', report['k']);
    transformed(say, check, report, 'res', false, false);
    const call = method === 'MH' ? `rma.mh(${cols(tableCols)}, data = dat, measure = ${rString(measure)}, level = ${level}` : `rma.peto(${cols(tableCols)}, data = dat, level = ${level}`;
    sensitivity(say, check, subsets, (where) => `${call}, subset = ${where})`, 0);
    cumulative(say, check, report, false);
    return finish(out, checks);
  }

  if (measure === 'GEN') {
    if (measureColumns.includes('sei')) say('dat$vi <- dat$sei^2');
  } else {
    say(`dat <- escalc(measure = ${rString(measure)}, ${cols(measureColumns)}, data = dat${label ? `, slab = ${rName(label)}` : ''})`);
  }
  if (subset) say(subset);
  for (const m of factorMods) {
    // the same levels, in the same order, as metasift's own dummy coding
    const levels = moderatorLevels(textColumn(table, m), rows.map((r) => r - 1));
    say(`dat[[${rString(m)}]] <- factor(dat[[${rString(m)}]], levels = ${rVector(levels.map(rString), '')})  # first level is the reference, as in metasift`);
  }
  const ml = report['multilevel'] as MultilevelSummary | undefined;
  if (ml) {
    multilevel(say, check, report, ml, mods);
    return finish(out, checks);
  }
  const model = `rma(yi, vi, ${mods.length ? `mods = ~ ${mods.map(rName).join(' + ')}, ` : ''}data = dat, method = ${rString(method)}`;
  const fitArgs = `method = ${rString(method)}, test = ${rString(String(report['test']))}, level = ${level}, control = ctrl`;
  say('', ...controlLines(method, model));
  // a saturated model (k = p) has no t-based test: metasift used z, with a warning, and so does the script
  const mainTest = report['df'] === null && T_TESTS.includes(report['test'] as TestCode) ? 'z' : String(report['test']);
  const main = `${model}, test = ${rString(mainTest)}, level = ${level}, control = ctrl)`;
  if (method === 'ML' || method === 'REML' || method === 'EB')
    say(
      "# where full Fisher scoring steps swing about a tiny tau^2 without converging, half steps (stepadj) reach the optimum",
      `res <- tryCatch(${main}, error = function(e) { ctrl <<- modifyList(ctrl, list(stepadj = 0.5)); ${main} })`,
    );
  else say(`res <- ${main}`);
  say('print(res)');
  check('k', 'res$k', report['k']);
  check('yi', 'as.numeric(dat$yi)', report['yi']);
  check('vi', 'as.numeric(dat$vi)', report['vi']);
  check('weights', 'as.numeric(weights(res))', report['weights']);
  heterogeneity(check, report, 'res');

  if (mods.length) {
    coefficientChecks(check, report);
    check('R2', 'res$R2', report['R2']);
    influenceChecks(say, check, report);
  } else {
    say('pred <- predict(res)', 'print(pred)');
    if (method === 'EE') say('# metafor gives an equal-effects model no prediction interval; metasift reports its CI there', 'pred$pi.lb <- pred$ci.lb', 'pred$pi.ub <- pred$ci.ub');
    checkWald(check, report, 'res', 1);
    check('df', 'res$ddf', report['df']);
    check('pi_lower', 'pred$pi.lb', report['pi_lower']);
    check('pi_upper', 'pred$pi.ub', report['pi_upper']);
    extras(say, check, report, method);
    influenceChecks(say, check, report);
  }
  if (MEASURES[measure].scale === 'log') transformed(say, check, report, 'res', mods.length > 0, method === 'EE');
  robust(say, check, report);
  if (subgroup && report['subgroups']) subgroups(say, check, report, subgroup, fitArgs);
  sensitivity(say, check, subsets, (where) => `rma(yi, vi, data = dat, subset = ${where}, ${fitArgs})`, 1);
  cumulative(say, check, report, method !== 'EE');
  return finish(out, checks);
}

/** Each coefficient of a meta-regression (res) and the omnibus test of the moderators. */
function coefficientChecks(check: CheckFn, report: Record<string, unknown>): void {
  for (const c of report['coefficients'] as Coefficient[]) {
    const at = `coef(summary(res))[${rString(c.name)}, ]`;
    check(`${c.name}: estimate`, `${at}$estimate`, c.estimate);
    check(`${c.name}: se`, `${at}$se`, c.se);
    check(`${c.name}: statistic`, `${at}[[3]]`, c.statistic);
    check(`${c.name}: pval`, `${at}$pval`, c.pval);
    check(`${c.name}: ci_lower`, `${at}$ci.lb`, c.ci_lower);
    check(`${c.name}: ci_upper`, `${at}$ci.ub`, c.ci_upper);
  }
  check('QM', 'res$QM', report['QM']);
  check('QM_df', 'res$QMdf[1]', report['QM_df']);
  check('QM_pval', 'res$QMp', report['QM_pval']);
}

/**
 * The three-level model as rma.mv(random = ~ 1 | COL/es_id): its optimiser (nlminb on log σ²) is asked
 * for a relative tolerance of 1e-12 (1e-10 where it cannot get there), then Nelder–Mead goes on from
 * there; σ² per level, I² per level by metafor's FAQ formula, the log-likelihood, confint()'s profile
 * intervals, anova()'s likelihood-ratio tests, the model and its prediction interval checked.
 */
function multilevel(say: Say, check: CheckFn, r: Record<string, unknown>, ml: MultilevelSummary, mods: readonly string[]): void {
  const model = `rma.mv(yi, vi, ${mods.length ? `mods = ~ ${mods.map(rName).join(' + ')}, ` : ''}random = ~ 1 | ${rName(ml.column)}/es_id, sigma2 = sigma2, data = d, method = ${rString(String(r['method']))}, test = ${rString(String(r['test']))}, level = ${String(r['level'])}, control = control)`;
  say(
    '',
    `# the three-level model: effect sizes (es_id) nested in ${ml.column}`,
    'dat$es_id <- seq_len(nrow(dat))',
    '# metasift iterates to the optimum. nlminb (metafor\'s default) stops early where the likelihood is flat,',
    '# so Nelder-Mead, started where nlminb stopped, is asked to go on to a tight tolerance; the main fit is also',
    "# polished from metasift's estimates, and the higher likelihood of the two kept",
    'ml_fit <- function(d, sigma2 = c(NA, NA), start = NULL) {',
    `  fit <- function(control) ${model}`,
    '  res <- tryCatch(fit(list(rel.tol = 1e-12, iter.max = 10000, eval.max = 10000)), error = function(e)',
    '    tryCatch(fit(list(rel.tol = 1e-10, iter.max = 10000, eval.max = 10000)), error = function(e) NULL))',
    '  polish <- list(optimizer = "Nelder-Mead", reltol = 1e-15, maxit = 10000)',
    '  if (!is.null(res)) polish$sigma2.init <- res$sigma2',
    '  out <- tryCatch(fit(polish), error = function(e) if (is.null(res)) stop(e) else res)',
    '  if (!is.null(start)) {',
    '    alt <- tryCatch(fit(modifyList(polish, list(sigma2.init = pmax(start, 1e-10)))), error = function(e) NULL)',
    '    if (!is.null(alt) && c(logLik(alt)) > c(logLik(out))) out <- alt',
    '  }',
    '  out',
    '}',
    `res <- ml_fit(dat, start = ${numbers(r['sigma2'] as number[], '')})`,
    'print(res)',
    '# I^2 per level (metafor FAQ): sigma^2 over sigma^2 plus the typical sampling variance',
    'ml_I2 <- function(res) {',
    '  W <- diag(1 / res$vi, nrow = length(res$vi))',
    '  X <- model.matrix(res)',
    '  P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W',
    '  100 * res$sigma2 / (sum(res$sigma2) + (res$k - res$p) / sum(diag(P)))',
    '}',
    'I2 <- ml_I2(res)',
    'print(I2)',
  );
  check('k', 'res$k', r['k']);
  check('yi', 'as.numeric(dat$yi)', r['yi']);
  check('vi', 'as.numeric(dat$vi)', r['vi']);
  check('weights', 'as.numeric(weights(res))', r['weights']);
  check('sigma2', 'res$sigma2', r['sigma2'], BOUNDARY_SIGMA2);
  check('nlevels', 'res$s.nlevels', r['nlevels']);
  check('I2_levels', 'I2', r['I2_levels'], BOUNDARY_I2);
  check('I2', 'sum(I2)', r['I2'], BOUNDARY_I2);
  check('Q', 'res$QE', r['Q']);
  check('Q_df', 'res$k - res$p', r['Q_df']);
  check('Q_pval', 'res$QEp', r['Q_pval']);
  check('logLik', 'as.numeric(logLik(res))', r['logLik']);
  const ci = r['sigma2_ci'] as [number, number][] | undefined;
  if (ci) {
    say(
      '',
      "# each level's profile-likelihood interval, with uniroot's tolerance tightened. A lower bound metafor marks \"<\" is",
      '# where its search had to start above 0 because the refit at 0 failed: no bound of its own (NA, not compared)',
      'ci <- confint(res, control = list(tol = 1e-10))',
      'print(ci)',
      'ci.bounds <- function(x) c(if (x$lb.sign == "<") NA else x$random[1, "ci.lb"], x$random[1, "ci.ub"])',
    );
    ci.forEach((bounds, j) => check(`sigma2_ci ${j + 1}`, `ci.bounds(ci[[${j + 1}]])`, bounds, BOUNDARY_SIGMA2));
  }
  const tests = r['level_tests'] as { LRT: number; pval: number }[] | undefined;
  if (tests) {
    say('', '# the likelihood-ratio test of each level: the model without it, compared by anova()');
    tests.forEach((t, j) => {
      say(`lrt${j + 1} <- anova(res, ml_fit(dat, sigma2 = ${j === 0 ? 'c(0, NA)' : 'c(NA, 0)'}))`, `print(lrt${j + 1})`);
      check(`level_tests ${j + 1}: LRT`, `lrt${j + 1}$LRT`, t.LRT, BOUNDARY_I2);
      // at the boundary (LRT about 0, p about 1) metafor's LRT is a hair off ours, and p moves like its square root
      check(`level_tests ${j + 1}: pval`, `lrt${j + 1}$pval`, t.pval, t.LRT < 1e-6 ? BOUNDARY_P : undefined);
    });
  }
  if (mods.length) coefficientChecks(check, r);
  else {
    say('pred <- predict(res)', 'print(pred)');
    checkWald(check, r, 'res', 1);
    check('df', 'res$ddf', r['df']);
    check('pi_lower', 'pred$pi.lb', r['pi_lower']);
    check('pi_upper', 'pred$pi.ub', r['pi_upper']);
  }
  if (r['scale'] === 'log') transformed(say, check, r, 'res', mods.length > 0, false);
  robust(say, check, r);
  const subsets = (r['sensitivity'] as SensitivityFit[] | undefined) ?? [];
  sensitivity(say, check, subsets, (where) => `ml_fit(dat[${where}, ])`, 1, true);
}

/** metafor's robust() with the same clusters: the CR1 standard errors, t tests and intervals checked. */
function robust(say: Say, check: CheckFn, r: Record<string, unknown>): void {
  const b = r['robust'] as RobustSummary | undefined;
  if (!b) return;
  say('', `# cluster-robust tests (metafor's default CR1 adjustment), the rows clustered by ${b.column}`, `rob <- robust(res, cluster = dat[[${rString(b.column)}]])`, 'print(rob)');
  check('robust: clusters', 'rob$n', b.clusters);
  check('robust: df', 'rob$dfs', b.df);
  robustCoefficients(b).forEach((c, j) => {
    const at = `[${j + 1}]`;
    const who = b.coefficients ? `robust: ${c.name}: ` : 'robust: ';
    check(`${who}estimate`, `as.numeric(rob$beta)${at}`, c.estimate);
    check(`${who}se`, `rob$se${at}`, c.se);
    check(`${who}statistic`, `rob$zval${at}`, c.statistic);
    check(`${who}pval`, `rob$pval${at}`, c.pval);
    check(`${who}ci_lower`, `rob$ci.lb${at}`, c.ci_lower);
    check(`${who}ci_upper`, `rob$ci.ub${at}`, c.ci_upper);
  });
  check('robust: QM', 'rob$QM', b.QM);
  check('robust: QM_pval', 'rob$QMp', b.QM_pval);
}

/** metafor's cumul() in metasift's order (given as each study's place, so R sorts exactly as metasift did), every step checked. */
function cumulative(say: Say, check: CheckFn, r: Record<string, unknown>, withTau2: boolean): void {
  const c = r['cumulative'] as Cumulative | undefined;
  if (!c) return;
  const place = (r['rows'] as number[]).map((row) => c.rows.indexOf(row) + 1);
  say('', `# cumulative meta-analysis, the studies added in the order of ${c.column}`, `cm <- cumul(res, order = ${numbers(place)})`, 'print(cm)');
  const table = r['method'] === 'MH' || r['method'] === 'PETO';
  const names: Record<string, string> = { estimate: 'estimate', se: 'se', statistic: T_TESTS.includes(r['test'] as TestCode) ? 'tval' : 'zval', pval: table ? 'pval' : 'pvals', ci_lower: 'ci.lb', ci_upper: 'ci.ub', Q: 'Q', Q_pval: 'Qp', I2: 'I2', H2: 'H2' };
  if (withTau2 && !table) names['tau2'] = 'tau2';
  for (const [ours, theirs] of Object.entries(names)) check(`cumulative: ${ours}`, `cm$${theirs}`, c[ours]);
}

/** Each sensitivity analysis by subset: the same model with metafor's subset argument, its summary checked. */
function sensitivity(say: Say, check: CheckFn, fits: readonly SensitivityFit[], model: (where: string) => string, at: number, multilevel = false): void {
  const fitted = fits.filter((f) => !f.note);
  if (!fitted.length) return;
  say('', '# sensitivity analyses: the same model on a subset of the studies', 'sens <- list()');
  for (const f of fitted) {
    const where = `${f.exclude ? '!' : ''}(dat[[${rString(f.column)}]] %in% ${rVector(f.values.map(rString), '')})`;
    say(`sens[[${rString(f.spec)}]] <- ${model(where)}`);
  }
  say('print(sens)');
  for (const f of fitted) {
    const fit = `sens[[${rString(f.spec)}]]`;
    const p = `sensitivity ${f.spec}: `;
    check(`${p}k`, `${fit}$k`, f.k);
    checkWald(check, f, fit, at, p);
    if (multilevel) {
      check(`${p}sigma2`, `${fit}$sigma2`, f['sigma2'], BOUNDARY_SIGMA2);
      check(`${p}I2_levels`, `ml_I2(${fit})`, f['I2_levels'], BOUNDARY_I2);
      check(`${p}Q`, `${fit}$QE`, f['Q']);
      check(`${p}Q_pval`, `${fit}$QEp`, f['Q_pval']);
    } else if (at) heterogeneity(check, f, fit, p);
    else {
      check(`${p}Q`, `${fit}$QE`, f['Q']);
      check(`${p}I2`, `${fit}$I2`, f['I2']);
    }
  }
}

/** metafor's convergence control, tightened to where metasift stops. */
function controlLines(method: string, model: string): string[] {
  if (method === 'ML' || method === 'REML' || method === 'EB')
    return [
      '# metasift iterates to the optimum; by default metafor stops when tau^2 moves by less than 1e-5.',
      '# Tighten that, relative to the size of tau^2 (and the ll0check margin with it)',
      `ctrl <- list(threshold = 1e-13 * max(1, ${model}, control = list(stepadj = 0.5, maxiter = 10000))$tau2), tol = 1e-12, maxiter = 10000)`,
    ];
  if (method === 'PM')
    return ["# metasift solves for tau^2 exactly; by default metafor's root search stops within 1e-4", 'ctrl <- list(tol = 1e-12, maxiter = 10000)'];
  return [`# ${method === 'EE' ? 'an equal-effects model has no tau^2' : `${method} computes tau^2 in closed form`}: nothing to tighten`, 'ctrl <- list()'];
}

/** metafor's rma.mv optimises log σ², so a variance whose optimum is 0 (metasift's) stops a little above it. */
const BOUNDARY_SIGMA2 = 1e-8;
/** The same for what a σ² at 0 moves: I² (percent) and a likelihood-ratio statistic. */
const BOUNDARY_I2 = 1e-5;
const BOUNDARY_P = 1e-3;

/** Estimate, se, statistic, p and CI of a fit (`at` 1: the intercept of rma.uni; 0: the whole vector). */
function checkWald(check: CheckFn, r: Record<string, unknown>, fit: string, at: number, prefix = ''): void {
  const i = at ? `[${at}]` : '';
  check(`${prefix}estimate`, `as.numeric(${fit}$beta)${i}`, r['estimate']);
  check(`${prefix}se`, `${fit}$se${i}`, r['se']);
  check(`${prefix}statistic`, `${fit}$zval${i}`, r['statistic']);
  check(`${prefix}pval`, `${fit}$pval${i}`, r['pval']);
  // a bound is estimate ± crit·se, so near 0 it is compared to within 1e-6 of its standard error too
  const se = r['se'] as number | undefined;
  const atol = typeof se === 'number' && Number.isFinite(se) ? Math.max(1e-9, 1e-6 * se) : undefined;
  check(`${prefix}ci_lower`, `${fit}$ci.lb${i}`, r['ci_lower'], atol);
  check(`${prefix}ci_upper`, `${fit}$ci.ub${i}`, r['ci_upper'], atol);
}

function heterogeneity(check: CheckFn, r: Record<string, unknown>, fit: string, prefix = ''): void {
  check(`${prefix}tau2`, `${fit}$tau2`, r['tau2']);
  // tau is compared as its square: near 0 its square root magnifies a difference of 1e-13 in tau^2
  if (typeof r['tau'] === 'number') check(`${prefix}tau (squared)`, `${fit}$tau2`, r['tau'] ** 2);
  check(`${prefix}I2`, `${fit}$I2`, r['I2']);
  check(`${prefix}H2`, `${fit}$H2`, r['H2']);
  check(`${prefix}Q`, `${fit}$QE`, r['Q']);
  check(`${prefix}Q_df`, `${fit}$k - ${fit}$p`, r['Q_df']);
  check(`${prefix}Q_pval`, `${fit}$QEp`, r['Q_pval']);
}

function extras(say: Say, check: CheckFn, r: Record<string, unknown>, method: string): void {
  if (r['tau2_ci']) {
    say('', '# Q-profile confidence intervals for tau^2, I^2 and H^2', 'ci <- confint(res, control = list(tol = 1e-12))', 'print(ci)');
    const row = (name: string): string => `ci$random[${rString(name)}, c("ci.lb", "ci.ub")]`;
    check('tau2_ci', row('tau^2'), r['tau2_ci']);
    check('I2_ci', row('I^2(%)'), r['I2_ci']);
    check('H2_ci', row('H^2'), r['H2_ci']);
  }
  const egger = r['egger'] as Record<string, number> | undefined;
  if (egger) {
    say('', "# Egger's regression test (classic: weighted least squares of yi on the standard error)", 'egger <- regtest(res, model = "lm")', 'print(egger)');
    check('egger: statistic', 'egger$zval', egger['statistic']);
    check('egger: pval', 'egger$pval', egger['pval']);
    check('egger: df', 'egger$dfs', egger['df']);
    check('egger: intercept', 'coef(egger$fit)[[1]]', egger['intercept']);
    check('egger: slope', 'coef(egger$fit)[[2]]', egger['slope']);
  }
  const rank = r['ranktest'] as Record<string, number> | undefined;
  if (rank) {
    say('', "# Begg and Mazumdar's rank correlation test (Kendall's tau, exact unless there are ties)", 'rank <- ranktest(res)', 'print(rank)');
    check('ranktest: tau', 'unname(rank$tau)', rank['tau']);
    check('ranktest: pval', 'rank$pval', rank['pval']);
  }
  smallStudyChecks(say, check, r, method);
  const tf = r['trimfill'] as { k0: number; estimate: number; se: number; ci_lower: number; ci_upper: number; filled: { yi: number[]; vi: number[] } } | undefined;
  if (tf) {
    say('', '# trim-and-fill (estimator L0)', 'tf <- trimfill(res)', 'print(tf)');
    check('trimfill: k0', 'tf$k0', tf.k0);
    checkWald(check, tf, 'tf', 1, 'trimfill: ');
    if (tf.filled.yi.length) {
      check('trimfill: filled yi', 'as.numeric(tf$yi[tf$fill])', tf.filled.yi);
      check('trimfill: filled vi', 'as.numeric(tf$vi[tf$fill])', tf.filled.vi);
    }
  }
  const l1o = r['leave1out'] as Record<string, number[]> | undefined;
  if (l1o) {
    say('', '# leave-one-out: the model refitted without each study in turn', 'l1o <- leave1out(res)', 'print(l1o)');
    const names: Record<string, string> = { estimate: 'estimate', se: 'se', ci_lower: 'ci.lb', ci_upper: 'ci.ub', pval: 'pval', tau2: 'tau2', I2: 'I2', Q: 'Q' };
    // metafor reports no tau^2 for the equal-effects refits (metasift's are 0)
    if (method === 'EE') delete names['tau2'];
    for (const [ours, theirs] of Object.entries(names)) check(`leave1out: ${ours}`, `l1o$${theirs}`, l1o[ours]);
  }
}

function transformed(say: Say, check: CheckFn, r: Record<string, unknown>, fit: string, withMods: boolean, equalEffects: boolean): void {
  const t = r['transformed'] as Record<string, number> | undefined;
  if (!t) return;
  const at = withMods ? `, newmods = t(rep(0, length(coef(${fit})) - 1))` : '';
  say('', `# back-transformed to the ratio scale${withMods ? ' (the intercept: every moderator at 0)' : ''}`, `pred_exp <- predict(${fit}${at}, transf = exp)`);
  if (equalEffects) say('pred_exp$pi.lb <- pred_exp$ci.lb', 'pred_exp$pi.ub <- pred_exp$ci.ub');
  say('print(pred_exp)');
  check('transformed: estimate', 'pred_exp$pred', t['estimate']);
  check('transformed: ci_lower', 'pred_exp$ci.lb', t['ci_lower']);
  check('transformed: ci_upper', 'pred_exp$ci.ub', t['ci_upper']);
  check('transformed: pi_lower', 'pred_exp$pi.lb', t['pi_lower']);
  check('transformed: pi_upper', 'pred_exp$pi.ub', t['pi_upper']);
}

function subgroups(say: Say, check: CheckFn, r: Record<string, unknown>, column: string, fitArgs: string): void {
  const s = r['subgroups'] as { groups: (Record<string, unknown> & { level: string })[]; Q_between: number; Q_between_df: number; Q_between_pval: number };
  if (!s.groups.length) return;
  const col = `dat[[${rString(column)}]]`;
  say('', `# one model per level of ${column} with two or more studies, then the test for subgroup differences`, 'sub <- list()');
  for (const g of s.groups) say(`sub[[${rString(g.level)}]] <- rma(yi, vi, data = dat, subset = ${col} == ${rString(g.level)}, ${fitArgs})`);
  say(
    'print(sub)',
    '# as RevMan reports it: a fixed-effect Q across the subgroup estimates',
    '# (metafor cannot fit it when a subgroup\'s standard error is 0: its effects all equal under Knapp-Hartung)',
    'between <- tryCatch(rma(sapply(sub, function(m) m$beta[1]), sei = sapply(sub, function(m) m$se), method = "EE"),',
    '  error = function(e) { message("test for subgroup differences: ", conditionMessage(e)); list(QE = NA, k = NA, QEp = NA) })',
    'print(between)',
  );
  for (const g of s.groups) {
    const fit = `sub[[${rString(g.level)}]]`;
    const p = `${g.level}: `;
    check(`${p}k`, `${fit}$k`, g['k']);
    checkWald(check, g, fit, 1, p);
    heterogeneity(check, g, fit, p);
    check(`${p}weights`, `as.numeric(weights(${fit}))`, g['weights']);
  }
  check('Q_between', 'between$QE', s.Q_between);
  check('Q_between_df', 'between$k - 1', s.Q_between_df);
  check('Q_between_pval', 'between$QEp', s.Q_between_pval);
}

/** metafor's influence(), every column and the influential flags (models with or without moderators). */
function influenceChecks(say: Say, check: CheckFn, r: Record<string, unknown>): void {
  const inf = r['influence'] as Influence | undefined;
  if (!inf) return;
  say('', '# outlier and influence diagnostics (* marks an influential study)', 'inf <- influence(res)', 'print(inf)');
  const columns = { rstudent: 'rstudent', dffits: 'dffits', cook_d: 'cook.d', cov_r: 'cov.r', tau2_del: 'tau2.del', QE_del: 'QE.del', hat: 'hat', weight: 'weight' } as const;
  for (const [ours, theirs] of Object.entries(columns)) check(`influence: ${ours}`, `inf$inf$${theirs}`, inf[ours as keyof typeof columns]);
  for (const [name, values] of Object.entries(inf.dfbetas)) check(`influence: dfbetas ${name}`, `inf$dfbs[[${rString(name)}]]`, values);
  check('influence: influential', 'as.numeric(inf$is.infl)', inf.inf.map(Number));
}
