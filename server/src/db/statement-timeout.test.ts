import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { afterAll, describe, expect, it, inject } from 'vitest'
import { registerErrorHandler } from '../plugins/error-handler.js'
import { type Database, openDatabase } from './database.js'

// No request may hold a connection and a core for minutes: on PostgreSQL every statement of a
// request stops at statement_timeout, and the API says so with a 503 and a reason.
const { databaseUrl, dataDir } = inject('testDatabase')

describe.skipIf(!databaseUrl)('statement_timeout on PostgreSQL', () => {
  let limited: Database | undefined
  afterAll(() => limited?.close())

  it('stops a statement that runs longer than the limit, and spares migrations', async () => {
    limited = await openDatabase({ databaseUrl, dataDir, statementTimeoutMs: 300 })
    const started = Date.now()
    await expect(sql`select pg_sleep(3)`.execute(limited.db)).rejects.toMatchObject({ code: '57014' })
    expect(Date.now() - started).toBeLessThan(2_000)
    // a migration may take as long as it needs
    await expect(limited.runScript('select pg_sleep(0.6);')).resolves.toBeUndefined()
    // and the pool is still usable after a stopped statement
    expect((await sql<{ one: number }>`select 1 as one`.execute(limited.db)).rows).toEqual([{ one: 1 }])
  })

  it('answers 503 TIMEOUT with a reason and Retry-After when a request is stopped', async () => {
    const db = limited?.db
    if (!db) throw new Error('the first test opens the database')
    const app = Fastify()
    registerErrorHandler(app, { singlePageApp: false })
    app.get('/slow', async () => (await sql`select pg_sleep(3)`.execute(db)).rows)
    const response = await app.inject({ method: 'GET', url: '/slow' })
    await app.close()
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBe('60')
    expect(response.json().error).toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringMatching(/longer than the server allows/),
    })
  })
})

// PGlite is WebAssembly and cannot be interrupted: it runs on its own thread (pglite-thread.ts),
// which is stopped at the limit and the database reopened. The server's thread stays free.
describe.skipIf(Boolean(databaseUrl))('the statement time limit on the embedded database', () => {
  let limited: Database | undefined
  let dir: string | undefined
  afterAll(async () => {
    await limited?.close()
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('stops a long statement, keeps the server thread free meanwhile, and loses nothing committed', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loopmap-timeout-'))
    limited = await openDatabase({ databaseUrl: undefined, dataDir: dir, statementTimeoutMs: 500 })
    const { db } = limited
    await sql`create table kept (id int primary key)`.execute(db)
    await sql`insert into kept values (1)`.execute(db)
    // the server's thread ticks while the database works (before: not once in 2.6 s)
    let ticks = 0
    const ticker = setInterval(() => (ticks += 1), 20)
    const started = Date.now()
    const stopped = db.transaction().execute(async (trx) => {
      await sql`insert into kept values (2)`.execute(trx)
      await sql`select count(*) from generate_series(1, 300000000)`.execute(trx)
    })
    await expect(stopped).rejects.toMatchObject({ code: '57014' })
    const tookMs = Date.now() - started
    clearInterval(ticker)
    // the limit, then the transaction's rollback waits for the reopened database (about 2 s here)
    expect(tookMs).toBeLessThan(6_000)
    expect(ticks).toBeGreaterThan(10)
    // reopened: the committed row is there, the stopped transaction's is not
    expect((await sql<{ id: number }>`select id from kept order by id`.execute(db)).rows).toEqual([{ id: 1 }])
    // a migration may take as long as it needs
    await expect(
      limited.runScript('select count(*) from generate_series(1, 3000000);'),
    ).resolves.toBeUndefined()
  })
})
