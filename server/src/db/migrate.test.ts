import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import pg from 'pg'
import { testDatabase } from '../../test/database.js'
import { newEnterprise, newWasteStream } from '../../test/factories.js'
import { openDatabase } from './database.js'
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

  it('adds the stream noise factor (014) over streams already recorded', async () => {
    // a database of before 014 holding a stream: the factor's UPDATE queues the deferred
    // data-revision trigger, and an ALTER after it failed ("pending trigger events")
    const { databaseUrl } = inject('testDatabase')
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-migrations-'))
    const name = `loopmap_upgrade_${process.pid}_${Date.now()}`
    const admin = databaseUrl ? new pg.Client({ connectionString: databaseUrl }) : undefined
    let url: string | undefined
    if (admin) {
      await admin.connect()
      await admin.query(`create database ${name}`)
      const target = new URL(databaseUrl as string)
      target.pathname = `/${name}`
      url = target.toString()
    }
    const database = await openDatabase({ databaseUrl: url, dataDir: path.join(dir, 'pglite') })
    try {
      const migrations = path.join(dir, 'migrations')
      await fs.mkdir(migrations)
      for (const file of await fs.readdir(migrationsDir))
        if (file < '014') await fs.copyFile(path.join(migrationsDir, file), path.join(migrations, file))
      await migrate(database, migrations)
      await sql`insert into ewc_codes (code, level, chapter, parent, description) values
        ('10', 'chapter', '10', null, 'c'), ('1001', 'subchapter', '10', '10', 's'),
        ('100101', 'entry', '10', '1001', 'e')`.execute(database.db)
      await sql`insert into nace_codes (code, level, parent, section, title) values
        ('C', 'section', null, 'C', 'c'), ('23', 'division', 'C', 'C', 'd'), ('23.5', 'group', '23', 'C', 'g'),
        ('23.51', 'class', '23.5', 'C', 'k')`.execute(database.db)
      const enterprise = await newEnterprise(database.db, { lon: 49.8, lat: 40.4 })
      await newWasteStream(database.db, enterprise.id)
      for (const file of await fs.readdir(migrationsDir))
        await fs.copyFile(path.join(migrationsDir, file), path.join(migrations, file))
      const result = await migrate(database, migrations)
      expect(result.applied).toContain('014_stream_noise_factor.sql')
      const { rows } = await sql<{ f: number; expected: number }>`
        select noise_factor as f, loopmap_noise_factor(enterprise_id) as expected from waste_streams`.execute(
        database.db,
      )
      expect(rows).toHaveLength(1)
      expect(rows[0]?.f).toBe(rows[0]?.expected)
      expect(Math.abs((rows[0]?.f ?? 1) - 1)).toBeGreaterThanOrEqual(0.1)
    } finally {
      await database.close()
      if (admin) {
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      }
      await fs.rm(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
