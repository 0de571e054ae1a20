/**
 * A draft of the structured abstract that PRISMA 2020 for Abstracts asks for (item 2), written from what
 * the review recorded: the question, the criteria, the sources searched and when, the risk-of-bias
 * tools, the synthesis methods, the studies included, and each outcome's pooled effect with its
 * certainty. What only the authors can say — limitations, interpretation, funding — is left marked for
 * them. Pure: the caller gathers the parts.
 */
import { longDate, listOf } from './selection-text.js';
import { measureName } from './meta-text.js';

export interface AbstractInput {
  readonly question: string;
  readonly criteria: readonly { readonly kind: string; readonly text: string }[];
  /** Each search run: its database, register or other method, and when it was run (ISO date). */
  readonly searches: readonly { readonly database: string; readonly source?: string; readonly searchedOn: string | null }[];
  /** The risk-of-bias tools used, by name ("RoB 2", "ROBINS-I"). */
  readonly robTools: readonly string[];
  /** Each pooled outcome's measure code, model (metafor's method code) and confidence level. */
  readonly analyses: readonly { readonly measure: string; readonly method: string; readonly level?: number }[];
  readonly studies: number;
  /** Per outcome: studies, participants, the pooled effect as read ("SMD 0.81 (0.09 to 1.53)") or why none, and the GRADE certainty. */
  readonly results: readonly { readonly outcome: string; readonly k: number; readonly participants: number | null; readonly effect: string; readonly pooled: boolean; readonly certainty: string | null }[];
  readonly registryId: string;
}

export interface AbstractPart {
  /** Background, Methods, Results, Discussion or Other. */
  readonly section: string;
  /** PRISMA 2020 for Abstracts' item, e.g. "Information sources". */
  readonly label: string;
  readonly text: string;
  /** True where the text is a placeholder for the authors. */
  readonly forAuthors?: boolean;
}

const FOR_AUTHORS = 'For the authors to write.';

const MODELS: Record<string, string> = {
  EE: 'common-effect (inverse-variance) meta-analysis',
  MH: 'Mantel–Haenszel common-effect meta-analysis',
  PETO: "Peto's common-effect meta-analysis",
  DL: 'random-effects meta-analysis (DerSimonian–Laird)',
  REML: 'random-effects meta-analysis (REML)',
  ML: 'random-effects meta-analysis (maximum likelihood)',
  PM: 'random-effects meta-analysis (Paule–Mandel)',
  HE: 'random-effects meta-analysis (Hedges)',
  SJ: 'random-effects meta-analysis (Sidik–Jonkman)',
  EB: 'random-effects meta-analysis (empirical Bayes)',
  HS: 'random-effects meta-analysis (Hunter–Schmidt)',
};

const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const count = (n: number, one: string, many: string): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function sources(searches: AbstractInput['searches']): string {
  if (!searches.length) return 'No search recorded yet.';
  const latest = new Map<string, string>();
  for (const s of searches) {
    const at = s.searchedOn ?? '';
    if (!latest.has(s.database) || at > latest.get(s.database)!) latest.set(s.database, at);
  }
  const kind = (source: string | undefined): string => (source === 'register' ? 'register' : source === 'other' ? 'other' : 'database');
  const group = (k: string): string[] => [...new Set(searches.filter((s) => kind(s.source) === k).map((s) => s.database))];
  const parts = [
    group('database').length ? `${listOf(group('database'))}` : '',
    group('register').length ? `the trial ${group('register').length === 1 ? 'register' : 'registers'} ${listOf(group('register'))}` : '',
    group('other').length ? `${listOf(group('other').map((x) => x.toLowerCase()))}` : '',
  ].filter(Boolean);
  const dates = [...latest.values()].filter(Boolean).sort();
  return `${capital(listOf(parts))}${dates.length ? `, searched up to ${longDate(dates.at(-1)!)}` : ''}.`;
}

function eligibility(criteria: AbstractInput['criteria']): string {
  const of = (kind: string): string[] => criteria.filter((c) => c.kind === kind).map((c) => c.text.replace(/\.$/, ''));
  const parts = [of('inclusion').length ? `Included: ${of('inclusion').join('; ')}.` : '', of('exclusion').length ? `Excluded: ${of('exclusion').join('; ')}.` : ''];
  return parts.filter(Boolean).join(' ') || 'No eligibility criteria recorded.';
}

function synthesis(analyses: AbstractInput['analyses']): string {
  const kinds = [...new Set(analyses.map((a) => `${MODELS[a.method] ?? `meta-analysis (${a.method})`} of ${measureName(a.measure)}`))];
  const levels = [...new Set(analyses.map((a) => a.level ?? 95))].sort((x, y) => y - x);
  return kinds.length ? `${capital(listOf(kinds))} with ${listOf(levels.map((l) => `${l}%`))} confidence intervals; certainty of evidence by GRADE.` : 'No outcome pooled yet.';
}

function results(r: AbstractInput['results']): string {
  return r
    .map((o) => {
      const certainty = o.certainty ? `; ${o.certainty} certainty` : '';
      if (!o.pooled) return `${o.outcome}: ${o.k ? `${count(o.k, 'study', 'studies')}, not pooled (${o.effect})` : 'no study with data'}.`;
      const who = `${count(o.k, 'study', 'studies')}${o.participants !== null ? `, ${count(o.participants, 'participant', 'participants')}` : ''}`;
      return `${o.outcome}: ${o.effect} (${who}${certainty}).`;
    })
    .join(' ');
}

/** The abstract's sections in PRISMA 2020 for Abstracts' order. */
export function abstractDraft(a: AbstractInput): AbstractPart[] {
  return [
    { section: 'Background', label: 'Objectives', text: a.question || 'No question recorded.' },
    { section: 'Methods', label: 'Eligibility criteria', text: eligibility(a.criteria) },
    { section: 'Methods', label: 'Information sources', text: sources(a.searches) },
    { section: 'Methods', label: 'Risk of bias', text: a.robTools.length ? `Assessed with ${listOf(a.robTools)}.` : 'Not yet assessed.' },
    { section: 'Methods', label: 'Synthesis methods', text: synthesis(a.analyses) },
    { section: 'Results', label: 'Included studies', text: `${capital(count(a.studies, 'study was', 'studies were'))} included.` },
    { section: 'Results', label: 'Synthesis of results', text: results(a.results) || 'No outcome named in the protocol.' },
    { section: 'Discussion', label: 'Limitations of evidence', text: FOR_AUTHORS, forAuthors: true },
    { section: 'Discussion', label: 'Interpretation', text: FOR_AUTHORS, forAuthors: true },
    { section: 'Other', label: 'Funding', text: FOR_AUTHORS, forAuthors: true },
    { section: 'Other', label: 'Registration', text: a.registryId ? `${/^CRD/i.test(a.registryId) ? 'PROSPERO ' : ''}${a.registryId}.` : 'Not registered.' },
  ];
}
