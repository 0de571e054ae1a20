/**
 * Checks an extraction as it arrives (from the form, the API or a review folder): known characteristics
 * and outcomes only, numbers where numbers go, counts whole, SDs positive, events within their arm, the
 * estimate inside its interval, a direction only for a result reported without numbers. Empty numbers are allowed — a form may be saved half done — and every
 * problem is named by its path in one error.
 */
import { MetasiftError } from '../errors.js';
import { CHARACTERISTICS, FAVOURS, MAX_MORE_COMPARISONS, OUTCOME_FIELDS, type CharacteristicDef, type ExtractionData, type Favours, type MoreComparison, type NumberField, type OutcomeKind, type OutcomeResult } from './form.js';

const MAX_TEXT = 5000;
const KINDS = Object.keys(OUTCOME_FIELDS) as OutcomeKind[];

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
type Issue = (path: string, message: string) => void;

/**
 * Parses and checks an extraction against the protocol's outcome names and the review's characteristics
 * (the built-in ones unless given; see characteristicsFor). @throws MetasiftError INVALID_EXTRACTION
 */
export function parseExtraction(input: unknown, outcomeNames: readonly string[], characteristicDefs: readonly CharacteristicDef[] = CHARACTERISTICS): ExtractionData {
  const issues: { path: string; message: string }[] = [];
  const issue: Issue = (path, message) => void issues.push({ path, message });
  const text = (path: string, v: unknown): string => {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') return (issue(path, 'must be text'), '');
    if (v.length > MAX_TEXT) issue(path, `longer than ${MAX_TEXT} characters`);
    return v;
  };

  if (!isObject(input)) throw new MetasiftError('INVALID_EXTRACTION', 'an extraction is an object with "characteristics" and "outcomes"');
  const characteristicsAt = (at: string, ch: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!isObject(ch)) return (issue(at, 'must be an object'), out);
    for (const [id, v] of Object.entries(ch)) {
      const def = characteristicDefs.find((c) => c.id === id);
      if (!def) issue(`${at}.${id}`, `unknown characteristic; known: ${characteristicDefs.map((c) => c.id).join(', ')}`);
      else {
        const t = text(`${at}.${id}`, v).trim();
        if (t && def.options?.length && !def.options.includes(t)) issue(`${at}.${id}`, `${JSON.stringify(t)} is not one of ${def.options.map((o) => JSON.stringify(o)).join(', ')}`);
        else if (t) out[id] = t;
      }
    }
    return out;
  };
  const outcomesAt = (at: string, oc: unknown): Record<string, OutcomeResult> => {
    const out: Record<string, OutcomeResult> = {};
    if (!isObject(oc)) return (issue(at, 'must be an object'), out);
    for (const [name, raw] of Object.entries(oc)) {
      if (!outcomeNames.includes(name)) {
        issue(`${at}.${name}`, outcomeNames.length ? `not an outcome of the protocol (${outcomeNames.join(', ')})` : 'the protocol names no outcomes');
        continue;
      }
      const r = parseResult(`${at}.${name}`, raw, issue, text);
      if (r) out[name] = r;
    }
    return out;
  };
  const characteristics = characteristicsAt('characteristics', input['characteristics'] ?? {});
  const outcomes = outcomesAt('outcomes', input['outcomes'] ?? {});
  const more = parseComparisons(input, issue, text, characteristicsAt, outcomesAt);

  if (issues.length) {
    throw new MetasiftError('INVALID_EXTRACTION', `invalid extraction: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { field: issues[0]!.path });
  }
  return { characteristics, outcomes, ...more };
}

function parseResult(at: string, raw: unknown, issue: Issue, text: (path: string, v: unknown) => string): OutcomeResult | null {
  if (!isObject(raw)) return (issue(at, 'must be an object with "kind" and "values"'), null);
  const kind = raw['kind'];
  if (typeof kind !== 'string' || !KINDS.includes(kind as OutcomeKind)) return (issue(`${at}.kind`, `must be one of ${KINDS.join(', ')}`), null);
  const defs = OUTCOME_FIELDS[kind as OutcomeKind];
  const values: Partial<Record<NumberField, number | null>> = {};
  const given = raw['values'] ?? {};
  if (!isObject(given)) issue(`${at}.values`, 'must be an object');
  else
    for (const [id, v] of Object.entries(given)) {
      const def = defs.find((d) => d.id === id);
      const path = `${at}.values.${id}`;
      if (!def) {
        issue(path, `not a field of ${kind} results (${defs.map((d) => d.id).join(', ')})`);
        continue;
      }
      if (v === null || v === undefined) {
        values[def.id] = null;
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        issue(path, typeof v === 'number' ? `${v} is not a finite number` : `${JSON.stringify(v)} is not a number`);
        continue;
      }
      const isN = id === 'n1i' || id === 'n2i';
      if (def.rule === 'count' && (!Number.isInteger(v) || v < (isN ? 1 : 0))) issue(path, `must be a whole number ${isN ? 'of at least 1' : 'of at least 0'}`);
      else if (def.rule === 'positive' && v <= 0) issue(path, 'must be greater than 0');
      else values[def.id] = v;
    }
  const v = values;
  if (kind === 'binary') {
    for (const [events, n] of [['ai', 'n1i'], ['ci', 'n2i']] as const) {
      if (v[events] != null && v[n] != null && v[events]! > v[n]!) issue(`${at}.values.${events}`, `${v[events]} events is more than the arm's ${v[n]} participants`);
    }
  }
  if (kind === 'estimate' && v.estimate != null && v.ci_lower != null && v.ci_upper != null && !(v.ci_lower <= v.estimate && v.estimate <= v.ci_upper)) {
    issue(`${at}.values.estimate`, `${v.estimate} is not within its interval [${v.ci_lower}, ${v.ci_upper}]`);
  }
  const favours = raw['favours'] ?? null;
  if (favours !== null && kind !== 'direction') issue(`${at}.favours`, "only a result reported as a direction takes it; the other kinds' direction comes from their numbers");
  else if (favours !== null && !(typeof favours === 'string' && favours in FAVOURS)) issue(`${at}.favours`, `${JSON.stringify(favours)} is not one of ${Object.keys(FAVOURS).join(', ')}`);
  const result = { kind: kind as OutcomeKind, values, timepoint: text(`${at}.timepoint`, raw['timepoint']).trim(), instrument: text(`${at}.instrument`, raw['instrument']).trim(), note: text(`${at}.note`, raw['note']).trim() };
  return kind === 'direction' ? { ...result, favours: favours as Favours | null } : result;
}

