/**
 * The extraction form's calculator for a continuous outcome: one arm's mean and SD from the SE, a CI of
 * the mean, or the median with its IQR and/or range (core `armFromSummary`, Cochrane Handbook 6.5.2),
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
};
const FROM: Record<From, string> = { ci: 'a 95% (or other) CI of the mean', se: 'the standard error', median: 'the median, IQR and/or range' };
const ARMS = { '1': 'intervention', '2': 'comparator' } as const;

/** A number for a form field: six significant digits, no trailing zeros. */
const fieldValue = (x: number): string => String(Number(x.toPrecision(6)));

export function ArmCalculator({ values, onUse, disabled }: { values: Readonly<Record<string, string>>; onUse: (patch: Record<string, string>, how: string) => void; disabled?: boolean | undefined }) {
  const [arm, setArm] = useState<'1' | '2'>('1');
  const [from, setFrom] = useState<From>('ci');
  const [typed, setTyped] = useState<Record<string, string>>({ level: '95' });
  const n = typed['n'] ?? values[`n${arm}i`] ?? '';
  const result = useMemo((): { mean?: number; sd: number; how: string } | { error: string } | null => {
    const num = (k: string): number | undefined => {
      const v = parseNumber((k === 'n' ? n : typed[k]) ?? '');
      if (v === null) return undefined;
      if (Number.isNaN(v)) throw new Error(`${k}: "${k === 'n' ? n : typed[k]}" is not a number`);
      return v;
    };
    try {
      const size = num('n');
      if (size === undefined || FIELDS[from].every(([k]) => k === 'level' || num(k) === undefined)) return null;
      const given = Object.fromEntries(FIELDS[from].map(([k]) => [k, num(k)]).filter(([, v]) => v !== undefined)) as Record<string, number>;
      return armFromSummary({ from, n: size, ...given } as ArmSummary);
    } catch (e) {
      return { error: isMetasiftError(e) || e instanceof Error ? e.message : String(e) };
    }
  }, [from, typed, n]);
  const use = (): void => {
    if (!result || 'error' in result) return;
    const patch: Record<string, string> = { [`sd${arm}i`]: fieldValue(result.sd), [`n${arm}i`]: n };
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
        <label>
          N of the arm
          <input inputMode="decimal" value={n} onChange={(e) => setTyped({ ...typed, n: e.target.value })} disabled={disabled} />
        </label>
        {FIELDS[from].map(([k, label]) => (
          <label key={k}>
            {label}
            <input inputMode="decimal" value={typed[k] ?? ''} onChange={(e) => setTyped({ ...typed, [k]: e.target.value })} disabled={disabled} />
          </label>
        ))}
      </div>
      {result && 'error' in result && (
        <p role="alert" className="error">
          {result.error}
        </p>
      )}
      {result && !('error' in result) && (
        <p>
          <output>
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
