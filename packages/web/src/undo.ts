/** Which decision U takes back: the newest one still standing, so pressing U again walks further back. */

export interface DecisionEntry {
  readonly recordId: number;
  /** null for an undo. */
  readonly verdict: string | null;
}

/**
 * The newest entry of my history (newest first) whose record's latest entry is a verdict: a record whose
 * latest entry is an undo is passed over with all its older entries, as that decision is already taken back.
 */
export function decisionToUndo<T extends DecisionEntry>(history: readonly T[]): T | undefined {
  const seen = new Set<number>();
  return history.find((h) => {
    const latest = !seen.has(h.recordId);
    seen.add(h.recordId);
    return latest && h.verdict !== null;
  });
}
