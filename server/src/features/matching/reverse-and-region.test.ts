import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { newRegion, newWasteStream } from '../../../test/factories.js'
import { newResourceNeed } from '../../../test/factories-enterprises.js'
import { enterpriseAt, matchingArea } from '../../../test/factories-matching.js'
import type { ApiError } from '../../contract/errors.js'
import type { NeedSuppliers, RegionOpportunities } from '../../contract/matching.js'

let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
})
afterAll(() => app.close())

const db = async () => (await testDatabase()).db

describe('GET /api/resource-needs/:id/suppliers', () => {
  it('finds the streams that fit the need within its limit, latest survey year only, never its own', async () => {
    const area = matchingArea()
    const d = await db()
    const buyer = await enterpriseAt(d, area.origin, '23.51', 'Cement works')
    const need = await newResourceNeed(d, buyer.id, { ewc_codes: ['100102'], max_distance_km: 40 })
    await newWasteStream(d, buyer.id, { ewc_code: '100102' }) // its own
    const near = await enterpriseAt(d, area.east(10), '35.11', 'Near power station')
    const current = await newWasteStream(d, near.id, { ewc_code: '100102', survey_year: 2024 })
    await newWasteStream(d, near.id, { ewc_code: '100102', survey_year: 2023 }) // history
    await newWasteStream(d, near.id, { ewc_code: '100101' }) // bottom ash: not named by the need
    const far = await enterpriseAt(d, area.east(35), '35.11', 'Far power station') // 45 km by road
    await newWasteStream(d, far.id, { ewc_code: '100102' })

    const response = await app.inject({ method: 'GET', url: `/api/resource-needs/${need.id}/suppliers` })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json<NeedSuppliers>()
    expect(body.radiusKm).toBe(40)
    expect(body.suppliers.map((s) => s.wasteStreamId)).toEqual([current.id])
    expect(body.suppliers[0]).toMatchObject({
      source: 'need',
      resourceNeedId: need.id,
      receiver: { enterpriseId: buyer.id },
    })
  })

  it('answers 404 for an unknown need', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/resource-needs/2147483000/suppliers' })
    expect(response.json<ApiError>().error.code).toBe('NOT_FOUND')
  })
})

describe('GET /api/regions/:id/opportunities', () => {
  it("ranks each open stream's best receiver inside the region by net CO2, with a line from supplier to receiver", async () => {
    const area = matchingArea()
    const d = await db()
    const region = await newRegion(d, {
      west: area.origin.lon - 0.05,
      south: area.origin.lat - 0.05,
      east: area.origin.lon + 0.3,
      north: area.origin.lat + 0.05,
    })
    const [shopAt, foundryAt] = [area.east(2), area.east(8)]
    const steelworks = await enterpriseAt(d, shopAt, '25.62', 'Machine shop')
    const turnings = await newWasteStream(d, steelworks.id, {
      ewc_code: '120101',
      quantity: 100,
      route_code: 'D1',
    })
    const power = await enterpriseAt(d, area.origin, '35.11', 'Power station')
    const ash = await newWasteStream(d, power.id, { ewc_code: '100102', quantity: 100, route_code: null })
    await newWasteStream(d, power.id, { ewc_code: '100101', quantity: 100, route_code: 'R5' }) // recovered: not open
    const foundry = await enterpriseAt(d, foundryAt, '24.51', 'Foundry')
    await newResourceNeed(d, foundry.id, { ewc_codes: ['1201'], quantity_t_per_year: 1000 })
    await enterpriseAt(d, area.east(10), '23.51', 'Cement works')
    await enterpriseAt(d, area.east(30), '23.51', 'Cement works outside the region')

    const response = await app.inject({
      method: 'GET',
      url: `/api/regions/${region.id}/opportunities?radiusKm=50`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json<RegionOpportunities>()
    expect(body.streamsConsidered).toBe(2)
    // scrap saves 1,500 kg CO2/t, fly ash 500: the scrap exchange ranks first
    expect(body.opportunities.map((o) => o.wasteStreamId)).toEqual([turnings.id, ash.id])
    expect(body.opportunities.map((o) => o.receiver.name)).toEqual(['Foundry', 'Cement works'])
    expect(body.lines.features[0]).toMatchObject({
      geometry: {
        type: 'LineString',
        coordinates: [
          [shopAt.lon, shopAt.lat],
          [foundryAt.lon, foundryAt.lat],
        ],
      },
      properties: { rank: 1, wasteStreamId: turnings.id, receiverEnterpriseId: foundry.id },
    })
    expect(body.totals.exchanges).toBe(2)
    expect(body.totals.netCo2Kg).toBeCloseTo(
      body.opportunities.reduce((sum, o) => sum + o.co2AvoidedKg - o.transportCo2Kg, 0),
      6,
    )
  })
})
