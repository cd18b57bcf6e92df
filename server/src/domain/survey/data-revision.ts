import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * The data revision (migration 005): bumped at the commit of every transaction that wrote a table
 * the map or the totals read, so an answer computed at revision R stays right until R changes.
 */
export async function currentDataRevision(db: Kysely<DB>): Promise<number> {
  const result = await sql<{
    revision: number
  }>`select revision::float8 as revision from data_revision`.execute(db)
  return result.rows[0]?.revision ?? 0
}
