import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { newEnterprise, testArea } from '../../../test/factories.js'
import {
  bowTieRing,
  boxRing,
  enterpriseRegion,
  polygon,
  postRegion,
  regionAudit,
  storedValidity,
  uniqueName,
} from '../../../test/factories-regions.js'
import type { ApiError } from '../../contract/errors.js'
import type { RegionDeleteResult, RegionFeature } from '../../contract/regions.js'

const app = appPerFile()

function change(region: RegionFeature, geometry: unknown, properties: Record<string, unknown> = {}) {
  return {
    type: 'Feature',
    geometry,
    properties: {
      name: region.properties.name,
      level: region.properties.level,
      code: region.properties.code,
      parentId: region.properties.parentId,
      version: region.properties.version,
      ...properties,
    },
  }
}

describe('PUT /api/regions/:id', () => {
  it('changes name, level, code and boundary, bumps the version and records before and after', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const name = uniqueName('Renamed')
    const response = await app().inject({
      method: 'PUT',
      url: `/api/regions/${region.id}`,
      payload: change(
        region,
        polygon(boxRing({ west: lon, south: lat, east: lon + 0.5, north: lat + 0.5 })),
        {
          name,
          level: 'admin1',
          code: 'A1',
        },
      ),
    })
    expect(response.statusCode).toBe(200)
    const updated = response.json<RegionFeature>()
    expect(updated.properties).toMatchObject({ name, level: 'admin1', code: 'A1', version: 2 })
    expect((await storedValidity(db, region.id)).area).toBeCloseTo(0.25, 6)
    const audit = await regionAudit(db, region.id)
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update'])
    expect(audit[1]?.before).toMatchObject({ properties: { name: region.properties.name, version: 1 } })
    expect(audit[1]?.after).toMatchObject({ properties: { name, version: 2 } })
  })

  it('re-derives the enterprises: one that falls out of the new boundary goes to the region around it, or to none', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const outer = await postRegion(app(), { west: lon, south: lat, east: lon + 0.9, north: lat + 0.9 })
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 0.6, north: lat + 0.6 })
    const staysInside = await newEnterprise(db, { lon: lon + 0.1, lat: lat + 0.1 })
    const fallsToOuter = await newEnterprise(db, { lon: lon + 0.5, lat: lat + 0.5 })
    const fallsOutOfAll = await newEnterprise(db, { lon: lon + 0.95, lat: lat + 0.95 })
    const comesIn = await newEnterprise(db, { lon: lon + 0.1, lat: lat + 0.8 })
    expect(await enterpriseRegion(db, fallsToOuter.id)).toBe(region.id)
    expect(await enterpriseRegion(db, comesIn.id)).toBe(outer.id)
    expect(await enterpriseRegion(db, fallsOutOfAll.id)).toBeNull()

    // the new boundary: a thin strip along the west edge
    const response = await app().inject({
      method: 'PUT',
      url: `/api/regions/${region.id}`,
      payload: change(
        region,
        polygon(boxRing({ west: lon, south: lat, east: lon + 0.2, north: lat + 0.85 })),
      ),
    })
    expect(response.statusCode).toBe(200)
    expect(await enterpriseRegion(db, staysInside.id)).toBe(region.id)
    expect(await enterpriseRegion(db, fallsToOuter.id)).toBe(outer.id)
    expect(await enterpriseRegion(db, comesIn.id)).toBe(region.id)
    expect(await enterpriseRegion(db, fallsOutOfAll.id)).toBeNull()

    // and away entirely: the ones it held fall back to the outer region
    const moved = response.json<RegionFeature>()
    const away = await app().inject({
      method: 'PUT',
      url: `/api/regions/${region.id}`,
      payload: change(
        moved,
        polygon(boxRing({ west: lon + 1.2, south: lat, east: lon + 1.4, north: lat + 0.2 })),
      ),
    })
    expect(away.statusCode).toBe(200)
    expect(await enterpriseRegion(db, staysInside.id)).toBe(outer.id)
    expect(await enterpriseRegion(db, comesIn.id)).toBe(outer.id)
  })

  it('answers 409 to a stale version: of two changes based on one version, one wins and nothing is lost', async () => {
    const { lon, lat } = testArea()
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const geometry = polygon(boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 }))
    const [first, second] = await Promise.all([
      app().inject({
        method: 'PUT',
        url: `/api/regions/${region.id}`,
        payload: change(region, geometry, { name: uniqueName('A') }),
      }),
      app().inject({
        method: 'PUT',
        url: `/api/regions/${region.id}`,
        payload: change(region, geometry, { name: uniqueName('B') }),
      }),
    ])
    const statuses = [first?.statusCode, second?.statusCode].sort()
    expect(statuses).toEqual([200, 409])
    const loser = first?.statusCode === 409 ? first : second
    const winner = first?.statusCode === 200 ? first : second
    expect(loser?.json<ApiError>().error.details[0]).toMatchObject({ path: 'body.properties.version' })
    const current = (
      await app().inject({ method: 'GET', url: `/api/regions/${region.id}` })
    ).json<RegionFeature>()
    expect(current.properties.name).toBe(winner?.json<RegionFeature>().properties.name)
    expect(current.properties.version).toBe(2)
  })

  it('refuses a bow-tie (writing nothing), and repairs it when asked', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const bowTie = polygon(bowTieRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 }))
    const refused = await app().inject({
      method: 'PUT',
      url: `/api/regions/${region.id}`,
      payload: change(region, bowTie),
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json<ApiError>().error.details[0]?.path).toBe('body.geometry.coordinates.0')
    expect((await storedValidity(db, region.id)).area).toBeCloseTo(1, 6)
    const repaired = await app().inject({
      method: 'PUT',
      url: `/api/regions/${region.id}?repair=true`,
      payload: change(region, bowTie),
    })
    expect(repaired.statusCode).toBe(200)
    const stored = await storedValidity(db, region.id)
    expect(stored).toMatchObject({ valid: true, parts: 2 })
    expect(stored.area).toBeCloseTo(0.5, 5)
  })

  it('refuses a parent loop, itself as parent, a missing version, and answers 404 for a missing region', async () => {
    const { lon, lat } = testArea()
    const parent = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const childResponse = await app().inject({
      method: 'POST',
      url: '/api/regions',
      payload: {
        type: 'Feature',
        geometry: polygon(boxRing({ west: lon, south: lat, east: lon + 0.5, north: lat + 0.5 })),
        properties: { name: uniqueName(), parentId: parent.id },
      },
    })
    const child = childResponse.json<RegionFeature>()
    const geometry = polygon(boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 }))
    const loop = await app().inject({
      method: 'PUT',
      url: `/api/regions/${parent.id}`,
      payload: change(parent, geometry, { parentId: child.id }),
    })
    expect(loop.statusCode).toBe(400)
    expect(loop.json<ApiError>().error.details[0]).toMatchObject({
      path: 'body.properties.parentId',
      message: expect.stringMatching(/loop/),
    })
    const itself = await app().inject({
      method: 'PUT',
      url: `/api/regions/${parent.id}`,
      payload: change(parent, geometry, { parentId: parent.id }),
    })
    expect(itself.statusCode).toBe(400)
    const noVersion = await app().inject({
      method: 'PUT',
      url: `/api/regions/${parent.id}`,
      payload: change(parent, geometry, { version: undefined }),
    })
    expect(noVersion.statusCode).toBe(400)
    expect(noVersion.json<ApiError>().error.details[0]?.path).toBe('body.properties.version')
    const missing = await app().inject({
      method: 'PUT',
      url: '/api/regions/999999999',
      payload: change(parent, geometry),
    })
    expect(missing.statusCode).toBe(404)
  })
})

