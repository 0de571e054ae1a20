/**
 * Risk-of-bias judgements from a table in robvis's layout: a study column, one column per domain
 * (D1 … Dn or the domain names), an Overall column and optionally a Weight column.
 */
import { MetasiftError } from '../errors.js';
import { figureLevels, levelLabel, overallLevelsOf, ROB_TOOLS, parseJudgement, type RobJudgement } from '../figures/rob-style.js';
import type { RobData } from '../figures/rob.js';
import { numericColumn, textColumn, type DataTable } from './table.js';

const STUDY = ['study', 'Study', 'author', 'Author', 'label'];
const ORDER: readonly RobJudgement[] = ['low', 'some', 'moderate', 'high', 'serious', 'critical', 'unclear', 'yes', 'cant-tell', 'no', 'include', 'seek', 'exclude', 'na'];

/**
 * @param tool a key of ROB_TOOLS ("rob2", "robins-i", "casp-qual", "mmat-rct" …) or "custom" (domains named by the columns).
 * @throws MetasiftError MISSING_COLUMN, INVALID_VALUE (naming row and column), UNKNOWN_TOOL
 */
export function robFromTable(table: DataTable, tool: string): RobData {
  if (table.rows.length === 0) throw new MetasiftError('EMPTY_TABLE', 'the risk-of-bias table has a header but no study rows');
  const known = ROB_TOOLS[tool];
  if (!known && tool !== 'custom') throw new MetasiftError('UNKNOWN_TOOL', `unknown tool "${tool}"; use ${Object.keys(ROB_TOOLS).join(', ')} or custom`, { field: 'tool' });
  const studyCol = STUDY.find((c) => table.columns.includes(c));
  if (!studyCol) throw new MetasiftError('MISSING_COLUMN', `no study column: name one of the columns "Study"`, { field: 'Study' });
  const overallCol = table.columns.find((c) => c.toLowerCase() === 'overall');
  if (!overallCol) throw new MetasiftError('MISSING_COLUMN', 'no "Overall" column with the overall judgement', { field: 'Overall' });
  const weightCol = table.columns.find((c) => c.toLowerCase() === 'weight');
  const domainCols = table.columns.filter((c) => c !== studyCol && c !== overallCol && c !== weightCol);
  if (known && domainCols.length !== known.domains.length)
    throw new MetasiftError('MISSING_COLUMN', `${known.name} has ${known.domains.length} domains but the table has ${domainCols.length} domain columns (${domainCols.join(', ')})`, {
      field: domainCols[domainCols.length - 1] ?? overallCol,
    });
  // a known tool's own levels (and "not applicable"), its overall levels in the Overall column; any judgement for a custom tool
  const scale = (levels: readonly RobJudgement[] | undefined, what: string) =>
    levels
      ? { accepted: [...levels, 'na' as const], use: `${known!.name} ${what} (use ${levels.filter((l) => l !== 'na').map((l) => levelLabel(l, known!.labels)).join(', ')} or Not applicable)` }
      : { accepted: undefined, use: "risk-of-bias judgement (use Low, Some concerns, Moderate, High, Serious, Critical, No information; for a checklist Yes, No, Can't tell)" };
  const read = (col: string, { accepted, use }: ReturnType<typeof scale>): (RobJudgement | null)[] =>
    textColumn(table, col).map((cell, row) => {
      if (cell === '') return null;
      const j = parseJudgement(cell, accepted);
      if (!j) throw new MetasiftError('INVALID_VALUE', `"${cell}" is not a ${use}`, { row, field: col });
      return j;
    });
  const domains = domainCols.map((c) => read(c, scale(known?.levels, 'judgement')));
  const overall = read(overallCol, scale(known && overallLevelsOf(known), known?.overallLevels ? 'overall judgement' : 'judgement'));
  const weights = weightCol ? numericColumn(table, weightCol) : undefined;
  const labels = textColumn(table, studyCol);
  const used = new Set([...domains.flat(), ...overall].filter((j): j is RobJudgement => j !== null));
  return {
    tool: known?.name ?? 'custom tool',
    ...(known?.labels && { labels: known.labels }),
    domains: known ? known.domains : domainCols,
    levels: known ? figureLevels(known, used) : ORDER.filter((l) => used.has(l)),
    studies: labels.map((label, i) => ({
      label,
      judgements: domains.map((d) => d[i]!),
      overall: overall[i]!,
      ...(weights?.[i] !== undefined && weights[i] !== null ? { weight: weights[i]! } : {}),
    })),
  };
}
