import { describe, expect, it } from 'vitest';
import { decisionToUndo } from './undo.js';

describe('the decision U takes back', () => {
  it('is the newest one still standing, so U again walks further back', () => {
    const history = [
      { recordId: 7, verdict: 'maybe' },
      { recordId: 3, verdict: 'exclude' },
    ];
    expect(decisionToUndo(history)?.recordId).toBe(7);
    // 7 undone: its older entry is taken back already, so U goes on to 3
    expect(decisionToUndo([{ recordId: 7, verdict: null }, ...history])?.recordId).toBe(3);
    // a record decided again after an undo is standing again
    expect(decisionToUndo([{ recordId: 7, verdict: 'include' }, { recordId: 7, verdict: null }, ...history])?.recordId).toBe(7);
    expect(decisionToUndo([{ recordId: 7, verdict: null }, { recordId: 7, verdict: 'maybe' }])).toBeUndefined();
  });
});
