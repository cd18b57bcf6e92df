import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { newRegion, newWasteStream } from '../../../test/factories.js'
import { auditEntries } from '../../../test/factories-streams.js'
import { newResourceNeed } from '../../../test/factories-enterprises.js'
import { enterpriseAt, matchingArea } from '../../../test/factories-matching.js'
import type { ApiError } from '../../contract/errors.js'
import type { ExchangeImpact, MatchList, SavedMatch } from '../../contract/match-workflow.js'

let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
})
afterAll(() => app.close())

const db = async () => (await testDatabase()).db

async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) {
  const response = await app.inject({ method, url, ...(payload ? { payload } : {}) })
  return { status: response.statusCode, body: response.json<T>() }
}

/** A supplier of fly ash and a buyer with a need for it, 10 km apart, inside a region of their own. */
async function exchange(tonnes = 1000) {
  const area = matchingArea()
  const region = await newRegion(await db(), {
    west: area.origin.lon - 0.1,
    south: area.origin.lat - 0.1,
    east: area.origin.lon + 0.5,
    north: area.origin.lat + 0.1,
  })
  const supplier = await enterpriseAt(await db(), area.origin, '35.11', 'Power station')
  const stream = await newWasteStream(await db(), supplier.id, {
    ewc_code: '100102',
    quantity: tonnes,
    route_code: 'D1',
  })
  const buyer = await enterpriseAt(await db(), area.east(10), '46.90', 'Fly-ash buyer')
  const need = await newResourceNeed(await db(), buyer.id, {
    ewc_codes: ['100102'],
    quantity_t_per_year: 5000,
  })
  return { area, region, supplier, stream, buyer, need }
}

async function save(payload: Record<string, unknown>) {
  return call<SavedMatch>('POST', '/api/matches', payload)
}

describe('saving a match', () => {
  it('stores the candidate as the engine computes it, with a proposed history entry and an audit record', async () => {
    const { stream, buyer, need } = await exchange()
    const saved = await save({
      wasteStreamId: stream.id,
      receiverEnterpriseId: buyer.id,
      notes: 'call in May',
    })
    expect(saved.status).toBe(201)
    const engine = await call<{ candidates: { score: number; co2AvoidedKg: number }[] }>(
      'GET',
      `/api/waste-streams/${stream.id}/matches?radiusKm=50`,
    )
    expect(saved.body).toMatchObject({
      wasteStreamId: stream.id,
      receiverEnterpriseId: buyer.id,
      resourceNeedId: need.id,
      source: 'need',
      status: 'proposed',
      nextStatuses: ['contacted', 'declined'],
      notes: 'call in May',
      version: 1,
      score: expect.closeTo(engine.body.candidates[0]?.score ?? -1, 9),
      co2AvoidedKg: expect.closeTo(engine.body.candidates[0]?.co2AvoidedKg ?? -1, 6),
    })
    expect(saved.body.history.map((h) => h.status)).toEqual(['proposed'])
    const audit = await auditEntries(await db(), 'match', saved.body.id)
    expect(audit.map((a) => a.action)).toEqual(['create'])
  })

  it('refuses a second open match of the same stream and receiver with 409', async () => {
    const { stream, buyer } = await exchange()
    expect((await save({ wasteStreamId: stream.id, receiverEnterpriseId: buyer.id })).status).toBe(201)
    const again = await save({ wasteStreamId: stream.id, receiverEnterpriseId: buyer.id })
    expect(again.status).toBe(409)
    expect((again.body as unknown as ApiError).error.details[0]?.path).toBe('body.receiverEnterpriseId')
  })

  it.each([
    [{ receiverEnterpriseId: 1 }, 'body.wasteStreamId'],
    [{ wasteStreamId: 'x', receiverEnterpriseId: 1 }, 'body.wasteStreamId'],
    [{ wasteStreamId: 2147483000, receiverEnterpriseId: 1 }, 'body.wasteStreamId'],
  ])('refuses %j naming the field', async (payload, path) => {
    const response = await save(payload)
    expect(response.status).toBe(400)
    expect((response.body as unknown as ApiError).error.details.map((d) => d.path)).toContain(path)
  })

  it('refuses a receiver that is no candidate for the stream, naming body.receiverEnterpriseId', async () => {
    const { stream, area } = await exchange()
    const stranger = await enterpriseAt(await db(), area.east(3), '46.90', 'No use for fly ash')
    const response = await save({ wasteStreamId: stream.id, receiverEnterpriseId: stranger.id })
    expect(response.status).toBe(400)
    const { error } = response.body as unknown as ApiError
    expect(error.details[0]).toMatchObject({
      path: 'body.receiverEnterpriseId',
      message: /is not a candidate/,
    })
  })
})

