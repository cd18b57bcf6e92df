import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../app.js'
import { injectAs, newUser, signIn } from '../../test/accounts.js'
import { isolatedTestArea, newEnterprise } from '../../test/factories.js'
import { type Database, openDatabase } from './database.js'
import { isReadOnlyStatement } from './read-replica.js'

// Issue 14, read replicas: with DATABASE_READ_URL (CI starts one: scripts/ci/start-replica.sh),
// read-only requests read from the replica, and still see every write committed before them.
const { databaseUrl, databaseReadUrl, dataDir } = inject('testDatabase')

describe('which statements only read', () => {
  it('sends plain reads to the replica and anything that may write or lock to the primary', () => {
    for (const read of [
      'select 1',
      '  WITH a as (select 1) select * from a',
      'select updated_at, hazardous_share from x',
    ])
      expect(isReadOnlyStatement(read), read).toBe(true)
    for (const write of [
      'insert into x values (1)',
      'with d as (delete from x returning id) select * from d',
      'select * from x for update',
      'select * from x for share',
      "select nextval('x_id_seq')",
      'select pg_advisory_xact_lock(1)',
      'begin',
      'update x set a = 1',
    ])
      expect(isReadOnlyStatement(write), write).toBe(false)
  })
})

describe.skipIf(!databaseReadUrl)('reads on the streaming replica', () => {
  let database: Database
  let app: FastifyInstance
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl, databaseReadUrl, dataDir })
    app = await buildApp({ database })
    // where a statement ran, read from the server that ran it
    const standby = async () =>
      (await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(database.db)).rows[0]
        ?.standby
    app.get('/probe', async () => ({ standby: await standby() }))
    app.post('/probe', async () => ({ standby: await standby() }))
    app.get('/probe/transaction', async () => ({
      standby: await database.db
        .transaction()
        .execute(
          async (trx) => (await sql<{ s: boolean }>`select pg_is_in_recovery() as s`.execute(trx)).rows[0]?.s,
        ),
    }))
    await app.ready()
    injectAs(app, await signIn(app, (await newUser(database.db, 'admin')).email))
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
  })

  it('reads a GET on the replica, a POST and a transaction on the primary', async () => {
    expect((await app.inject({ method: 'GET', url: '/probe' })).json()).toEqual({ standby: true })
    expect((await app.inject({ method: 'POST', url: '/probe' })).json()).toEqual({ standby: false })
    expect((await app.inject({ method: 'GET', url: '/probe/transaction' })).json()).toEqual({
      standby: false,
    })
    // outside a request (scripts, migrations) everything is the primary's
    const direct = await sql<{ s: boolean }>`select pg_is_in_recovery() as s`.execute(database.db)
    expect(direct.rows[0]?.s).toBe(false)
  })

  it('shows a read every write committed before it, 30 times in a row', async () => {
    const { lon, lat } = isolatedTestArea()
    for (let i = 0; i < 30; i += 1) {
      const name = `Replica read ${process.pid} ${i}`
      const { id } = await newEnterprise(database.db, { lon: lon + 0.01 * i, lat }, { name })
      const response = await app.inject({ method: 'GET', url: `/api/enterprises/${id}` })
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().name).toBe(name)
    }
  })

  it('reads the primary when the replica cannot be reached', async () => {
    const broken = new URL(databaseReadUrl as string)
    broken.port = '1' // nothing listens there
    const fallback = await openDatabase({ databaseUrl, databaseReadUrl: broken.toString(), dataDir })
    const other = await buildApp({ database: fallback })
    other.get(
      '/probe',
      async () => (await sql<{ s: boolean }>`select pg_is_in_recovery() as s`.execute(fallback.db)).rows[0],
    )
    try {
      const response = await other.inject({ method: 'GET', url: '/probe' })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ s: false })
    } finally {
      await other.close()
      await fallback.close()
    }
  })
})
