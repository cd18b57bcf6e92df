import type { Kysely } from 'kysely'
import type { DB } from '../src/db/schema.js'
import { testDatabase } from './database.js'

/** A Kysely builder (`compile()`) or an `sql` RawBuilder (`compile(db)`). */
type Compilable = { compile(db: Kysely<DB>): { sql: string } }

/**
 * The SQL a query sends, for a snapshot committed beside the code (`__sql__/<name>.sql`), so a
 * reviewer reads the statement that runs and a query change shows in the diff. Compiled by the
 * test database's Kysely (the PostgreSQL compiler on both backends), parameters as $n.
 */
export async function compiledSql(query: Compilable): Promise<string> {
  const { db } = await testDatabase()
  return `${query
    .compile(db)
    .sql.replace(/[ \t]+$/gm, '')
    .trim()}\n`
}
