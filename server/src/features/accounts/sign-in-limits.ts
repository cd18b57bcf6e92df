import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { HttpError } from '../../plugins/error-handler.js'

/** The window failed sign-ins are counted over. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
/**
 * Expired rows deleted at most per failure. A failure adds two rows and removes up to this many
 * expired ones, so a flood of made-up e-mails cannot grow the table beyond one window's failures,
 * and no failure pays for deleting a whole backlog.
 */
export const PRUNE_PER_FAILURE = 100

export type SignInLimits = {
  /** Failed sign-ins allowed per account (e-mail) in the window. */
  perAccount: number
  /** Failed sign-ins allowed per client address in the window. */
  perAddress: number
}

/**
 * Failed sign-ins counted per account and per client address over a sliding 15 minutes
 * (issue 13: the old per-address limit counted successful sign-ins too, so ten colleagues behind
 * one office address locked each other out). A successful sign-in is never counted and clears
 * its account's failures (not its address's: one good account must not reset an attacker's
 * count). The failures are rows of `sign_in_failures` (migration 015), so every instance sharing
 * the database enforces one limit (issue 14); times come from `now` (this process's clock, which
 * tests set), not the database's: a few seconds of skew between instances is nothing next to
 * 15 minutes.
 */
export function signInLimiter(db: Kysely<DB>, limits: SignInLimits, now: () => number = Date.now) {
  const keys = (email: string, address: string) =>
    [
      { key: hashKey(`account:${accountOf(email)}`), limit: limits.perAccount, what: 'this account' },
      { key: hashKey(`address:${address}`), limit: limits.perAddress, what: 'this address' },
    ] as const

  return {
    /** Throws 429 with Retry-After (seconds) when the account or the address is locked out. */
    async check(email: string, address: string): Promise<void> {
      const at = now()
      for (const { key, limit, what } of keys(email, address)) {
        // the limit-th newest failure in the window: there is one exactly when the count is at the
        // limit, and the key is free again when it leaves the window
        const blocking = await db
          .selectFrom('sign_in_failures')
          .select('failed_at')
          .where('key', '=', key)
          .where('failed_at', '>', new Date(at - SIGN_IN_WINDOW_MS))
          .orderBy('failed_at', 'desc')
          .offset(Math.max(0, limit - 1))
          .limit(1)
          .executeTakeFirst()
        if (blocking)
          throw lockedOut(what, limit, new Date(blocking.failed_at).getTime() + SIGN_IN_WINDOW_MS, at)
      }
    },
    async failed(email: string, address: string): Promise<void> {
      const at = now()
      await db
        .insertInto('sign_in_failures')
        .values(keys(email, address).map(({ key }) => ({ key, failed_at: new Date(at) })))
        .execute()
      await pruneExpired(db, new Date(at - SIGN_IN_WINDOW_MS))
    },
    async succeeded(email: string): Promise<void> {
      await db.deleteFrom('sign_in_failures').where('key', '=', keys(email, '')[0].key).execute()
    },
  }
}
export type SignInLimiter = ReturnType<typeof signInLimiter>

const accountOf = (email: string) => email.trim().toLowerCase()
const hashKey = (text: string) => createHash('sha256').update(text).digest('hex')

/** Deletes up to PRUNE_PER_FAILURE failures from before `since`, oldest first. */
async function pruneExpired(db: Kysely<DB>, since: Date): Promise<void> {
  const expired = db
    .selectFrom('sign_in_failures')
    .select(sql<string>`ctid`.as('ctid'))
    .where('failed_at', '<=', since)
    .orderBy('failed_at')
    .limit(PRUNE_PER_FAILURE)
  // ctid = any(array(…)): a TID scan of the rows found, whatever their keys
  await db
    .deleteFrom('sign_in_failures')
    .where(sql<boolean>`ctid = any(array(${expired}))`)
    .execute()
}

/** The 429 of a lockout, saying when to retry; `retryAfterSeconds` goes to the Retry-After header. */
export class SignInLockedOut extends HttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'TOO_MANY_REQUESTS', message)
  }
}

function lockedOut(what: string, limit: number, freeAt: number, now: number): SignInLockedOut {
  const seconds = Math.max(1, Math.ceil((freeAt - now) / 1000))
  const minutes = Math.ceil(seconds / 60)
  const at = new Date(freeAt).toISOString().slice(11, 16)
  return new SignInLockedOut(
    `Too many failed sign-ins for ${what} (${limit} in 15 minutes): try again in ${minutes} ${
      minutes === 1 ? 'minute' : 'minutes'
    } (after ${at} UTC)`,
    seconds,
  )
}
