import { HttpError } from '../../plugins/error-handler.js'

/** The window failed sign-ins are counted over. */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000
/** Keys (accounts plus addresses) remembered at most, so a flood of made-up e-mails stays small. */
const MAX_KEYS = 100_000

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
 * count). In memory, one process: the server is one process (README).
 */
export function signInLimiter(limits: SignInLimits, now: () => number = Date.now) {
  const failures = new Map<string, number[]>()

  const recent = (key: string): number[] => {
    const since = now() - SIGN_IN_WINDOW_MS
    const kept = (failures.get(key) ?? []).filter((at) => at > since)
    if (kept.length === 0) failures.delete(key)
    else failures.set(key, kept)
    return kept
  }
  const keys = (email: string, address: string) =>
    [
      { key: `account:${email.trim().toLowerCase()}`, limit: limits.perAccount, what: 'this account' },
      { key: `address:${address}`, limit: limits.perAddress, what: 'this address' },
    ] as const

  return {
    /** Throws 429 with Retry-After (seconds) when the account or the address is locked out. */
    check(email: string, address: string): void {
      for (const { key, limit, what } of keys(email, address)) {
        const times = recent(key)
        if (times.length < limit) continue
        // free again when the oldest failure that keeps the count at the limit leaves the window
        const freeAt = (times[times.length - limit] ?? now()) + SIGN_IN_WINDOW_MS
        throw lockedOut(what, limit, freeAt, now())
      }
    },
    failed(email: string, address: string): void {
      for (const { key } of keys(email, address)) {
        const times = recent(key)
        times.push(now())
        failures.delete(key) // re-inserted last: the map's order is oldest activity first
        failures.set(key, times)
      }
      while (failures.size > MAX_KEYS) {
        const oldest = failures.keys().next().value
        if (oldest === undefined) break
        failures.delete(oldest)
      }
    },
    succeeded(email: string): void {
      failures.delete(keys(email, '')[0].key)
    },
  }
}
export type SignInLimiter = ReturnType<typeof signInLimiter>

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
