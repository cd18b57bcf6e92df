import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { sql } from 'kysely'
import { repoRoot } from '../config.js'
import type { Database } from './database.js'

export const migrationsDir = path.join(repoRoot, 'migrations')

export type MigrationResult = { applied: string[]; alreadyApplied: number }

/**
 * Applies the ordered SQL files of `migrations/` that are not yet recorded in
 * `schema_migrations`, each in its own transaction together with its record, so a failed
 * migration leaves nothing behind. Running it again applies nothing. A landed migration must
 * never be edited: the checksum check refuses a database migrated with different text.
 */
export async function migrate(database: Database, dir = migrationsDir): Promise<MigrationResult> {
  const { db } = database
  await sql`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db)

  const files = (await fs.readdir(dir)).filter((name) => /^\d{3,}_[\w-]+\.sql$/.test(name)).sort()
  const rows = await sql<{
    name: string
    checksum: string
  }>`select name, checksum from schema_migrations`.execute(db)
  const done = new Map(rows.rows.map((row) => [row.name, row.checksum]))

  const applied: string[] = []
  for (const name of files) {
    const script = await fs.readFile(path.join(dir, name), 'utf8')
    const checksum = createHash('sha256').update(script).digest('hex')
    const recorded = done.get(name)
    if (recorded !== undefined) {
      if (recorded !== checksum) {
        throw new Error(`Migration ${name} was changed after it was applied. Add a new migration instead.`)
      }
      continue
    }
    await database.runScript(script, {
      sql: 'insert into schema_migrations (name, checksum) values ($1, $2)',
      parameters: [name, checksum],
    })
    applied.push(name)
  }
  return { applied, alreadyApplied: done.size }
}
