import { createHash, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import { newUser, TEST_PASSWORD } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { PRUNE_PER_FAILURE, SIGN_IN_WINDOW_MS, SignInLockedOut, signInLimiter } from './sign-in-limits.js'

// The run's database is shared by every test file: each test signs in from addresses and with
// e-mails of its own, so no other test's failures count for it.
let addresses = 0
const newAddress = () => `2001:db8:b::${(addresses += 1).toString(16)}`
const newEmail = () => `nobody-${randomUUID()}@test.loopmap`
const MINUTE = 60_000

/** The lockout `check` throws, or undefined when it lets the sign-in through. */
async function lockoutOf(check: Promise<void>): Promise<SignInLockedOut | undefined> {
  try {
    await check
    return undefined
  } catch (error) {
    if (error instanceof SignInLockedOut) return error
    throw error
  }
}

describe('sign-in limits shared by the instances of one database (issue 14)', () => {
  it('counts failures on one instance toward the lockout of the account on another', async () => {
    const database = await testDatabase()
    const options = { database, signInAttempts: 3, signInAttemptsPerAddress: 100 }
    const [a, b] = [await buildApp(options), await buildApp(options)]
    const user = await newUser(database.db, 'official')
    const remoteAddress = newAddress()
    const attempt = (app: typeof a, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress,
        payload: { email: user.email, password },
      })
    const statuses = [
      (await attempt(a, 'wrong password')).statusCode,
      (await attempt(b, 'wrong password')).statusCode,
      (await attempt(a, 'wrong password')).statusCode,
    ]
    expect(statuses).toEqual([401, 401, 401])
    for (const app of [a, b]) {
      const locked = await attempt(app, TEST_PASSWORD)
      expect(locked.statusCode).toBe(429)
      expect(locked.json().error.message).toMatch(
        /^Too many failed sign-ins for this account \(3 in 15 minutes\)/,
      )
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60)
    }
    await Promise.all([a.close(), b.close()])
  })

  it('counts failures on one instance toward the lockout of the address on another', async () => {
    const database = await testDatabase()
    const options = { database, signInAttempts: 100, signInAttemptsPerAddress: 4 }
    const [a, b] = [await buildApp(options), await buildApp(options)]
    const remoteAddress = newAddress()
    const attempt = (app: typeof a) =>
      app.inject({
        method: 'POST',
        url: '/api/session',
        remoteAddress,
        payload: { email: newEmail(), password: 'wrong password' },
      })
    const statuses = []
    for (const app of [a, b, a, b, a, b]) statuses.push((await attempt(app)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429])
    expect((await attempt(b)).json().error.message).toMatch(/this address/)
    await Promise.all([a.close(), b.close()])
  })

  it("clears the account's failures on every instance after a success on one, not the address's", async () => {
    const database = await testDatabase()
    const options = { database, signInAttempts: 3, signInAttemptsPerAddress: 4 }
    const [a, b] = [await buildApp(options), await buildApp(options)]
    const [user, colleague] = [await newUser(database.db, 'official'), await newUser(database.db, 'analyst')]
    const remoteAddress = newAddress()
    const attempt = (app: typeof a, email: string, password: string) =>
      app.inject({ method: 'POST', url: '/api/session', remoteAddress, payload: { email, password } })
    const statuses = [
      (await attempt(a, user.email, 'wrong password')).statusCode,
      (await attempt(a, user.email, 'wrong password')).statusCode,
      (await attempt(b, user.email, TEST_PASSWORD)).statusCode,
      // had B's success not cleared A's two, the second of these would be the account's fourth
      (await attempt(a, user.email, 'wrong password')).statusCode,
      (await attempt(a, user.email, 'wrong password')).statusCode,
    ]
    expect(statuses).toEqual([401, 401, 200, 401, 401])
    // the address keeps all four: a colleague's good password is refused on B
    const refused = await attempt(b, colleague.email, TEST_PASSWORD)
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.message).toMatch(/this address/)
    await Promise.all([a.close(), b.close()])
  })
})

