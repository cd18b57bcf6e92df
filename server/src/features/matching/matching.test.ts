import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { newWasteStream } from '../../../test/factories.js'
import { newPermit, newResourceNeed } from '../../../test/factories-enterprises.js'
import {
  enterpriseAt,
  fixtureCo2AvoidedPerTonne,
  fixtureFactors,
  haversineKm,
  matchingArea,
} from '../../../test/factories-matching.js'
import type { ApiError } from '../../contract/errors.js'
import type { StreamMatches } from '../../contract/matching.js'

// Hand-built cases whose right answer is known (issue 6, acceptance). Each test has its own
// square; the radius (50 km) keeps other tests' enterprises (≥ 55 km away) out.
let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
})
afterAll(() => app.close())

const NEUTRAL = '46.90' // wholesale: no sector use of any category
const db = async () => (await testDatabase()).db

async function matchesOf(streamId: number, query = 'radiusKm=50') {
  const response = await app.inject({ method: 'GET', url: `/api/waste-streams/${streamId}/matches?${query}` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<StreamMatches>()
}

async function supplierWith(ewcCode: string, quantity: number, routeCode: string | null = 'D1') {
  const area = matchingArea()
  const supplier = await enterpriseAt(await db(), area.origin, '35.11', 'Supplier')
  const stream = await newWasteStream(await db(), supplier.id, {
    ewc_code: ewcCode,
    quantity,
    route_code: routeCode,
  })
  return { area, supplier, stream }
}

describe('GET /api/waste-streams/:id/matches ranks candidates', () => {
  it('puts an exact-code need above a category need above a sector inference, at equal distance', async () => {
    const { area, stream } = await supplierWith('100102', 1000)
    const exact = await enterpriseAt(await db(), area.east(10), NEUTRAL, 'Exact need')
    await newResourceNeed(await db(), exact.id, { ewc_codes: ['100102'], quantity_t_per_year: 5000 })
    const category = await enterpriseAt(await db(), area.east(10), NEUTRAL, 'Category need')
    await newResourceNeed(await db(), category.id, {
      ewc_codes: [],
      material_category: 'ashes_slags',
      quantity_t_per_year: 5000,
    })
    const sector = await enterpriseAt(await db(), area.east(10), '23.63', 'Ready-mix plant')

    const { candidates } = await matchesOf(stream.id)
    expect(candidates.map((c) => c.receiver.enterpriseId)).toEqual([exact.id, category.id, sector.id])
    expect(candidates.map((c) => c.source)).toEqual(['need', 'need', 'sector'])
    const [first, second, third] = candidates
    expect(first?.score).toBeGreaterThan(second?.score ?? 1)
    expect(second?.score).toBeGreaterThan(third?.score ?? 1)
  })

  it('puts the nearer of two otherwise equal candidates first', async () => {
    const { area, stream } = await supplierWith('100102', 1000)
    const far = await enterpriseAt(await db(), area.east(25), '23.51', 'Far cement works')
    const near = await enterpriseAt(await db(), area.east(5), '23.51', 'Near cement works')
    const { candidates } = await matchesOf(stream.id)
    expect(candidates.map((c) => c.receiver.enterpriseId)).toEqual([near.id, far.id])
    expect(candidates[0]?.scoreParts.distanceFactor).toBeGreaterThan(
      candidates[1]?.scoreParts.distanceFactor ?? 1,
    )
    expect(candidates[0]?.scoreParts.materialFit).toBe(candidates[1]?.scoreParts.materialFit)
  })

  it('excludes a receiver beyond its own distance limit (by road), keeps one within it', async () => {
    const { area, stream } = await supplierWith('100102', 1000)
    // 10 km straight is 13 km by road: beyond a 12 km limit; 5 km straight (6.5 by road) is within it
    const beyond = await enterpriseAt(await db(), area.east(10), NEUTRAL, 'Beyond its limit')
    await newResourceNeed(await db(), beyond.id, { ewc_codes: ['100102'], max_distance_km: 12 })
    const within = await enterpriseAt(await db(), area.east(5), NEUTRAL, 'Within its limit')
    await newResourceNeed(await db(), within.id, { ewc_codes: ['100102'], max_distance_km: 12 })
    const { candidates } = await matchesOf(stream.id)
    expect(candidates.map((c) => c.receiver.enterpriseId)).toEqual([within.id])
  })

  it('sends a hazardous stream only to receivers with a valid permit allowing hazardous waste for its code', async () => {
    const { area, stream } = await supplierWith('100104', 200) // oil fly ash, hazardous
    expect(stream.hazardous).toBe(true)
    const d = await db()
    const needOnly = await enterpriseAt(d, area.east(3), NEUTRAL, 'Need, no permit')
    await newResourceNeed(d, needOnly.id, { ewc_codes: ['100104'] })
    await enterpriseAt(d, area.east(4), '23.51', 'Cement works, no permit')
    const nonHazardousPermit = await enterpriseAt(d, area.east(5), NEUTRAL, 'Permit without hazardous')
    await newPermit(d, nonHazardousPermit.id, {
      operation: 'R5',
      accepted_ewc: ['1001'],
      hazardous_allowed: false,
    })
    const expired = await enterpriseAt(d, area.east(6), NEUTRAL, 'Expired hazardous permit')
    await newPermit(d, expired.id, {
      operation: 'R5',
      accepted_ewc: ['1001'],
      hazardous_allowed: true,
      valid_from: '2015-01-01',
      valid_to: '2020-12-31',
    })
    const permitted = await enterpriseAt(d, area.east(7), NEUTRAL, 'Hazardous R5 permit')
    await newPermit(d, permitted.id, { operation: 'R5', accepted_ewc: ['1001'], hazardous_allowed: true })
    const needWithPermit = await enterpriseAt(d, area.east(8), NEUTRAL, 'Need and hazardous D10 permit')
    await newResourceNeed(d, needWithPermit.id, { ewc_codes: ['100104'] })
    await newPermit(d, needWithPermit.id, { operation: 'D10', accepted_ewc: ['10'], hazardous_allowed: true })

    const { candidates } = await matchesOf(stream.id)
    expect(candidates.map((c) => c.receiver.enterpriseId).sort()).toEqual(
      [permitted.id, needWithPermit.id].sort(),
    )
    expect(candidates.find((c) => c.receiver.enterpriseId === needWithPermit.id)?.source).toBe('need')
  })

  it('never matches an enterprise with itself, and takes recovery (R) permits only', async () => {
    const { area, supplier, stream } = await supplierWith('100102', 100)
    const d = await db()
    await newResourceNeed(d, supplier.id, { ewc_codes: ['100102'] })
    await newPermit(d, supplier.id, { operation: 'R5', accepted_ewc: ['1001'] })
    const landfill = await enterpriseAt(d, area.east(5), NEUTRAL, 'Landfill')
    await newPermit(d, landfill.id, { operation: 'D1', accepted_ewc: ['10'] })
    const { candidates } = await matchesOf(stream.id)
    expect(candidates).toEqual([])
  })

  it('counts the capacity other streams have in negotiation against a permit', async () => {
    const { area, stream } = await supplierWith('100102', 1000)
    const d = await db()
    const recycler = await enterpriseAt(d, area.east(5), NEUTRAL, 'Recycler')
    const permit = await newPermit(d, recycler.id, {
      operation: 'R5',
      accepted_ewc: ['100102'],
      capacity_t_per_year: 1000,
    })
    const other = await newWasteStream(d, (await enterpriseAt(d, area.east(1), NEUTRAL, 'Other')).id)
    await d
      .insertInto('matches')
      .values({
        waste_stream_id: other.id,
        receiver_enterprise_id: recycler.id,
        permit_id: permit.id,
        source: 'permit',
        score: 0.5,
        quantity_t_per_year: 750,
        status: 'negotiating',
      })
      .execute()
    const [candidate] = (await matchesOf(stream.id)).candidates
    expect(candidate?.quantityTonnesPerYear).toBeCloseTo(250, 6)
    expect(candidate?.scoreParts.quantityFit).toBeCloseTo(Math.sqrt(250 / 1000), 9)
    expect(candidate?.reasons[0]).toMatch(/^permit R5 for 10 01 02 at \d km, 250 t\/yr capacity left$/)
  })
})

describe('the figures of a candidate', () => {
  it('equal a hand computation from the factors', async () => {
    const { area, stream } = await supplierWith('100102', 2000, 'D1')
    const receiverAt = area.east(20)
    const receiver = await enterpriseAt(await db(), receiverAt, NEUTRAL, 'Half-size buyer')
    await newResourceNeed(await db(), receiver.id, { ewc_codes: ['100102'], quantity_t_per_year: 500 })
    const [candidate] = (await matchesOf(stream.id)).candidates

    const { value, country } = fixtureFactors()
    const straightKm = haversineKm(area.origin, receiverAt)
    const roadKm = straightKm * value('detour_factor')
    const tonnes = 500
    expect(candidate).toMatchObject({
      receiver: { enterpriseId: receiver.id },
      quantityTonnesPerYear: tonnes,
    })
    expect(candidate?.greatCircleKm).toBeCloseTo(straightKm, 6)
    expect(candidate?.distanceKm).toBeCloseTo(roadKm, 6)
    expect(candidate?.transportCost).toBeCloseTo(tonnes * roadKm * country.transportCostPerTonneKm, 6)
    expect(candidate?.transportCo2Kg).toBeCloseTo(tonnes * roadKm * value('road_co2_kg_per_tonne_km'), 6)
    expect(candidate?.co2AvoidedKg).toBeCloseTo(tonnes * fixtureCo2AvoidedPerTonne('ashes_slags'), 6)
    expect(candidate?.landfillDivertedT).toBe(tonnes)
    expect(candidate?.netMoney).toBeCloseTo(
      tonnes * country.landfillGateFeePerTonne - tonnes * roadKm * country.transportCostPerTonneKm,
      6,
    )
    const distanceFactor = 1 / (1 + roadKm / value('distance_half_score_km'))
    expect(candidate?.scoreParts).toEqual({
      materialFit: value('material_fit.need_exact'),
      distanceFactor: expect.closeTo(distanceFactor, 9),
      quantityFit: expect.closeTo(Math.sqrt(500 / 2000), 9),
    })
    expect(candidate?.score).toBeCloseTo(value('material_fit.need_exact') * distanceFactor * 0.5, 9)
    expect(candidate?.line.coordinates).toEqual([
      [area.origin.lon, area.origin.lat],
      [receiverAt.lon, receiverAt.lat],
    ])
  })

  it('diverts nothing from landfill when the stream is already recovered', async () => {
    const { area, stream } = await supplierWith('100102', 100, 'R5')
    await enterpriseAt(await db(), area.east(5), '23.51', 'Cement works')
    const [candidate] = (await matchesOf(stream.id)).candidates
    expect(candidate?.landfillDivertedT).toBe(0)
    expect(candidate?.co2AvoidedKg).toBeCloseTo(100 * fixtureCo2AvoidedPerTonne('ashes_slags'), 6)
  })
})

describe('bad requests', () => {
  it.each([
    ['radiusKm=5000', 'query.radiusKm'],
    ['radiusKm=-1', 'query.radiusKm'],
    ['limit=0', 'query.limit'],
  ])('refuses %s naming the field', async (query, path) => {
    const response = await app.inject({ method: 'GET', url: `/api/waste-streams/1/matches?${query}` })
    expect(response.statusCode).toBe(400)
    expect(response.json<ApiError>().error.details.map((d) => d.path)).toContain(path)
  })

  it('answers 404 for a stream that does not exist and 400 for an id that is not one', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/api/waste-streams/2147483000/matches' })).statusCode,
    ).toBe(404)
    const response = await app.inject({ method: 'GET', url: '/api/waste-streams/abc/matches' })
    expect(response.json<ApiError>().error.details[0]?.path).toBe('params.id')
  })
})
