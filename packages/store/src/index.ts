export { openStore, redactUrl, DEFAULT_FILE, type Store, type OpenOptions } from './open.js';
export { audit, auditTrail, type AuditEntry, type AuditRow } from './audit.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { Protocol, parseProtocol } from './protocol.js';
export { createUser, createReview, getReview, amendProtocol, setMember, setBlinding, roleOf, requireRole, type ReviewView } from './reviews.js';
export { importSearchRun, type SearchRunInput, type ImportOutcome } from './imports.js';
export { decide, visibleDecisions, conflicts, resolve, type Decision } from './screening.js';
export type * from './schema.js';
