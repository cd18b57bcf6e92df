import { sql } from 'kysely'
import type { Db } from '../../db/database.js'

/**
 * The database's disclosure secret (migration 013): the key of the public's noise, read in SQL
 * (noise.ts), and of the match tokens, read here once at start. No route answers with it.
 */
export async function disclosureSecret(db: Db): Promise<string> {
  const { rows } = await sql<{ secret: string }>`select secret from disclosure_secret`.execute(db)
  const secret = rows[0]?.secret
  if (!secret) throw new Error('disclosure_secret is empty: migration 013 did not run')
  return secret
}
