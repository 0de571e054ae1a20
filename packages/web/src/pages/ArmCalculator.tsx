/**
 * The extraction form's calculator for a continuous outcome: one arm's mean and SD from the SE, a CI of
 * the mean, the median with its IQR and/or range, or two groups combined into one (core `armFromSummary`, Cochrane Handbook 6.5.2),
 * filled into that arm's fields with the way they were obtained added to the note.
 */
import { useMemo, useState } from 'react';
import { armFromSummary, isMetasiftError, parseNumber, type ArmSummary } from '@metasift/core';

type From = ArmSummary['from'];
const FIELDS: Record<From, readonly [string, string][]> = {
  ci: [
    ['lower', 'Lower limit'],
    ['upper', 'Upper limit'],
    ['level', 'Level (%)'],
  ],
  se: [['se', 'SE']],
  median: [
    ['median', 'Median'],
    ['q1', 'Q1 (25th percentile)'],
    ['q3', 'Q3 (75th percentile)'],
    ['min', 'Minimum'],
    ['max', 'Maximum'],
  ],
  groups: [
    ['n', 'N, group 1'],
    ['mean', 'Mean, group 1'],
    ['sd', 'SD, group 1'],
    ['n2', 'N, group 2'],
    ['mean2', 'Mean, group 2'],
    ['sd2', 'SD, group 2'],
  ],
};
const FROM: Record<From, string> = { ci: 'a 95% (or other) CI of the mean', se: 'the standard error', median: 'the median, IQR and/or range', groups: 'two groups combined into one (e.g. two intervention arms)' };
const ARMS = { '1': 'intervention', '2': 'comparator' } as const;

/** A number for a form field: six significant digits, no trailing zeros. */
const fieldValue = (x: number): string => String(Number(x.toPrecision(6)));

export function ArmCalculator({ values, onUse, disabled }: { values: Readonly<Record<string, string>>; onUse: (patch: Record<string, string>, how: string) => void; disabled?: boolean | undefined }) {
  const [arm, setArm] = useState<'1' | '2'>('1');
  const [from, setFrom] = useState<From>('ci');
  const [typed, setTyped] = useState<Record<string, string>>({ level: '95' });
  // two groups combined: their own N fields (kept apart from the arm's N the other ways read)
  const groups = from === 'groups';
  const n = typed['n'] ?? values[`n${arm}i`] ?? '';
  const result = useMemo((): { mean?: number; sd: number; n?: number; how: string } | { error: string } | null => {
    const text = (k: string): string => (groups ? typed[`g.${k}`] : k === 'n' ? n : typed[k]) ?? '';
    const num = (k: string): number | undefined => {
      const v = parseNumber(text(k));
      if (v === null) return undefined;
      if (Number.isNaN(v)) throw new Error(`${k}: "${text(k)}" is not a number`);
      return v;
    };
    try {
      if (groups) {
        const given = FIELDS.groups.map(([k]) => num(k));
        return given.every((v) => v !== undefined) ? armFromSummary({ from, ...Object.fromEntries(FIELDS.groups.map(([k], i) => [k, given[i]])) } as ArmSummary) : null;
      }
      const size = num('n');
      if (size === undefined || FIELDS[from].every(([k]) => k === 'level' || num(k) === undefined)) return null;
      const given = Object.fromEntries(FIELDS[from].map(([k]) => [k, num(k)]).filter(([, v]) => v !== undefined)) as Record<string, number>;
      return armFromSummary({ from, n: size, ...given } as ArmSummary);
    } catch (e) {
      return { error: isMetasiftError(e) || e instanceof Error ? e.message : String(e) };
    }
  }, [from, typed, n, groups]);
  const use = (): void => {
    if (!result || 'error' in result) return;
    const patch: Record<string, string> = { [`sd${arm}i`]: fieldValue(result.sd), [`n${arm}i`]: result.n !== undefined ? String(result.n) : n };
    if (result.mean !== undefined) patch[`m${arm}i`] = fieldValue(result.mean);
    onUse(patch, `${ARMS[arm][0]!.toUpperCase()}${ARMS[arm].slice(1)}: ${result.how}`);
  };
  return (
    <details className="calculator">
      <summary>Mean and SD from other statistics</summary>
      <div className="extraction-grid">
        <label>
          Arm
          <select value={arm} onChange={(e) => setArm(e.target.value as '1' | '2')} disabled={disabled}>
            <option value="1">Intervention</option>
            <option value="2">Comparator</option>
          </select>
        </label>
        <label>
          From
          <select value={from} onChange={(e) => setFrom(e.target.value as From)} disabled={disabled}>
            {(Object.keys(FROM) as From[]).map((f) => (
              <option key={f} value={f}>
                {FROM[f]}
              </option>
            ))}
          </select>
        </label>
        {!groups && (
          <label>
            N of the arm
            <input inputMode="decimal" value={n} onChange={(e) => setTyped({ ...typed, n: e.target.value })} disabled={disabled} />
          </label>
        )}
        {FIELDS[from].map(([k, label]) => {
          const key = groups ? `g.${k}` : k;
          return (
            <label key={key}>
              {label}
              <input inputMode="decimal" value={typed[key] ?? ''} onChange={(e) => setTyped({ ...typed, [key]: e.target.value })} disabled={disabled} />
            </label>
          );
        })}
      </div>
      {result && 'error' in result && (
        <p role="alert" className="error">
          {result.error}
        </p>
      )}
      {result && !('error' in result) && (
        <p>
          <output>
            {result.n !== undefined ? `N ${result.n}, ` : ''}
            {result.mean !== undefined ? `Mean ${fieldValue(result.mean)}, ` : ''}SD {fieldValue(result.sd)}
          </output>{' '}
          <span className="muted small">({result.how})</span>{' '}
          <button type="button" onClick={use} disabled={disabled}>
            Fill the {ARMS[arm]} arm
          </button>
        </p>
      )}
    </details>
  );
}
