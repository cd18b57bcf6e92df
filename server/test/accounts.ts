import type { FastifyInstance, InjectOptions } from 'fastify'
import type { Kysely } from 'kysely'
import { CSRF_HEADER, type Role } from '../src/contract/accounts.js'
import type { DB } from '../src/db/schema.js'
import { hashPassword } from '../src/features/accounts/password.js'

export const TEST_PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined
let counter = 0

/** A user of the role (an enterprise user needs `enterpriseId`, an analyst gets `regionIds`). */
export async function newUser(
  db: Kysely<DB>,
  role: Role,
  options: { enterpriseId?: number; regionIds?: number[]; disabled?: boolean } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD) // hashing is slow on purpose: once per run
  counter += 1
  const email = `${role}-${process.pid}-${Date.now()}-${counter}@test.loopmap`
  const user = await db
    .insertInto('users')
    .values({
      email,
      password_hash: await passwordHash,
      role,
      enterprise_id: options.enterpriseId ?? null,
      disabled: options.disabled ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (options.regionIds?.length) {
    await db
      .insertInto('user_regions')
      .values(options.regionIds.map((regionId) => ({ user_id: user.id, region_id: regionId })))
      .execute()
  }
  return { id: user.id, email }
}

export type Credentials = { cookie: string; csrfToken: string }

/** Signs in through the API and answers the session cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = TEST_PASSWORD,
): Promise<Credentials> {
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } })
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`)
  const cookie = response.cookies.find((c) => c.name === 'loopmap_session')
  if (!cookie) throw new Error('no session cookie')
  return { cookie: `loopmap_session=${cookie.value}`, csrfToken: response.json().csrfToken }
}

/** Request options carrying a session (cookie and CSRF header). */
export function withSession(credentials: Credentials, options: InjectOptions): InjectOptions {
  return {
    ...options,
    headers: { cookie: credentials.cookie, [CSRF_HEADER]: credentials.csrfToken, ...options.headers },
  }
}

/** Makes every `app.inject({...})` of the app carry the session, for tests about something else. */
export function injectAs(app: FastifyInstance, credentials: Credentials): void {
  const inject = app.inject.bind(app) as (options: InjectOptions) => ReturnType<FastifyInstance['inject']>
  app.inject = ((options: InjectOptions) =>
    inject(withSession(credentials, options))) as FastifyInstance['inject']
}
