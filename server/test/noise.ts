import { createHash } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../src/db/schema.js'
import { NOISE_BOUNDS, roundPublic } from '../src/domain/disclosure/noise.js'

/**
 * The public's noise recomputed here from its definition (docs/disclosure.md "Differencing"),
 * with Node's md5 rather than the database's, so a test checks the SQL against the rule.
 */
export async function noiseOf(db: Kysely<DB>) {
  const { rows } = await sql<{ secret: string }>`select secret from disclosure_secret`.execute(db)
  const secret = rows[0]?.secret
  if (!secret) throw new Error('no disclosure secret: migration 013 not applied')
  const factor = (enterpriseId: number) => {
    const hex = createHash('md5').update(`${secret}:${enterpriseId}`).digest('hex')
    const unit = (Number.parseInt(hex.slice(0, 8), 16) | 0) / 2 ** 31
    const { low, high } = NOISE_BOUNDS
    return 1 + (unit < 0 ? -1 : 1) * (low + (high - low) * Math.abs(unit))
  }
  /** What the public reads for these enterprises' contributions: noisy, summed, rounded. */
  const published = (contributions: { enterpriseId: number; tonnes: number }[]) =>
    roundPublic(contributions.reduce((sum, c) => sum + c.tonnes * factor(c.enterpriseId), 0))
  return { factor, published }
}
