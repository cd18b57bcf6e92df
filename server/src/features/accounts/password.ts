import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt (memory-hard, in Node's crypto: no native add-on). N = 2^15, r = 8 takes 32 MiB and
// ~50–100 ms here: slow enough against guessing, fast enough for a sign-in.
const N = 2 ** 15
const R = 8
const P = 1
const KEY_LENGTH = 32
const MAX_MEMORY = 64 * 1024 * 1024

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, N, R, P)
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p))
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/**
 * A hash that matches no password, checked when the e-mail is unknown, so an unknown user costs
 * the same time as a wrong password and the answer cannot tell them apart.
 */
export const unknownUserHash = await hashPassword(randomBytes(24).toString('base64url'))

/** A random password for a new account when none is given (never a default one). */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url')
}
