/** Logging in and out: random session tokens (only their hash stored) and a CSRF token per session. */
import { createHash, randomBytes } from 'node:crypto';
import { audit, now } from './audit.js';
import type { Store } from './open.js';
import { verifyPassword } from './passwords.js';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
export const SESSION_HOURS = 12;

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  csrf: string;
}

/** Checks the password; on success opens a session and returns its token (for the cookie) and user. */
export async function login(store: Store, email: string, password: string): Promise<{ token: string; user: SessionUser } | null> {
  const u = await store.db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  // an unknown email costs the same scrypt work as a wrong password, so timing does not tell them apart
  const ok = await verifyPassword(password, u?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
  if (!u || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const at = new Date();
  await store.tx(async (trx) => {
    // expired sessions are purged as new ones open (they only ever held a token hash and a CSRF token)
    await trx.deleteFrom('sessions').where('expires_at', '<', at.toISOString()).execute();
    await trx
      .insertInto('sessions')
      .values({ token_sha256: sha256(token), user_id: u.id, csrf, created_at: at.toISOString(), expires_at: new Date(at.getTime() + SESSION_HOURS * 3600e3).toISOString() })
      .execute();
    await audit(trx, { reviewId: null, actorId: u.id, entity: 'session', entityId: u.id, action: 'login' });
  });
  return { token, user: { id: u.id, email: u.email, displayName: u.display_name, csrf } };
}

export async function sessionUser(store: Store, token: string): Promise<SessionUser | null> {
  const s = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'sessions.csrf', 'sessions.expires_at'])
    .where('sessions.token_sha256', '=', sha256(token))
    .executeTakeFirst();
  if (!s || s.expires_at < now()) return null;
  return { id: s.id, email: s.email, displayName: s.display_name, csrf: s.csrf };
}

export async function logout(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('token_sha256', '=', sha256(token)).execute();
}
