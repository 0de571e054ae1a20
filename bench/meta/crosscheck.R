# Cross-check of `metasift meta` against R metafor on published data sets other than the shared
# reference cases (R package metadat): every estimator and test, subgroups, moderators, Mantel-Haenszel,
# Peto, for DL/REML the Q-profile CIs, Egger's test, trim-and-fill and leave-one-out, and for every
# model of 3 or more studies influence() and ranktest() (influence() for the meta-regressions too). Writes the
# data sets and a cases.json in the shape of shared/reference/metafor into the folder given.
# Run by bench/meta/crosscheck.mjs; needs R with metafor, metadat and jsonlite (Debian: r-cran-metafor).
args <- commandArgs(trailingOnly = TRUE)
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE))))
suppressMessages({ library(metafor); library(metadat); library(jsonlite) })
source(file.path(here, "metafor-fields.R"))
setwd(args[1])
METHODS <- c("EE", "DL", "REML", "ML", "PM", "HE", "SJ", "EB", "HS")
battery <- function(name, file, e, ms, sub = NULL, mods = NULL) {
  for (me in METHODS) for (te in if (me == "EE") "z" else c("z", "knha")) {
    m <- try(rma(yi, vi, data = e, method = me, test = te, control = ctrl), silent = TRUE)
    if (inherits(m, "try-error")) next
    ex <- model_fields(m)
    if (me %in% c("DL", "REML") && te == "z") { x <- try(extras(m), silent = TRUE); if (!inherits(x, "try-error")) ex <- c(ex, x) }
    if (m$k >= 3) { x <- try(diagnostics(m), silent = TRUE); if (!inherits(x, "try-error")) ex <- c(ex, x) }
    add(paste(name, ms, me, te, sep = "-"), file, c("--measure", ms, "--method", me, "--test", te), ex)
    # the test for subgroup differences needs two or more subgroups that can be fitted
    if (!is.null(sub) && me %in% c("DL", "REML") && sum(table(as.character(e[[sub]])) >= 2) >= 2) {
      g <- as.character(e[[sub]]); lv <- sort(unique(g)); groups <- list(); est <- c(); se <- c()
      for (l in lv) if (sum(g == l) >= 2) {
        mm <- rma(yi, vi, data = e, subset = g == l, method = me, test = te, control = ctrl)
        groups[[length(groups) + 1]] <- list(level = l, k = mm$k, estimate = mm$beta[1], se = mm$se, ci_lower = mm$ci.lb, ci_upper = mm$ci.ub, tau2 = mm$tau2, I2 = mm$I2)
        est <- c(est, mm$beta[1]); se <- c(se, mm$se)
      }
      w <- 1 / se^2; mu <- sum(w * est) / sum(w); Qb <- sum(w * (est - mu)^2)
      add(paste(name, ms, me, te, "subgroup", sep = "-"), file, c("--measure", ms, "--method", me, "--test", te, "--subgroup", sub),
          list(subgroups = list(column = sub, groups = groups, Q_between = Qb, Q_between_df = length(est) - 1, Q_between_pval = pchisq(Qb, length(est) - 1, lower.tail = FALSE))))
    }
    if (!is.null(mods) && me %in% c("EE", "DL", "REML", "ML", "PM")) {
      m <- rma(as.formula(paste("yi ~", mods)), vi, data = e, method = me, test = te, control = ctrl)
      coefs <- lapply(seq_along(m$beta), function(j) list(name = rownames(m$beta)[j], estimate = m$beta[j], se = m$se[j], statistic = m$zval[j], pval = m$pval[j], ci_lower = m$ci.lb[j], ci_upper = m$ci.ub[j]))
      add(paste(name, ms, me, te, "mods", sep = "-"), file, c("--measure", ms, "--method", me, "--test", te, "--mods", mods),
          c(list(k = m$k, tau2 = m$tau2, I2 = m$I2, Q = m$QE, Q_df = m$k - m$p, Q_pval = m$QEp, QM = m$QM, QM_df = m$QMdf[1], QM_pval = m$QMp, R2 = m$R2, coefficients = coefs),
            if (m$k >= m$p + 2) tryCatch(influence_fields(m), error = function(e) list()) else list()))
    }
  }
}
binary <- function(name, d, sub = NULL, mods = NULL) {
  file <- paste0(name, ".csv"); write.csv(d, file, row.names = FALSE)
  for (ms in c("OR", "RR", "RD")) {
    e <- escalc(ms, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
    battery(name, file, e, ms, sub, mods)
    m <- try(rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, measure = ms), silent = TRUE)
    if (!inherits(m, "try-error")) add(paste(name, ms, "MH", sep = "-"), file, c("--measure", ms, "--method", "MH", "--test", "z"),
        list(k = m$k, estimate = m$beta[1], se = m$se, statistic = m$zval, pval = m$pval, ci_lower = m$ci.lb, ci_upper = m$ci.ub, Q = m$QE, Q_pval = m$QEp, I2 = m$I2))
  }
  m <- try(rma.peto(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d), silent = TRUE)
  if (!inherits(m, "try-error")) add(paste(name, "PETO", sep = "-"), file, c("--measure", "PETO", "--method", "PETO", "--test", "z"),
      list(k = m$k, estimate = m$beta[1], se = m$se, statistic = m$zval, pval = m$pval, ci_lower = m$ci.lb, ci_upper = m$ci.ub, Q = m$QE, Q_pval = m$QEp, I2 = m$I2))
}
binary("egger2001", dat.egger2001[, c("study", "ai", "n1i", "ci", "n2i")])
binary("nielweise2007", dat.nielweise2007[, c("study", "ai", "n1i", "ci", "n2i")])
binary("hahn2001", dat.hahn2001[, c("study", "ai", "n1i", "ci", "n2i")])
binary("laopaiboon2015", dat.laopaiboon2015[, c("author", "ai", "n1i", "ci", "n2i", "ctrl", "age")], sub = "ctrl")
y <- dat.yusuf1985[dat.yusuf1985$table == "6", c("trial", "ai", "n1i", "ci", "n2i")]; y <- y[complete.cases(y), ]
binary("yusuf1985t6", y)
a <- dat.axfors2021; a <- data.frame(study = a$acronym, ai = a$hcq_arm_event, n1i = a$hcq_arm_total, ci = a$control_arm_event, n2i = a$control_arm_total, setting = a$patient_setting)
binary("axfors2021", a, sub = "setting")
cont <- function(name, d, sub = NULL, mods = NULL, measures = c("SMD", "MD", "ROM")) {
  file <- paste0(name, ".csv"); write.csv(d, file, row.names = FALSE)
  for (ms in measures) { e <- escalc(ms, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = d); battery(name, file, e, ms, sub, mods) }
}
cu <- dat.curtis1998[, c("paper", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "fungrp", "time")]
cont("curtis1998", cu, sub = "fungrp", mods = "time")
gb <- dat.gibson2002[, c("author", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "type")]; gb <- gb[complete.cases(gb), ]
cont("gibson2002", gb, sub = "type", measures = c("SMD", "MD"))
mc <- dat.mcdaniel1994[, c("study", "ri", "ni", "type", "struct")]; mc <- mc[complete.cases(mc), ]
write.csv(mc, "mcdaniel1994.csv", row.names = FALSE)
for (ms in c("ZCOR", "COR")) battery("mcdaniel1994", "mcdaniel1994.csv", escalc(ms, ri = ri, ni = ni, data = mc), ms, sub = "struct", mods = "type")
db <- dat.debruin2009[, c("author", "xi", "ni", "select")]
write.csv(db, "debruin2009.csv", row.names = FALSE)
for (ms in c("PR", "PLO")) battery("debruin2009", "debruin2009.csv", escalc(ms, xi = xi, ni = ni, data = db), ms, sub = "select")
bd <- dat.bangertdrowns2004[, c("author", "yi", "vi", "grade", "length")]; bd <- bd[complete.cases(bd), ]
write.csv(bd, "bangertdrowns2004.csv", row.names = FALSE)
battery("bangertdrowns2004", "bangertdrowns2004.csv", bd, "GEN", sub = "grade", mods = "length")
ka <- dat.kalaian1996[, c("study", "yi", "vi", "outcome", "hrs")]
write.csv(ka, "kalaian1996.csv", row.names = FALSE)
battery("kalaian1996", "kalaian1996.csv", ka, "GEN", sub = "outcome", mods = "hrs")
l <- dat.linde2005[, c("study", "ai", "n1i", "ci", "n2i", "group", "duration")]; l <- l[complete.cases(l), ]
binary("linde2005", l, sub = "group", mods = "duration")
for (tb in c("9", "14", "18")) { y <- dat.yusuf1985[dat.yusuf1985$table == tb, c("trial", "ai", "n1i", "ci", "n2i")]; y <- y[complete.cases(y), ]; if (nrow(y) >= 3) binary(paste0("yusuf1985t", tb), y) }
lo <- dat.lopez2019; lo <- data.frame(study = lo$study, yi = lo$diff, vi = lo$se^2, treatment = lo$treatment, sessions = lo$sessions); lo <- lo[complete.cases(lo), ]
write.csv(lo, "lopez2019.csv", row.names = FALSE)
battery("lopez2019", "lopez2019.csv", lo, "GEN", sub = "treatment", mods = "sessions")
pz <- data.frame(study = paste("s", 1:8), xi = c(0, 3, 10, 12, 20, 1, 0, 15), ni = c(20, 25, 30, 12, 40, 18, 22, 30), grp = c("a","a","b","b","a","b","a","b"))
write.csv(pz, "propzeros.csv", row.names = FALSE)
for (ms in c("PR", "PLO")) battery("propzeros", "propzeros.csv", escalc(ms, xi = xi, ni = ni, data = pz), ms, sub = "grp")
writeLines(toJSON(list(generator = paste("R", getRversion(), "metafor", packageVersion("metafor")), cases = cases), auto_unbox = TRUE, digits = NA, null = "null", na = "null"), "cases.json")
cat(length(cases), "cases\n")

