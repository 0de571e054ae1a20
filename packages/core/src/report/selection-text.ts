/**
 * The report's text on how studies were found and selected, written from what was recorded — the
 * search runs, the PRISMA 2020 counts, the screening settings, the agreement between reviewers and the
 * stopping rule — so that the methods and results say exactly what the diagram shows. One paragraph per
 * PRISMA 2020 item: 6 (information sources), 8 (selection process) and 16a (results of the search and
 * selection). Pure: the caller gathers the inputs.
 */

export interface SearchRunSummary {
  readonly database: string;
  readonly platform?: string | null;
  /** A database (the default), a trial register or another method, as PRISMA 2020 sorts them. */
  readonly source?: string | null;
  /** ISO date (YYYY-MM-DD) the search was run, when recorded. */
  readonly searchedOn?: string | null;
  readonly records: number;
}

export interface SelectionCounts {
  readonly databases: readonly { readonly name: string; readonly n: number }[];
  readonly registers?: readonly { readonly name: string; readonly n: number }[];
  /** Records found by other methods only, followed from retrieval on (PRISMA 2020's right-hand column). */
  readonly other?: {
    readonly sources: readonly { readonly name: string; readonly n: number }[];
    readonly sought: number;
    readonly not_retrieved: number;
    readonly assessed: number;
    readonly excluded_reasons: readonly { readonly reason: string; readonly n: number }[];
  };
  readonly removed: { readonly duplicates: number };
  readonly screened: number;
  readonly excluded: number;
  readonly sought: number;
  readonly not_retrieved: number;
  readonly assessed: number;
  readonly excluded_reasons: readonly { readonly reason: string; readonly n: number }[];
  readonly included_studies: number;
  readonly included_reports?: number;
}

export interface StageAgreement {
  /** Records both reviewers of the pair decided. */
  readonly n: number;
  /** Share of those on which they agreed (0–1). */
  readonly agreement: number;
  readonly kappa: number | null;
  readonly ci: readonly [number | null, number | null];
}

export interface StoppingSummary {
  readonly recallTarget: number;
  readonly confidence: number;
  readonly poolAtSample: number;
  readonly sampled: number;
  readonly sampledRelevant: number;
  readonly decision: { readonly stop: boolean; readonly pValue: number } | null;
}

export interface StageProgress {
  /** Records (or reports) to screen at the stage. */
  readonly total: number;
  /** Not yet decided by as many reviewers as the settings ask. */
  readonly remaining: number;
  /** Decided differently by the reviewers and not yet resolved. */
  readonly conflicts: number;
}

export interface SelectionTextInput {
  readonly searches: readonly SearchRunSummary[];
  readonly counts: SelectionCounts;
  readonly reviewersPerRecord: 1 | 2;
  readonly blinding: boolean;
  readonly order: 'random' | 'relevance';
  readonly maybeCountsAsInclude: boolean;
  /** One entry per pair of reviewers, per stage. */
  readonly agreement: { readonly title_abstract: readonly StageAgreement[]; readonly full_text: readonly StageAgreement[] };
  /** The stopping rule's state; null or not sampling when it was not used. */
  readonly stopping: (StoppingSummary & { readonly sampling: boolean }) | null;
  /** Where screening stands; when a stage is unfinished the results say so first. */
  readonly progress?: { readonly title_abstract: StageProgress; readonly full_text: StageProgress };
}

export interface ReportParagraph {
  /** The PRISMA 2020 item it answers, e.g. "8". */
  readonly item: string;
  readonly heading: string;
  readonly text: string;
  /** Further items the paragraph answers (a synthesis-methods paragraph naming its sensitivity analyses: 13f). */
  readonly covers?: readonly string[];
}

const number = (n: number): string => n.toLocaleString('en-GB');
const count = (n: number, one: string, many = `${one}s`): string => `${number(n)} ${n === 1 ? one : many}`;
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "1 March 2024" from "2024-03-01"; the text itself when it is not an ISO date. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const source = (s: SearchRunSummary): string => (s.platform && s.platform !== s.database ? `${s.database} via ${s.platform}` : s.database);

