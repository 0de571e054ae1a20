/**
 * The R script's part for the small-study and selection analyses of small-study.ts: metafor's default
 * regtest(), PET and PEESE (regtest(model = "lm") on the standard error and on the variance), fsn()
 * and selmodel(type = "stepfun"), each number checked against metasift's.
 */
import type { LimitEstimate, PetPeese, Regtest } from '../meta/regtest.js';
import type { FailSafeN } from '../meta/fsn.js';
import type { Selmodel } from '../meta/selmodel.js';
import { numbers, rNumber, rString, rVector, type CheckFn, type Say } from './r-source.js';
import { SELMODEL_DELTA_MAX } from '../meta/selmodel.js';

/** A τ² metafor's selection model can only approach on the log scale: compared in absolute terms near 0. */
const SELMODEL_TAU2_ATOL = 1e-6;

/** The relative accuracy of metafor's numerical Hessian (numDeriv on the log-likelihood), to which standard errors are compared. */
const SE_RTOL = 1e-3;

function limitChecks(check: CheckFn, label: string, fit: string, limit: LimitEstimate): void {
  check(`${label}: limit estimate`, `unname(${fit}$est)`, limit.estimate);
  check(`${label}: limit ci_lower`, `unname(${fit}$ci.lb)`, limit.ci_lower);
  check(`${label}: limit ci_upper`, `unname(${fit}$ci.ub)`, limit.ci_upper);
}

