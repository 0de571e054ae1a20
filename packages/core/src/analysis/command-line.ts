/**
 * The `metasift meta` command that redoes an analysis made in the web app (the meta-analysis page, the
 * review report), written at the head of its R script and HTML page so a reader can rerun it.
 */
export interface MetaCommandOptions {
  /** '' or absent: the measure the columns imply. */
  readonly measure?: string;
  readonly method: string;
  readonly test: string;
  readonly level: number | string;
  readonly subgroup?: string;
  readonly mods?: readonly string[];
  readonly sensitivity?: readonly string[];
  readonly cumulative?: string;
  readonly cluster?: string;
  readonly multilevel?: string;
}

/** "metasift meta qol.csv --measure SMD --method REML --test z --level 95 --subgroup mode --sensitivity 'risk_of_bias!=High'". */
export function metaCommandLine(file: string, o: MetaCommandOptions): string {
  return [
    'metasift meta',
    file,
    ...(o.measure ? ['--measure', o.measure] : []),
    '--method',
    o.method,
    '--test',
    o.test,
    '--level',
    String(o.level),
    ...(o.subgroup ? ['--subgroup', o.subgroup] : []),
    ...(o.mods?.length ? ['--mods', o.mods.join(',')] : []),
    ...(o.sensitivity ?? []).flatMap((x) => ['--sensitivity', `'${x}'`]),
    ...(o.cumulative ? ['--cumulative', o.cumulative] : []),
    ...(o.cluster ? ['--cluster', o.cluster] : []),
    ...(o.multilevel ? ['--multilevel', o.multilevel] : []),
  ].join(' ');
}
