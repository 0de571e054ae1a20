# How a metafor fit becomes the fields of the `metasift meta --json` contract (shared/reference/metafor),
# shared by bench/meta/crosscheck.R and packages/cli/test/fixtures/metafor-extra/generate.R.
# Iterative estimators run to convergence with tight tolerances, as the shared reference cases were.
ctrl <- list(threshold = 1e-13, tol = 1e-13, maxiter = 10000)
cases <- list()
add <- function(id, data, args, expected) cases[[length(cases) + 1]] <<- list(id = id, data = data, args = args, expected = expected)
model_fields <- function(m) {
  pr <- predict(m)
  # metafor gives no prediction interval for EE models: it equals the CI (the contract's convention)
  if (is.null(pr$pi.lb)) { pr$pi.lb <- pr$ci.lb; pr$pi.ub <- pr$ci.ub }
  list(k = m$k, estimate = m$beta[1], se = m$se[1], statistic = m$zval[1], pval = m$pval[1],
       ci_lower = m$ci.lb[1], ci_upper = m$ci.ub[1], pi_lower = pr$pi.lb, pi_upper = pr$pi.ub,
       tau2 = m$tau2, I2 = m$I2, H2 = m$H2, Q = m$QE, Q_df = m$k - m$p, Q_pval = m$QEp,
       yi = as.numeric(m$yi), vi = as.numeric(m$vi), weights = as.numeric(weights(m)))
}
# the extra fields of a DL or REML model with test z: Q-profile CIs, Egger's test, trim-and-fill, leave-one-out
extras <- function(m) {
  ci <- confint(m, control = list(tol = 1e-13))
  rt <- regtest(m, model = "lm")
  tf <- trimfill(m)
  l1 <- leave1out(m)
  list(tau2_ci = unname(ci$random["tau^2", 2:3]), I2_ci = unname(ci$random["I^2(%)", 2:3]), H2_ci = unname(ci$random["H^2", 2:3]),
       egger = list(statistic = rt$zval, pval = rt$pval, df = rt$dfs),
       trimfill = list(k0 = tf$k0, side = tf$side, estimate = tf$beta[1], ci_lower = tf$ci.lb, ci_upper = tf$ci.ub),
       leave1out = list(estimate = l1$estimate, ci_lower = l1$ci.lb, ci_upper = l1$ci.ub, tau2 = l1$tau2, I2 = l1$I2))
}
# influence() of a model with or without moderators (k >= p + 2); dfbetas per coefficient
influence_fields <- function(m) {
  inf <- influence(m)
  coefs <- rownames(m$beta)
  list(influence = list(rstudent = inf$inf$rstudent, dffits = inf$inf$dffits, cook_d = inf$inf$cook.d, cov_r = inf$inf$cov.r,
                        tau2_del = inf$inf$tau2.del, QE_del = inf$inf$QE.del, hat = inf$inf$hat, weight = inf$inf$weight,
                        dfbetas = setNames(lapply(coefs, function(n) inf$dfbs[[n]]), coefs), inf = as.logical(inf$is.infl)))
}
# influence() and ranktest() of a model without moderators (k >= 3)
diagnostics <- function(m) {
  rt <- suppressWarnings(ranktest(m))
  c(list(ranktest = list(tau = unname(rt$tau), pval = rt$pval)), influence_fields(m))
}
