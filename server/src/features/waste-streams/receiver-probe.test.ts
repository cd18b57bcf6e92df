import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { injectAs, newUser, signIn } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { isolatedTestArea, newEnterprise, newWasteStream } from '../../../test/factories.js'

// Issue 13, "no probing": an enterprise user who could set a stream's receiverEnterpriseId
// learnt from 400 "no enterprise has this id" against 201 which ids exist. It may now only leave
// the receiver as stored; staff link receivers and still get the precise error.
let enterpriseApp: FastifyInstance
let staffApp: FastifyInstance
let own = 0
let other = 0
const missing = 2_000_000_000

beforeAll(async () => {
  const { db } = await testDatabase()
  const { lon, lat } = isolatedTestArea()
  own = (await newEnterprise(db, { lon: lon + 0.1, lat: lat + 0.1 })).id
  other = (await newEnterprise(db, { lon: lon + 0.2, lat: lat + 0.1 })).id
  enterpriseApp = await buildTestApp({ as: 'public' })
  const user = await newUser(db, 'enterprise', { enterpriseId: own })
  injectAs(enterpriseApp, await signIn(enterpriseApp, user.email))
  staffApp = await buildTestApp({ as: 'admin' })
})
afterAll(async () => {
  await enterpriseApp?.close()
  await staffApp?.close()
})

const stream = (receiverEnterpriseId?: number) => ({
  ewcCode: '100101',
  quantity: 5,
  unit: 't',
  period: 'year',
  surveyYear: 2024,
  basis: 'measured',
  ...(receiverEnterpriseId === undefined ? {} : { receiverEnterpriseId }),
})

describe('a stream receiver set by an enterprise user', () => {
  it('is refused alike for an existing and a missing enterprise id, naming the field', async () => {
    const url = `/api/enterprises/${own}/waste-streams`
    const existing = await enterpriseApp.inject({ method: 'POST', url, payload: stream(other) })
    const absent = await enterpriseApp.inject({ method: 'POST', url, payload: stream(missing) })
    expect(existing.statusCode, existing.body).toBe(400)
    expect(absent.statusCode).toBe(400)
    expect(existing.json()).toEqual(absent.json())
    expect(existing.json().error.details[0]).toMatchObject({
      path: 'body.receiverEnterpriseId',
      message: expect.stringMatching(/not accepted from this account: name the receiver in receiverName/),
    })
    expect(existing.body).not.toContain(String(other))
    // without a receiver id the same stream is written
    expect((await enterpriseApp.inject({ method: 'POST', url, payload: stream() })).statusCode).toBe(201)
  })

  it('may stay as staff linked it, and not be changed', async () => {
    const { db } = await testDatabase()
    const { id } = await newWasteStream(db, own, { receiver_enterprise_id: other })
    const url = `/api/enterprises/${own}/waste-streams/${id}`
    const stored = await db
      .selectFrom('waste_streams')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    const kept = await enterpriseApp.inject({
      method: 'PUT',
      url,
      payload: { ...stream(other), quantity: 6, version: stored.version },
    })
    expect(kept.statusCode, kept.body).toBe(200)
    expect(kept.json()).toMatchObject({ quantity: 6, receiverEnterpriseId: other })
    for (const changed of [missing, own]) {
      const response = await enterpriseApp.inject({
        method: 'PUT',
        url,
        payload: { ...stream(changed), version: kept.json().version },
      })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.details[0].path).toBe('body.receiverEnterpriseId')
    }
  })

  it('is linked by staff, who are told when no enterprise has the id', async () => {
    const url = `/api/enterprises/${own}/waste-streams`
    expect((await staffApp.inject({ method: 'POST', url, payload: stream(other) })).statusCode).toBe(201)
    const absent = await staffApp.inject({ method: 'POST', url, payload: stream(missing) })
    expect(absent.statusCode).toBe(400)
    expect(absent.json().error.details[0]).toEqual({
      path: 'body.receiverEnterpriseId',
      message: 'no enterprise has this id',
    })
  })
})
