/** Store errors carry a code an HTTP layer can map to a status (FORBIDDEN → 403, NOT_FOUND → 404, INVALID → 400). */
export type StoreErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID' | 'CONFLICT';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Runs a core check, turning its MetasiftError into an INVALID store error with the same message. */
export function coreChecked<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Error && e.name === 'MetasiftError') throw new StoreError('INVALID', e.message);
    throw e;
  }
}
