import type { Kysely } from 'kysely'
import type { NewUser, Session, User, UserChange } from '../../contract/accounts.js'
import { findUserByEmail, listUsers, readUser } from '../../domain/account/queries.js'
import { createSession } from '../../domain/account/sessions.js'
import { changeAccount, createAccount } from '../../domain/account/write.js'
import type { DB } from '../../db/schema.js'
import { HttpError } from '../../plugins/error-handler.js'
import { hashPassword, unknownUserHash, verifyPassword } from './password.js'

/**
 * Checks the password and starts a new session. Unknown e-mail, wrong password and disabled
 * account get the same answer after the same work (a hash is always checked).
 */
export async function signIn(db: Kysely<DB>, email: string, password: string) {
  const user = await findUserByEmail(db, email)
  const ok = await verifyPassword(password, user?.password_hash ?? unknownUserHash)
  if (!user || !ok || user.disabled) throw new HttpError(401, 'UNAUTHORIZED', 'Wrong e-mail or password')
  return { user, ...(await createSession(db, user.id)) }
}

export async function sessionOf(
  db: Kysely<DB>,
  viewer: { kind: 'public' } | { kind: 'user'; userId: number },
  csrfToken: string | undefined,
): Promise<Session> {
  if (viewer.kind === 'public') return { signedIn: false, user: null, csrfToken: null }
  const user = await readUser(db, viewer.userId)
  if (!user) return { signedIn: false, user: null, csrfToken: null }
  const { id, email, displayName, role, enterpriseId, regionIds } = user
  return {
    signedIn: true,
    user: { id, email, displayName, role, enterpriseId, regionIds },
    csrfToken: csrfToken ?? null,
  }
}

export const users = (db: Kysely<DB>) => listUsers(db)

export async function createUser(db: Kysely<DB>, input: NewUser): Promise<User> {
  return createAccount(db, { ...input, passwordHash: await hashPassword(input.password) })
}

/** Role, regions, disabling and password resets; a reset or a disabling ends the user's sessions. */
export async function changeUser(db: Kysely<DB>, id: number, change: UserChange): Promise<User> {
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password)
  return changeAccount(db, id, { ...change, passwordHash })
}