/**
 * A multi-arm trial's comparisons: the first one's label and the others (each labelled, the labels
 * distinct, at most MAX_MORE_COMPARISONS); nothing for a two-arm study.
 */
function parseComparisons(
  input: Record<string, unknown>,
  issue: Issue,
  text: (path: string, v: unknown) => string,
  characteristicsAt: (at: string, v: unknown) => Record<string, string>,
  outcomesAt: (at: string, v: unknown) => Record<string, OutcomeResult>,
): { comparisonLabel?: string; moreComparisons?: MoreComparison[] } {
  const raw = input['moreComparisons'] ?? [];
  const first = text('comparisonLabel', input['comparisonLabel']).trim();
  if (!Array.isArray(raw)) return (issue('moreComparisons', 'must be a list of comparisons'), {});
  if (raw.length > MAX_MORE_COMPARISONS) issue('moreComparisons', `at most ${MAX_MORE_COMPARISONS} comparisons besides the first`);
  if (raw.length === 0) return first ? { comparisonLabel: first } : {};
  if (!first) issue('comparisonLabel', 'a study with more than one comparison labels each, the first too (e.g. "video")');
  const seen = new Set([first.toLowerCase()]);
  const more = raw.slice(0, MAX_MORE_COMPARISONS).map((c, i): MoreComparison => {
    const at = `moreComparisons.${i}`;
    if (!isObject(c)) return (issue(at, 'must be an object with "label", "sharedComparator", "characteristics" and "outcomes"'), { label: '', sharedComparator: false, characteristics: {}, outcomes: {} });
    const label = text(`${at}.label`, c['label']).trim();
    if (!label) issue(`${at}.label`, 'each comparison needs a label (e.g. "telephone")');
    else if (seen.has(label.toLowerCase())) issue(`${at}.label`, `"${label}" labels another comparison of the study`);
    seen.add(label.toLowerCase());
    const shared = c['sharedComparator'] ?? false;
    if (typeof shared !== 'boolean') issue(`${at}.sharedComparator`, 'must be true or false');
    return { label, sharedComparator: shared === true, characteristics: characteristicsAt(`${at}.characteristics`, c['characteristics'] ?? {}), outcomes: outcomesAt(`${at}.outcomes`, c['outcomes'] ?? {}) };
  });
  return { comparisonLabel: first, moreComparisons: more };
}
