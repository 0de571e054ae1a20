/**
 * The parts of a generated R script that are not about any one model: numbers, strings and vectors
 * written as R source, and the harness at its end that compares each of metasift's numbers with
 * metafor's and exits with status 1 if any differ.
 */

/** Each number must agree within tolerance × |metasift's| + 1e-9 (the reference cases' rule). */
export const R_SCRIPT_TOLERANCE = 1e-6;

export type Num = number | null | undefined;

/** A number as R reads it back to the same double (JavaScript's shortest round-trip form). */
export function rNumber(x: Num): string {
  if (x === null || x === undefined) return 'NA';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Inf';
  if (x === -Infinity) return '-Inf';
  return String(x);
}

/** A string literal for R source, with non-ASCII characters escaped so the file reads alike in any locale. */
export function rString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp > 0x7f) out += cp > 0xffff ? `\\U{${cp.toString(16)}}` : `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** c(...) over items, wrapped so no line grows past about 100 characters. */
export function rVector(items: readonly string[], indent: string): string {
  if (items.length === 1) return items[0]!;
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line && line.length + item.length + 2 > 96) {
      lines.push(line);
      line = '';
    }
    line += line ? `, ${item}` : item;
  }
  lines.push(line);
  return lines.length === 1 ? `c(${lines[0]})` : `c(\n${lines.map((l) => `${indent}  ${l}`).join(',\n')}\n${indent})`;
}

export const numbers = (xs: readonly Num[], indent = '  '): string => rVector(xs.map(rNumber), indent);

/** A column name as R code: bare when syntactic, else in backticks. */
export function rName(name: string): string {
  return /^[A-Za-z][A-Za-z0-9._]*$/.test(name) ? name : `\`${name.replace(/[`\\]/g, (c) => `\\${c}`)}\``;
}

export interface Check {
  readonly label: string;
  readonly r: string;
  readonly ours: Num | readonly Num[];
  /** An absolute tolerance other than 1e-9 (a variance metafor's optimiser can only approach on the log scale). */
  readonly abs?: number;
}

export type Say = (...lines: string[]) => void;
export type CheckFn = (label: string, r: string, ours: unknown, abs?: number) => void;

/** The comparison harness: the R check() function, one call per check, and the summary. */
export function finish(out: string[], checks: readonly Check[]): string {
  out.push(
    '',
    "# ---- metasift's numbers, compared with metafor's ----",
    'tolerance <- 1e-6',
    'agree <- 0L',
    'differ <- character(0)',
    'unverified <- character(0)',
    'check <- function(what, metafor, metasift, atol = 1e-9) {',
    '  metafor <- as.numeric(metafor)',
    "  # a fit metafor could not make (NA, with its message: a leave-one-out or influence refit that did not",
    "  # converge, a profile interval's bound, the subgroup test beside a standard error of 0, a selection model",
    "  # from metafor's own start that did not converge, a selection model whose Hessian metafor could not invert) checks nothing there",
    '  lost <- if (grepl("^(leave1out:|influence:|sigma2_ci|Q_between|selmodel:)", what) && length(metafor) == length(metasift)) is.na(metafor) & !is.na(metasift) else FALSE',
    '  if (any(lost)) {',
    '    unverified <<- c(unverified, sprintf("%s (%d of %d)", what, sum(lost), length(lost)))',
    '    metafor <- metafor[!lost]',
    '    metasift <- metasift[!lost]',
    '  }',
    '  same <- length(metafor) == length(metasift) &&',
    '    all(ifelse(is.na(metafor) | is.na(metasift), is.na(metafor) & is.na(metasift),',
    '      metafor == metasift | abs(metafor - metasift) <= tolerance * abs(metasift) + atol))',
    '  if (same) agree <<- agree + 1L else differ <<- c(differ, what)',
    '  cat(sprintf("%-34s %s\\n", what, if (same) "agrees" else paste0("DIFFERS: metafor ",',
    '    paste(format(metafor, digits = 10), collapse = " "), ", metasift ", paste(format(metasift, digits = 10), collapse = " "))))',
    '}',
  );
  for (const c of checks) {
    const ours = Array.isArray(c.ours) ? numbers(c.ours as Num[], '') : rNumber(c.ours as Num);
    out.push(`check(${rString(c.label)}, ${c.r}, ${ours}${c.abs !== undefined ? `, atol = ${rNumber(c.abs)}` : ''})`);
  }
  out.push(
    'cat(sprintf("\\n%d of %d checks agree with metasift.\\n", agree, agree + length(differ)))',
    'if (length(unverified) > 0) cat("Not compared where metafor could not fit (NA):", paste(unverified, collapse = ", "), "\\n")',
    'if (length(differ) > 0) {',
    '  cat("Differ:", paste(differ, collapse = ", "), "\\n")',
    '  if (!interactive()) quit(status = 1)',
    '}',
    '',
  );
  return out.join('\n');
}

