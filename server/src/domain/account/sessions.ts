import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Role, Viewer } from '../../contract/accounts.js'
import type { DB } from '../../db/schema.js'
import { userRegionIds } from './queries.js'

/** Sessions last this long from sign-in, then the user signs in again. */
export const SESSION_HOURS = 12

const digest = (token: string) => createHash('sha256').update(token).digest('hex')

/** Starts a session: the token goes into the cookie, only its digest into the database. */
export async function createSession(db: Kysely<DB>, userId: number) {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600 * 1000)
  await db
    .insertInto('sessions')
    .values({ id: digest(token), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute()
  return { token, csrfToken, expiresAt }
}

export async function deleteSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(token)).execute()
}

export async function deleteSessionsOf(db: Kysely<DB>, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
}

export type ActiveSession = { viewer: Extract<Viewer, { kind: 'user' }>; csrfToken: string }

/** The live session of a cookie token: not expired, its user not disabled. */
export async function findSession(db: Kysely<DB>, token: string): Promise<ActiveSession | undefined> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.role', 'u.enterprise_id', 's.csrf_token', userRegionIds.as('region_ids')])
    .where('s.id', '=', digest(token))
    .where('s.expires_at', '>', new Date())
    .where('u.disabled', '=', false)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    viewer: {
      kind: 'user',
      userId: row.id,
      role: row.role as Role,
      enterpriseId: row.enterprise_id,
      regionIds: row.region_ids,
    },
    csrfToken: row.csrf_token,
  }
}
