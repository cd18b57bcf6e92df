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