/** PRISMA 2020 item 6: the databases, trial registers and other methods, each with the date it was last searched. */
function sources(searches: readonly SearchRunSummary[]): string {
  if (searches.length === 0) return 'No database search has been recorded yet.';
  const listed = (runsOf: readonly SearchRunSummary[]): string => {
    const byName = new Map<string, SearchRunSummary[]>();
    for (const s of runsOf) byName.set(source(s), [...(byName.get(source(s)) ?? []), s]);
    return listOf(
      [...byName].map(([name, runs]) => {
        const dates = runs.map((r) => r.searchedOn).filter((d): d is string => !!d).sort();
        if (dates.length === 0) return `${name} (date of search not recorded)`;
        const last = dates[dates.length - 1]!;
        return runs.length > 1 ? `${name} (${runs.length} searches, last on ${longDate(last)})` : `${name} (searched on ${longDate(last)})`;
      }),
    );
  };
  const of = (kind: string): SearchRunSummary[] => searches.filter((s) => (s.source || 'database') === kind);
  const [databases, registers, other] = [of('database'), of('register'), of('other')];
  const out = [
    ...(databases.length ? [`We searched ${listed(databases)}.`] : []),
    ...(registers.length ? [`We searched the trial ${registers.length === 1 && new Set(registers.map(source)).size === 1 ? 'register' : 'registers'} ${listed(registers)}.`] : []),
    ...(other.length ? [`Other methods: ${listed(other)}.`] : []),
  ];
  return `${out.join(' ')} The full search strategies are given in the appendix.`;
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
const fixed2 = (x: number | null): string => (x === null ? 'not estimable' : x.toFixed(2).replace('-', '−'));

/** Agreement over the pairs of one stage, for the results: each pair's kappa with its interval. */
function agreementText(stage: string, unit: string, pairs: readonly StageAgreement[]): string | null {
  const decided = pairs.filter((p) => p.n > 0);
  if (decided.length === 0) return null;
  const one = (p: StageAgreement): string =>
    `${percent(p.agreement)} over ${count(p.n, unit)} (Cohen's κ ${fixed2(p.kappa)}${p.kappa !== null && p.ci[0] !== null && p.ci[1] !== null ? `, 95% CI ${fixed2(p.ci[0])} to ${fixed2(p.ci[1])}` : ''})`;
  if (decided.length === 1) return `At ${stage} screening the two reviewers agreed on ${one(decided[0]!)}.`;
  return `At ${stage} screening the ${decided.length} pairs of reviewers agreed on ${listOf(decided.map(one))}.`;
}

/** PRISMA 2020 item 8: who screened, how, how disagreements were settled, and the automation used. */
function selectionProcess(input: SelectionTextInput): string {
  const out: string[] = [];
  if (input.reviewersPerRecord === 2) {
    out.push(
      `Two reviewers screened each title and abstract, and then the full text of each report retained, independently${input.blinding ? ' and blinded to each other’s decisions' : ''}; disagreements were resolved by the review’s owner or a third reviewer who had not screened the record.`,
    );
  } else {
    out.push('One reviewer screened each title and abstract, and then the full text of each report retained.');
  }
  if (input.maybeCountsAsInclude) out.push('Records marked “maybe” at title and abstract went forward to full-text assessment.');
  out.push('Each full-text exclusion was recorded with its reason from the review’s list.');
  if (input.order === 'relevance') {
    out.push(
      'Titles and abstracts were screened in order of predicted relevance (active learning: a linear support vector machine on TF-IDF features and word embeddings, refitted after every decision, in metasift); each decision records the model and its version.',
    );
  } else {
    out.push('Titles and abstracts were screened in a seeded random order, the same for both reviewers.');
  }
  const s = input.stopping;
  if (s?.sampling) {
    const target = percent(s.recallTarget).replace('.0%', '%');
    const conf = percent(s.confidence).replace('.0%', '%');
    out.push(
      `Screening in relevance order was followed by a random sample of the ${count(s.poolAtSample, 'record')} not yet screened, tested after each decision against the hypothesis that recall was below ${target} (Callaghan and Müller-Hansen 2020), to stop once it was rejected with ${conf} confidence.`,
    );
  }
  return out.join(' ');
}

/** PRISMA 2020 item 16a: the numbers of the flow diagram in words, with agreement and the stopping rule. */
function selectionResults(input: SelectionTextInput): string {
  const c = input.counts;
  const searched = [...c.databases, ...(c.registers ?? [])];
  const found = searched.reduce((sum, d) => sum + d.n, 0);
  const out: string[] = [];
  const unfinished = unfinishedText(input);
  if (unfinished) out.push(unfinished);
  const perDatabase = searched.length > 1 ? ` (${listOf(searched.map((d) => `${d.name} ${number(d.n)}`))})` : '';
  out.push(
    `The searches found ${count(found, 'record')}${perDatabase}; after ${count(c.removed.duplicates, 'duplicate')} ${c.removed.duplicates === 1 ? 'was' : 'were'} removed, ${count(c.screened, 'record')} ${c.screened === 1 ? 'was' : 'were'} screened by title and abstract and ${number(c.excluded)} excluded.`,
  );
  const reasons = c.excluded_reasons.filter((r) => r.n > 0).map((r) => `${r.reason.toLowerCase()}, ${number(r.n)}`);
  const excludedFull = c.excluded_reasons.reduce((sum, r) => sum + r.n, 0);
  out.push(
    `Of ${count(c.sought, 'report')} sought for retrieval, ${number(c.not_retrieved)} could not be retrieved; ${count(c.assessed, 'report')} ${c.assessed === 1 ? 'was' : 'were'} assessed for eligibility and ${number(excludedFull)} excluded${reasons.length ? ` (${reasons.join('; ')})` : ''}.`,
  );
  if (c.other) {
    const o = c.other;
    const otherFound = o.sources.reduce((sum, d) => sum + d.n, 0);
    const otherReasons = o.excluded_reasons.filter((r) => r.n > 0).map((r) => `${r.reason.toLowerCase()}, ${number(r.n)}`);
    const otherExcluded = o.excluded_reasons.reduce((sum, r) => sum + r.n, 0);
    out.push(
      `Other methods identified ${count(otherFound, 'record')}${o.sources.length > 1 ? ` (${listOf(o.sources.map((d) => `${d.name} ${number(d.n)}`))})` : ` (${o.sources[0]!.name})`}; of the ${count(o.sought, 'report')} they alone found that ${o.sought === 1 ? 'was' : 'were'} sought for retrieval, ${number(o.not_retrieved)} could not be retrieved, ${number(o.assessed)} ${o.assessed === 1 ? 'was' : 'were'} assessed for eligibility and ${number(otherExcluded)} excluded${otherReasons.length ? ` (${otherReasons.join('; ')})` : ''}.`,
    );
  }
  const reports = c.included_reports !== undefined && c.included_reports !== c.included_studies ? ` (${count(c.included_reports, 'report')})` : '';
  out.push(`${capitalise(count(c.included_studies, 'study', 'studies'))}${reports} ${c.included_studies === 1 ? 'was' : 'were'} included.`);
  for (const [stage, label, unit] of [['title_abstract', 'title and abstract', 'record'], ['full_text', 'full-text', 'report']] as const) {
    const t = agreementText(label, unit, input.agreement[stage]);
    if (t) out.push(t);
  }
  const s = input.stopping;
  if (s?.sampling && s.decision) {
    const p = s.decision.pValue < 0.001 ? 'p < 0.001' : `p = ${s.decision.pValue.toFixed(3)}`;
    const target = percent(s.recallTarget).replace('.0%', '%');
    out.push(
      s.decision.stop
        ? `Title and abstract screening stopped after a random sample of ${number(s.sampled)} of the ${count(s.poolAtSample, 'record')} not screened in relevance order held ${number(s.sampledRelevant)} relevant; recall below ${target} was rejected (${p}), and the records not sampled were not screened.`
        : `The stopping rule's random sample has reached ${number(s.sampled)} of ${count(s.poolAtSample, 'record')} (${number(s.sampledRelevant)} relevant); recall below ${target} is not yet rejected (${p}).`,
    );
  }
  return out.join(' ');
}

/** "Screening is not finished: …" while a stage has records undecided or conflicts unresolved. */
function unfinishedText(input: SelectionTextInput): string | null {
  const p = input.progress;
  if (!p) return null;
  // records left unscreened because the stopping rule fired are finished with
  const stopped = input.stopping?.sampling === true && input.stopping.decision?.stop === true;
  const parts: string[] = [];
  for (const [stage, label, unit] of [['title_abstract', 'title and abstract', 'record'], ['full_text', 'full text', 'report']] as const) {
    const s = p[stage];
    const remaining = stage === 'title_abstract' && stopped ? 0 : s.remaining;
    if (remaining > 0) parts.push(`${number(remaining)} of ${count(s.total, unit)} await decisions at ${label}`);
    if (s.conflicts > 0) parts.push(`${count(s.conflicts, 'conflict')} at ${label} ${s.conflicts === 1 ? 'awaits' : 'await'} resolution`);
  }
  return parts.length ? `Screening is not finished: ${listOf(parts)}; the numbers below are those recorded so far.` : null;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The paragraphs for PRISMA 2020 items 6, 8 and 16a. */
export function selectionText(input: SelectionTextInput): ReportParagraph[] {
  return [
    { item: '6', heading: 'Information sources', text: sources(input.searches) },
    { item: '8', heading: 'Selection process', text: selectionProcess(input) },
    { item: '16a', heading: 'Results of the search and selection', text: selectionResults(input) },
  ];
}