describe('signInLimiter', () => {
  it('frees a try when the oldest failure that keeps the count at the limit leaves the window', async () => {
    const { db } = await testDatabase()
    // an hour ago: the rows are old by the real clock, so no other test's prune needs them
    const start = Date.now() - 60 * MINUTE
    let clock = start
    const limiter = signInLimiter(db, { perAccount: 3, perAddress: 100 }, () => clock)
    const [email, address] = [newEmail(), newAddress()]
    for (const minutes of [0, 5, 10]) {
      clock = start + minutes * MINUTE
      await limiter.failed(email, address)
    }
    clock = start + 11 * MINUTE
    const locked = await lockoutOf(limiter.check(email, address))
    expect(locked?.retryAfterSeconds).toBe(4 * 60)
    const freeAt = new Date(start + SIGN_IN_WINDOW_MS).toISOString().slice(11, 16)
    expect(locked?.message).toBe(
      `Too many failed sign-ins for this account (3 in 15 minutes): try again in 4 minutes (after ${freeAt} UTC)`,
    )
    clock = start + SIGN_IN_WINDOW_MS // the first failure has left the window
    expect(await lockoutOf(limiter.check(email, address))).toBeUndefined()
    await limiter.failed(email, address)
    // at the limit again: free when the failure of minute 5 leaves
    expect((await lockoutOf(limiter.check(email, address)))?.retryAfterSeconds).toBe(5 * 60)
  })

  it('counts an e-mail the same whatever its case and surrounding spaces', async () => {
    const { db } = await testDatabase()
    const limiter = signInLimiter(db, { perAccount: 2, perAddress: 100 })
    const email = newEmail()
    await limiter.failed(`  ${email.toUpperCase()} `, newAddress())
    await limiter.failed(email, newAddress())
    expect((await lockoutOf(limiter.check(email, newAddress())))?.message).toMatch(/this account/)
    await limiter.succeeded(` ${email.toUpperCase()}`)
    expect(await lockoutOf(limiter.check(email, newAddress()))).toBeUndefined()
  })

  it('keeps neither e-mails nor addresses in the database, only their hashes', async () => {
    const { db } = await testDatabase()
    const [email, address] = [newEmail(), newAddress()]
    await signInLimiter(db, { perAccount: 10, perAddress: 10 }).failed(email, address)
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
    const rows = await db
      .selectFrom('sign_in_failures')
      .select('key')
      .where('key', 'in', [sha256(`account:${email}`), sha256(`address:${address}`), email, address])
      .execute()
    expect(rows.map((row) => row.key).sort()).toEqual(
      [sha256(`account:${email}`), sha256(`address:${address}`)].sort(),
    )
  })

  it('deletes expired failures as new ones arrive, a bounded number per failure', async () => {
    const { db } = await testDatabase()
    // a flood of made-up e-mails two days ago: older than any other row of the run, so pruned first
    const flood = Array.from({ length: PRUNE_PER_FAILURE * 1.5 }, () =>
      createHash('sha256').update(randomUUID()).digest('hex'),
    )
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * MINUTE)
    await db
      .insertInto('sign_in_failures')
      .values(flood.map((key) => ({ key, failed_at: twoDaysAgo })))
      .execute()
    const left = async () =>
      Number(
        (
          await db
            .selectFrom('sign_in_failures')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('key', 'in', flood)
            .executeTakeFirstOrThrow()
        ).n,
      )
    const limiter = signInLimiter(db, { perAccount: 2, perAddress: 100 })
    const email = newEmail()
    await limiter.failed(email, newAddress())
    expect(await left()).toBe(PRUNE_PER_FAILURE / 2)
    await limiter.failed(email, newAddress())
    expect(await left()).toBe(0)
    // the failures in the window are kept and still count
    expect((await lockoutOf(limiter.check(email, newAddress())))?.message).toMatch(/this account/)
  })
})
