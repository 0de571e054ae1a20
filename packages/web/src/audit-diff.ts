/**
 * What an audited change touched, for reading: the values before and after are flattened to dotted
 * field names ("highlight.include") and only the fields whose values differ are listed, so a settings
 * change shows the one list that changed rather than two walls of JSON. A record created (nothing
 * before) lists every field it was created with.
 */

export interface FieldChange {
  /** Dotted path of the field; '' when the value is not an object. */
  field: string;
  before: string;
  after: string;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field path → value, objects opened up to their leaves (arrays stay whole). */
function flatten(v: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (isPlainObject(v) && Object.keys(v).length > 0) {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (v !== undefined && v !== null) out.set(prefix, v);
  return out;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The fields that differ between `before` and `after`, in the order they first appear, and how many are the same. */
export function auditChanges(before: unknown, after: unknown): { changes: FieldChange[]; unchanged: number } {
  const a = flatten(before);
  const b = flatten(after);
  const changes: FieldChange[] = [];
  let unchanged = 0;
  for (const field of new Set([...a.keys(), ...b.keys()])) {
    const x = text(a.get(field));
    const y = text(b.get(field));
    if (x === y) unchanged++;
    else changes.push({ field, before: x, after: y });
  }
  return { changes, unchanged };
}