describe('changing the status', () => {
  it('walks proposed → contacted → negotiating → realised, keeping the date of each step', async () => {
    const { stream, buyer } = await exchange()
    const { body: created } = await save({ wasteStreamId: stream.id, receiverEnterpriseId: buyer.id })
    let current = created
    for (const status of ['contacted', 'negotiating', 'realised'] as const) {
      const next = await call<SavedMatch>('PUT', `/api/matches/${current.id}`, {
        version: current.version,
        status,
        note: `now ${status}`,
      })
      expect(next.status, JSON.stringify(next.body)).toBe(200)
      expect(next.body.status).toBe(status)
      expect(next.body.version).toBe(current.version + 1)
      current = next.body
    }
    expect(current.history.map((h) => h.status)).toEqual(['proposed', 'contacted', 'negotiating', 'realised'])
    expect(current.history.at(-1)?.note).toBe('now realised')
    expect(current.nextStatuses).toEqual([])
    const dates = current.history.map((h) => Date.parse(h.changedAt))
    expect([...dates].sort((a, b) => a - b)).toEqual(dates)
  })

  it('refuses an illegal transition with 409 naming body.status and the allowed ones', async () => {
    const { stream, buyer } = await exchange()
    const { body: created } = await save({ wasteStreamId: stream.id, receiverEnterpriseId: buyer.id })
    const skip = await call<ApiError>('PUT', `/api/matches/${created.id}`, { version: 1, status: 'realised' })
    expect(skip.status).toBe(409)
    expect(skip.body.error.details[0]).toMatchObject({
      path: 'body.status',
      message:
        'a match cannot go from proposed to realised: from proposed it may go to contacted or declined',
    })
    const declined = await call<SavedMatch>('PUT', `/api/matches/${created.id}`, {
      version: 1,
      status: 'declined',
    })
    expect(declined.body.status).toBe('declined')
    const reopen = await call<ApiError>('PUT', `/api/matches/${created.id}`, {
      version: 2,
      status: 'contacted',
    })
    expect(reopen.body.error.details[0]?.message).toMatch(/declined is final/)
  })

  it('refuses a stale version with 409 and an unknown status with 400', async () => {
    const { stream, buyer } = await exchange()
    const { body: created } = await save({ wasteStreamId: stream.id, receiverEnterpriseId: buyer.id })
    await call('PUT', `/api/matches/${created.id}`, { version: 1, notes: 'first' })
    const stale = await call<ApiError>('PUT', `/api/matches/${created.id}`, { version: 1, notes: 'second' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details[0]?.path).toBe('body.version')
    const bad = await call<ApiError>('PUT', `/api/matches/${created.id}`, { version: 2, status: 'won' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details[0]?.path).toBe('body.status')
  })
})

describe('lists and the region impact', () => {
  it('lists matches by stream, enterprise and region, and sums realised exchanges per region', async () => {
    const { region, stream, buyer, supplier } = await exchange(800)
    const { body: created } = await save({ wasteStreamId: stream.id, receiverEnterpriseId: buyer.id })
    for (const [version, status] of [
      [1, 'contacted'],
      [2, 'negotiating'],
      [3, 'realised'],
    ] as const) {
      await call('PUT', `/api/matches/${created.id}`, { version, status })
    }
    for (const query of [
      `wasteStreamId=${stream.id}`,
      `enterpriseId=${buyer.id}`,
      `enterpriseId=${supplier.id}`,
      `regionId=${region.id}`,
    ]) {
      const list = await call<MatchList>('GET', `/api/matches?${query}`)
      expect(
        list.body.items.map((m) => m.id),
        query,
      ).toEqual([created.id])
    }
    const impact = await call<ExchangeImpact>('GET', `/api/regions/${region.id}/exchange-impact`)
    expect(impact.status).toBe(200)
    expect(impact.body.realised).toMatchObject({
      matches: 1,
      quantityTonnesPerYear: 800,
      landfillDivertedT: 800,
      co2AvoidedKg: expect.closeTo(created.co2AvoidedKg ?? -1, 6),
      netCo2Kg: expect.closeTo((created.co2AvoidedKg ?? 0) - (created.transportCo2Kg ?? 0), 6),
    })
    expect(impact.body.byStatus.find((s) => s.status === 'proposed')?.matches).toBe(0)
  })
})
