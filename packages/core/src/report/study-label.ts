/** How a report is named in a table of studies: "Smith 2020", "Smith and Jones 2020", "Smith et al. 2020". */
export interface Citable {
  readonly authors: readonly { readonly family: string }[];
  readonly year: number | null;
  readonly title: string;
}

/** The authors' family names and the year; the title's first words when no author is recorded. */
export function studyLabel(x: Citable): string {
  const names = x.authors.map((a) => a.family.trim()).filter(Boolean);
  const who =
    names.length === 0 ? x.title.split(/\s+/).slice(0, 4).join(' ') : names.length === 1 ? names[0]! : names.length === 2 ? `${names[0]} and ${names[1]}` : `${names[0]} et al.`;
  return x.year === null ? who : `${who} ${x.year}`;
}
