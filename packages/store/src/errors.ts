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
