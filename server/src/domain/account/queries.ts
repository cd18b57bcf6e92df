import { sql } from 'kysely'
import type { NewUser, User, UserChange } from '../../contract/accounts.js'
import { toUser } from './mapper.js'
import type { Db } from '../../db/database.js'

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}

/** The ids of the regions assigned to the user `u` (an analyst's), ascending; empty when none. */
export const userRegionIds = sql<
  number[]
>`coalesce((select array_agg(region_id order by region_id) from user_regions where user_id = u.id), '{}')`

/** The user row select, written once: an account as stored, with its region ids. */
export function selectUsers(db: Db) {
  return db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.enterprise_id',
      'u.disabled',
      'u.is_demo',
      'u.version',
      userRegionIds.as('region_ids'),
    ])
}
export type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>

export async function readUser(db: Db, id: number): Promise<User | undefined> {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst()
  return row && toUser(row)
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await selectUsers(db).orderBy('u.email').execute()).map(toUser)
}

export async function insertUser(db: Db, input: NewUser & { passwordHash: string }): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: input.email,
      display_name: input.displayName ?? null,
      password_hash: input.passwordHash,
      role: input.role,
      enterprise_id: input.enterpriseId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function lockUser(db: Db, id: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('users')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  return row?.version
}

export async function updateUser(
  db: Db,
  id: number,
  change: UserChange & { passwordHash: string | undefined },
) {
  await db
    .updateTable('users')
    .set({
      display_name: change.displayName ?? null,
      role: change.role,
      enterprise_id: change.enterpriseId ?? null,
      disabled: change.disabled,
      ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .execute()
}

export async function setUserRegions(db: Db, userId: number, regionIds: number[]): Promise<void> {
  await db.deleteFrom('user_regions').where('user_id', '=', userId).execute()
  if (regionIds.length > 0) {
    await db
      .insertInto('user_regions')
      .values(regionIds.map((regionId) => ({ user_id: userId, region_id: regionId })))
      .execute()
  }
}
