import type { Kysely } from 'kysely'
import type { NewUser, Session, User, UserChange } from '../../contract/accounts.js'
import { recordAudit } from '../../domain/audit/record.js'
import { isPgError, PG_UNIQUE_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { createSession, deleteSessionsOf } from '../../db/sessions.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { hashPassword, unknownUserHash, verifyPassword } from './password.js'
import {
  findUserByEmail,
  insertUser,
  listUsers,
  lockUser,
  readUser,
  setUserRegions,
  updateUser,
} from './queries.js'

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
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, { ...input, passwordHash: await hashPassword(input.password) })
      await setUserRegions(trx, id, input.regionIds)
      const created = await readUser(trx, id)
      if (!created) throw notFound(`user ${id}`)
      await recordAudit(trx, {
        userId: null,
        entity: 'user',
        entityId: id,
        action: 'create',
        before: null,
        after: created,
      })
      return created
    })
  } catch (error) {
    if (isPgError(error, PG_UNIQUE_VIOLATION)) {
      const message = 'an account with this e-mail exists already'
      throw new HttpError(409, 'CONFLICT', `body.email: ${message}`, [{ path: 'body.email', message }])
    }
    throw error
  }
}

/** Role, regions, disabling and password resets; a reset or a disabling ends the user's sessions. */
export async function changeUser(db: Kysely<DB>, id: number, change: UserChange): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const version = await lockUser(trx, id)
    if (version === undefined) throw notFound(`user ${id}`)
    if (version !== change.version) {
      throw new HttpError(409, 'CONFLICT', `user ${id} changed since version ${change.version}: reload it`)
    }
    const before = await readUser(trx, id)
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password)
    await updateUser(trx, id, { ...change, passwordHash })
    await setUserRegions(trx, id, change.regionIds)
    if (passwordHash !== undefined || change.disabled) await deleteSessionsOf(trx, id)
    const after = await readUser(trx, id)
    if (!after) throw notFound(`user ${id}`)
    await recordAudit(trx, { userId: null, entity: 'user', entityId: id, action: 'update', before, after })
    return after
  })
}
