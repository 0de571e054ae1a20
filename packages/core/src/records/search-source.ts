/**
 * Where a search run's records come from, as the PRISMA 2020 flow diagram sorts them: bibliographic
 * databases, trial registers, or other methods (citation searching, websites, organisations, hand
 * searching), which the diagram follows in a column of their own.
 */
export type SearchSource = 'database' | 'register' | 'other';
export const SEARCH_SOURCES: readonly SearchSource[] = ['database', 'register', 'other'];

export const SEARCH_SOURCE_LABELS: Readonly<Record<SearchSource, string>> = {
  database: 'Database',
  register: 'Trial register',
  other: 'Other method (citation searching, websites, organisations, hand searching)',
};

const REGISTERS = /clinicaltrials\.gov|clinical ?trials\.gov|\bictrp\b|trials? regist|\bisrctn\b|\beu ?ctr\b|clinicaltrialsregister|\banzctr\b|\bctri\b|\bdrks\b|\bchictr\b|\bjrct\b|\bprospero\b/i;
const OTHER_METHODS = /citation|reference list|snowball|hand[- ]?search|website|web ?site|organi[sz]ation|grey literature|gray literature|google|contact(ed)? (with )?(authors|experts)|expert/i;

/** The source a database name suggests: a trial register or another method by its name, else a database. */
export function inferSearchSource(database: string): SearchSource {
  if (REGISTERS.test(database)) return 'register';
  if (OTHER_METHODS.test(database)) return 'other';
  return 'database';
}