export function smallStudyChecks(say: Say, check: CheckFn, r: Record<string, unknown>, method: string): void {
  const reg = r['regtest'] as Omit<Regtest, 'slope'> | undefined;
  if (reg) {
    say('', "# metafor's default regression test: the model's own meta-regression on the standard error", 'reg <- regtest(res)', 'print(reg)');
    check('regtest: statistic', 'reg$zval', reg.statistic);
    check('regtest: pval', 'reg$pval', reg.pval);
    limitChecks(check, 'regtest', 'reg', reg.limit);
  }
  const pp = r['pet_peese'] as PetPeese | undefined;
  if (pp) {
    say(
      '',
      '# PET and PEESE: weighted least squares on the standard error and on the variance, their limit estimates',
      'pet <- regtest(res, model = "lm")',
      'peese <- regtest(res, model = "lm", predictor = "vi")',
      'print(pet)',
      'print(peese)',
    );
    limitChecks(check, 'PET', 'pet', pp.pet);
    check('PET: limit pval', 'coef(summary(pet$fit))[1, 4]', pp.pet.pval);
    limitChecks(check, 'PEESE', 'peese', pp.peese);
  }
  const fsn = r['fsn'] as { rosenthal: FailSafeN; rosenberg: FailSafeN } | undefined;
  if (fsn) {
    say('', '# fail-safe N (Rosenthal; Rosenberg)', 'fsn1 <- fsn(as.numeric(res$yi), as.numeric(res$vi))', 'fsn2 <- fsn(as.numeric(res$yi), as.numeric(res$vi), type = "Rosenberg")', 'print(fsn1)', 'print(fsn2)');
    check('fsn Rosenthal: N', 'fsn1$fsnum', fsn.rosenthal.fsnum);
    check('fsn Rosenthal: pval', 'fsn1$pval', fsn.rosenthal.pval);
    check('fsn Rosenberg: N', 'fsn2$fsnum', fsn.rosenberg.fsnum);
    check('fsn Rosenberg: pval', 'fsn2$pval', fsn.rosenberg.pval);
  }
  const sel = r['selmodel'] as Omit<Selmodel, 'warnings'> | undefined;
  if (sel) {
    const steps = numbers(sel.steps.slice(0, -1), '');
    const call = (fit: string, start = ''): string =>
      `selmodel(${fit}, type = "stepfun", steps = ${steps}, alternative = ${rString(sel.alternative)}, control = list(reltol = 1e-15, maxit = 10000${start}))`;
    const boundary = method !== 'EE' && sel.tau2 === 0;
    const capped = sel.delta.map((d) => d === SELMODEL_DELTA_MAX);
    const fixedDelta = capped.some(Boolean) ? `, delta = ${rVector(capped.map((c, j) => (j > 0 && c ? rNumber(SELMODEL_DELTA_MAX * (1 - 1e-12)) : j === 0 ? '1' : 'NA')), '')}` : '';
    const deltaStart = sel.delta.map((d) => (d === SELMODEL_DELTA_MAX ? SELMODEL_DELTA_MAX / 2 : d));
    const start = `, beta.init = ${rNumber(sel.estimate)}${boundary || method === 'EE' ? '' : `, tau2.init = ${rNumber(sel.tau2)}`}, delta.init = ${numbers(deltaStart, '')}`;
    say(
      '',
      '# the step-function selection model, fitted by maximum likelihood and tested against the model without selection (also ML);',
      '# metafor computes its Hessian with the numDeriv package (install.packages("numDeriv") if it is missing).',
      "# From its own start metafor's BFGS stops early where the likelihood is flat (in delta, say), so it is run twice: from",
      "# its own start, which must find no higher likelihood than metasift's, and from metasift's optimum, whose numbers are compared.",
      "# Standard errors: metafor differentiates the log-likelihood twice numerically (numDeriv), metasift its analytic gradient",
      `# once; they are compared within ${SE_RTOL} relative, the accuracy of numDeriv's Hessian here.`,
      method === 'EE' ? 'res.ml <- res' : 'res.ml <- update(res, method = "ML")',
      "# the ML log-likelihood without selection, maximised over tau^2 by optimize() too, as metafor's Fisher scoring can stop",
      '# short of an optimum near tau^2 = 0 (the likelihood-ratio test below uses the best of the two)',
      'll.ml <- function(t2) { w <- 1 / (res$vi + t2); sum(dnorm(res$yi, sum(w * res$yi) / sum(w), sqrt(res$vi + t2), log = TRUE)) }',
      method === 'EE'
        ? 'll0 <- ll.ml(0)'
        : 'll0 <- max(c(logLik(res.ml, REML = FALSE)), ll.ml(0), optimize(ll.ml, c(0, 10 * max(res$vi, var(res$yi))), maximum = TRUE, tol = 1e-12)$objective)',
      `sel.own <- tryCatch(${call('res.ml')}, error = function(e) NULL)`,
      'if (!is.null(sel.own)) print(sel.own)',
    );
    if (boundary)
      say(
        "# tau^2 is 0, on its boundary, which metafor's optimiser (on the log scale) can only approach: the model refitted with tau^2",
        "# held at 0 is the one compared (its standard errors, like metasift's there, leave tau^2 out of the information)",
      );
    if (fixedDelta) say(`# a delta on its bound (${SELMODEL_DELTA_MAX}) is held (just inside) there, as metasift holds it, and left out of the information`);
    say(`sel <- ${call(boundary ? 'update(res.ml, tau2 = 0)' : 'res.ml', start)}`.replace(/\)\)$/, `)${fixedDelta})`));
    say(
      "# the likelihood-ratio test against the ML fit without selection, on metasift's degrees of freedom",
      'sel$LRT <- max(0, -2 * (ll0 - sel$ll))',
      `sel$LRTp <- pchisq(sel$LRT, df = ${sel.LRT_df}, lower.tail = FALSE)`,
    );
    say('print(sel)');
    check("selmodel: logLik from metafor's own start (at most metasift's)", `max(if (is.null(sel.own)) NA else sel.own$ll, ${rNumber(sel.logLik)})`, sel.logLik);
    // a flat likelihood leaves metafor's BFGS a few 1e-9 from the optimum: an estimate near 0 is compared to 1e-6 of its SE
    check('selmodel: estimate', 'as.numeric(sel$beta)', sel.estimate, 1e-6 * sel.se);
    const seTol = (x: number): number => SE_RTOL * (Math.abs(x) + 3 * sel.se);
    check('selmodel: se', 'sel$se', sel.se, SE_RTOL * sel.se);
    check('selmodel: pval', 'sel$pval', sel.pval, SE_RTOL);
    check('selmodel: ci_lower', 'sel$ci.lb', sel.ci_lower, seTol(sel.ci_lower));
    check('selmodel: ci_upper', 'sel$ci.ub', sel.ci_upper, seTol(sel.ci_upper));
    if (method !== 'EE') check('selmodel: tau2', 'sel$tau2', sel.tau2, SELMODEL_TAU2_ATOL);
    if (method !== 'EE' && !boundary) check('selmodel: se_tau2', 'sel$se.tau2', sel.se_tau2, SE_RTOL * sel.se_tau2);
    check('selmodel: delta', 'sel$delta', sel.delta);
    check('selmodel: delta_se', 'sel$se.delta[-1]', sel.delta_se.slice(1), SE_RTOL * Math.max(...sel.delta_se.slice(1).filter(Number.isFinite), 0));
    check('selmodel: LRT', 'sel$LRT', sel.LRT);
    check('selmodel: LRT_pval', 'sel$LRTp', sel.LRT_pval);
    check('selmodel: logLik', 'sel$ll', sel.logLik);
  }
}
