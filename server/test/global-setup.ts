import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../src/db/database.js'
import { prepareDatabase } from '../src/seed/index.js'

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { databaseUrl: string | undefined; databaseReadUrl?: string | undefined; dataDir: string }
  }
}

/**
 * One fresh database per test run, migrated and loaded with the catalogues (not the demo):
 * with DATABASE_URL a new database on that server (dropped afterwards), else a new PGlite
 * directory in the temp folder. The suite is the same on both.
 */
export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL || undefined
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'loopmap-test-'))
  let databaseUrl: string | undefined
  // DATABASE_READ_URL: a streaming replica of DATABASE_URL's server (scripts/ci/start-replica.sh);
  // the run's database reaches it by replication, under the same name
  let databaseReadUrl: string | undefined
  let dropDatabase = async () => {}

  if (baseUrl) {
    const name = `loopmap_test_${process.pid}_${Date.now()}`
    const admin = new pg.Client({ connectionString: baseUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(baseUrl)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    if (process.env.DATABASE_READ_URL) {
      const readUrl = new URL(process.env.DATABASE_READ_URL)
      readUrl.pathname = `/${name}`
      databaseReadUrl = readUrl.toString()
    }
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: baseUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    }
  }

  const database = await openDatabase({ databaseUrl, dataDir: path.join(dataDir, 'pglite') })
  try {
    await prepareDatabase(database, { demo: false })
  } finally {
    await database.close()
  }
  console.log(
    `[test] database: ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}${databaseReadUrl ? ', reads from its replica (DATABASE_READ_URL)' : ''}`,
  )
  project.provide('testDatabase', { databaseUrl, databaseReadUrl, dataDir: path.join(dataDir, 'pglite') })

  return async () => {
    await dropDatabase()
    await fs.rm(dataDir, { recursive: true, force: true })
  }
}
