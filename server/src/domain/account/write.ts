import type { Kysely } from 'kysely'
import type { NewUser, User, UserChange } from '../../contract/accounts.js'
import { isPgError, PG_UNIQUE_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { auditCreated, type VersionedRecord, versionedWrite } from '../versioned-write.js'
import { insertUser, lockUser, readUser, setUserRegions, updateUser } from './queries.js'
import { deleteSessionsOf } from './sessions.js'

function userRecord(id: number): VersionedRecord<User> {
  return {
    entity: 'user',
    label: 'User',
    id,
    read: async (trx, lock) => {
      if (lock && (await lockUser(trx, id)) === undefined) throw notFound(`user ${id}`)
      const user = await readUser(trx, id)
      if (!user) throw notFound(`user ${id}`)
      return user
    },
  }
}

/** A new account with its regions, audited; a taken e-mail is 409 naming body.email. */
export async function createAccount(
  db: Kysely<DB>,
  input: NewUser & { passwordHash: string },
): Promise<User> {
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, input)
      await setUserRegions(trx, id, input.regionIds)
      return auditCreated(trx, 'user', id, await userRecord(id).read(trx, false))
    })
  } catch (error) {
    if (isPgError(error, PG_UNIQUE_VIOLATION)) {
      const message = 'an account with this e-mail exists already'
      throw new HttpError(409, 'CONFLICT', `body.email: ${message}`, [{ path: 'body.email', message }])
    }
    throw error
  }
}

/**
 * Role, regions, disabling and password resets through versionedWrite (a stale version is 409 at
 * body.version); a reset or a disabling ends the user's sessions in the same transaction.
 */
export function changeAccount(
  db: Kysely<DB>,
  id: number,
  change: UserChange & { passwordHash: string | undefined },
): Promise<User> {
  return versionedWrite(db, userRecord(id), change.version, async (trx) => {
    await updateUser(trx, id, change)
    await setUserRegions(trx, id, change.regionIds)
    if (change.passwordHash !== undefined || change.disabled) await deleteSessionsOf(trx, id)
  })
}
