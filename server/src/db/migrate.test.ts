import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/database.js'
import { migrate, migrationsDir } from './migrate.js'

describe('migrate', () => {
  it('runs twice without harm: the second run applies nothing and keeps the data', async () => {
    const database = await testDatabase()
    const before = await database.db
      .selectFrom('ewc_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const result = await migrate(database)
    expect(result.applied).toEqual([])
    expect(result.alreadyApplied).toBe(
      (await fs.readdir(migrationsDir)).filter((f) => f.endsWith('.sql')).length,
    )
    const after = await database.db
      .selectFrom('ewc_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('refuses a migration whose text changed after it was applied', async () => {
    const database = await testDatabase()
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-migrations-'))
    try {
      for (const file of await fs.readdir(migrationsDir))
        await fs.copyFile(path.join(migrationsDir, file), path.join(dir, file))
      await fs.appendFile(path.join(dir, '001_postgis.sql'), '\n-- edited\n')
      await expect(migrate(database, dir)).rejects.toThrow(/001_postgis.sql was changed/)
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })

  it('rolls back a failing migration completely, record included', async () => {
    const database = await testDatabase()
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-migrations-'))
    try {
      for (const file of await fs.readdir(migrationsDir))
        await fs.copyFile(path.join(migrationsDir, file), path.join(dir, file))
      await fs.writeFile(
        path.join(dir, '999_broken.sql'),
        'create table migration_probe (id int);\nselect * from no_such_table;\n',
      )
      await expect(migrate(database, dir)).rejects.toThrow(/no_such_table/)
      const probe = await sql<{ t: string | null }>`select to_regclass('migration_probe')::text as t`.execute(
        database.db,
      )
      expect(probe.rows[0]?.t).toBeNull()
      const recorded = await sql<{
        n: number
      }>`select count(*)::int as n from schema_migrations where name = '999_broken.sql'`.execute(database.db)
      expect(recorded.rows[0]?.n).toBe(0)
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})
