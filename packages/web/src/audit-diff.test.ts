import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-diff.js';

describe('auditChanges', () => {
  it('lists only the fields a settings change touched, nested ones by dotted name', () => {
    const before = { reviewersPerRecord: 2, order: 'random', exclusionReasons: ['Wrong population'], highlight: { include: [], exclude: [] } };
    const after = { reviewersPerRecord: 2, order: 'random', exclusionReasons: ['Not advanced cancer'], highlight: { include: ['video'], exclude: [] } };
    expect(auditChanges(before, after)).toEqual({
      changes: [
        { field: 'exclusionReasons', before: '["Wrong population"]', after: '["Not advanced cancer"]' },
        { field: 'highlight.include', before: '[]', after: '["video"]' },
      ],
      unchanged: 3,
    });
  });

  it('lists every field of something created, and fields that were removed', () => {
    expect(auditChanges(null, { database: 'CENTRAL', records: 69 }).changes).toEqual([
      { field: 'database', before: '', after: 'CENTRAL' },
      { field: 'records', before: '', after: '69' },
    ]);
    expect(auditChanges({ verdict: 'include', note: 'x' }, { verdict: 'exclude' }).changes).toEqual([
      { field: 'verdict', before: 'include', after: 'exclude' },
      { field: 'note', before: 'x', after: '' },
    ]);
  });

  it('compares plain values whole, and finds nothing changed when nothing did', () => {
    expect(auditChanges('a', 'b').changes).toEqual([{ field: '', before: 'a', after: 'b' }]);
    expect(auditChanges({ a: [1, 2] }, { a: [1, 2] })).toEqual({ changes: [], unchanged: 1 });
  });
});