describe('DELETE /api/regions/:id', () => {
  it('is refused with 409 naming how many enterprises lie in the region, and deletes nothing', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const a = await newEnterprise(db, { lon: lon + 0.2, lat: lat + 0.2 })
    await newEnterprise(db, { lon: lon + 0.7, lat: lat + 0.7 })
    const response = await app().inject({ method: 'DELETE', url: `/api/regions/${region.id}` })
    expect(response.statusCode).toBe(409)
    const { error } = response.json<ApiError>()
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/^2 enterprises lie in region \d+; delete with \?reassign=true/)
    expect(error.details[0]?.path).toBe('query.reassign')
    expect((await app().inject({ method: 'GET', url: `/api/regions/${region.id}` })).statusCode).toBe(200)
    expect(await enterpriseRegion(db, a.id)).toBe(region.id)
  })

  it('with ?reassign=true deletes it and re-derives its enterprises (to the region around them, or none)', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const outer = await postRegion(app(), { west: lon, south: lat, east: lon + 0.5, north: lat + 1 })
    // smaller than the outer one, so it wins the points both cover
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 0.9, north: lat + 0.5 })
    const inBoth = await newEnterprise(db, { lon: lon + 0.25, lat: lat + 0.25 })
    const inRegionOnly = await newEnterprise(db, { lon: lon + 0.75, lat: lat + 0.25 })
    expect(await enterpriseRegion(db, inRegionOnly.id)).toBe(region.id)
    expect(await enterpriseRegion(db, inBoth.id)).toBe(region.id)

    const response = await app().inject({ method: 'DELETE', url: `/api/regions/${region.id}?reassign=true` })
    expect(response.statusCode).toBe(200)
    expect(response.json<RegionDeleteResult>()).toEqual({ id: region.id, enterprisesReassigned: 2 })
    expect(await enterpriseRegion(db, inBoth.id)).toBe(outer.id)
    expect(await enterpriseRegion(db, inRegionOnly.id)).toBeNull()
    expect((await app().inject({ method: 'GET', url: `/api/regions/${region.id}` })).statusCode).toBe(404)
    const audit = await regionAudit(db, region.id)
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'delete'])
    expect(audit[1]?.before).toMatchObject({ id: region.id })
  })

  it('deletes an empty region without asking, and answers 404 for a missing one', async () => {
    const { lon, lat } = testArea()
    const region = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const response = await app().inject({ method: 'DELETE', url: `/api/regions/${region.id}` })
    expect(response.statusCode).toBe(200)
    expect(response.json<RegionDeleteResult>()).toEqual({ id: region.id, enterprisesReassigned: 0 })
    expect((await app().inject({ method: 'DELETE', url: `/api/regions/${region.id}` })).statusCode).toBe(404)
  })
})
