import { booleanClockwise } from '@turf/boolean-clockwise'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { newEnterprise, newRegion, testArea } from '../../../test/factories.js'
import {
  bowTieRing,
  boxRing,
  enterpriseRegion,
  polygon,
  postRegion,
  regionAudit,
  regionFeatureBody,
  regionsNamed,
  storedValidity,
  uniqueName,
} from '../../../test/factories-regions.js'
import type { ApiError } from '../../contract/errors.js'
import type { RegionCollection, RegionFeature } from '../../contract/regions.js'

const app = appPerFile()

describe('GET /api/regions', () => {
  it('counts the enterprises located in a region, its sub-regions included', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    // levels differ: inside one boundary set and level an enterprise counts in the smaller region only
    const box = { west: lon, south: lat, east: lon + 1, north: lat + 1 }
    const parent = await newRegion(db, box, 'Parent', 'pilot')
    const child = await newRegion(db, { ...box, east: lon + 0.5, north: lat + 0.5 }, 'Child', 'admin2')
    await newEnterprise(db, { lon: lon + 0.25, lat: lat + 0.25 }) // in the child
    await newEnterprise(db, { lon: lon + 0.75, lat: lat + 0.75 }) // in the parent only
    await newEnterprise(db, { lon: lon + 0.5, lat: lat + 0.25 }) // on the child's east edge
    await newEnterprise(db, { lon: lon + 1.5, lat: lat + 0.5 }) // outside both

    const response = await app().inject({ method: 'GET', url: '/api/regions' })
    expect(response.statusCode).toBe(200)
    const body = response.json<RegionCollection>()
    const count = (id: number) => body.features.find((f) => f.id === id)?.properties.enterpriseCount
    expect(count(parent.id)).toBe(3)
    expect(count(child.id)).toBe(2)
  })

  it('answers GeoJSON MultiPolygons in lon/lat', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await newRegion(db, { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const body = (await app().inject({ method: 'GET', url: '/api/regions' })).json<RegionCollection>()
    const feature = body.features.find((f) => f.id === region.id)
    expect(feature?.geometry.type).toBe('MultiPolygon')
    expect(feature?.geometry.coordinates[0]?.[0]).toContainEqual([lon, lat])
  })
})

describe('GET /api/regions/:id', () => {
  it('answers one region as a Feature with its version', async () => {
    const { lon, lat } = testArea()
    const created = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const response = await app().inject({ method: 'GET', url: `/api/regions/${created.id}` })
    expect(response.statusCode).toBe(200)
    const feature = response.json<RegionFeature>()
    expect(feature.properties).toMatchObject({ id: created.id, name: created.properties.name, version: 1 })
    expect(feature.geometry.type).toBe('MultiPolygon')
  })

  it('answers 404 for a region that does not exist, and 400 for an id that is not one', async () => {
    expect((await app().inject({ method: 'GET', url: '/api/regions/999999999' })).statusCode).toBe(404)
    const bad = await app().inject({ method: 'GET', url: '/api/regions/abc' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<ApiError>().error.details[0]?.path).toBe('params.id')
  })
})

describe('POST /api/regions', () => {
  it('creates a region from a Polygon Feature, derives the enterprises inside and records the audit entry', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const inside = await newEnterprise(db, { lon: lon + 0.5, lat: lat + 0.5 })
    const name = uniqueName()
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions',
      // clockwise, with an elevation and a string id as drawing tools send them
      payload: {
        ...regionFeatureBody(
          polygon([
            [lon, lat, 12],
            [lon, lat + 1, 12],
            [lon + 1, lat + 1, 12],
            [lon + 1, lat, 12],
            [lon, lat, 12],
          ]),
          { name: `  ${name}  `, level: 'pilot', code: 'PL-1' },
        ),
        id: 'c1a0e3b2-terra-draw',
      },
    })
    expect(response.statusCode).toBe(201)
    const region = response.json<RegionFeature>()
    expect(region.properties).toMatchObject({
      name,
      level: 'pilot',
      code: 'PL-1',
      parentId: null,
      enterpriseCount: 1,
    })
    const outer = region.geometry.coordinates[0]?.[0]
    expect(outer && booleanClockwise(outer)).toBe(false) // rewound to RFC 7946
    expect(outer?.every((position) => position.length === 2)).toBe(true)
    expect(await enterpriseRegion(db, inside.id)).toBe(region.properties.id)
    const audit = await regionAudit(db, region.properties.id)
    expect(audit.map((entry) => entry.action)).toEqual(['create'])
    expect(audit[0]?.after).toMatchObject({ properties: { name } })
  })

  it('accepts a MultiPolygon and a parent', async () => {
    const { lon, lat } = testArea()
    const parent = await postRegion(app(), { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions',
      payload: regionFeatureBody(
        {
          type: 'MultiPolygon',
          coordinates: [
            [boxRing({ west: lon, south: lat, east: lon + 0.2, north: lat + 0.2 })],
            [boxRing({ west: lon + 0.5, south: lat + 0.5, east: lon + 0.7, north: lat + 0.7 })],
          ],
        },
        { parentId: parent.id, level: 'admin2' },
      ),
    })
    expect(response.statusCode).toBe(201)
    const region = response.json<RegionFeature>()
    expect(region.properties.parentId).toBe(parent.id)
    expect(region.geometry.coordinates).toHaveLength(2)
  })

  it('refuses a bow-tie with the ring path and the crossing, and writes nothing', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const body = regionFeatureBody(
      polygon(bowTieRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })),
    )
    const response = await app().inject({ method: 'POST', url: '/api/regions', payload: body })
    expect(response.statusCode).toBe(400)
    const { error } = response.json<ApiError>()
    expect(error.code).toBe('VALIDATION_FAILED')
    expect(error.details[0]?.path).toBe('body.geometry.coordinates.0')
    expect(error.details[0]?.message).toMatch(/intersects itself near \[/)
    expect(error.message).toMatch(/repair=true/)
    expect(await regionsNamed(db, body.properties.name)).toEqual([])
  })

  it('repairs a bow-tie only when asked, into a valid MultiPolygon of both triangles', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions?repair=true',
      payload: regionFeatureBody(
        polygon(bowTieRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })),
      ),
    })
    expect(response.statusCode).toBe(201)
    const region = response.json<RegionFeature>()
    expect(region.geometry.coordinates).toHaveLength(2)
    const stored = await storedValidity(db, region.properties.id)
    expect(stored.valid).toBe(true)
    expect(stored.parts).toBe(2)
    expect(stored.area).toBeCloseTo(0.5, 5) // two triangles of a quarter square degree each
  })

  it('refuses what only PostGIS sees (overlapping parts of a MultiPolygon) with its reason, and repairs it when asked', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const overlapping = {
      type: 'MultiPolygon',
      coordinates: [
        [boxRing({ west: lon, south: lat, east: lon + 0.6, north: lat + 0.6 })],
        [boxRing({ west: lon + 0.4, south: lat + 0.4, east: lon + 1, north: lat + 1 })],
      ],
    }
    const refused = await app().inject({
      method: 'POST',
      url: '/api/regions',
      payload: regionFeatureBody(overlapping),
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json<ApiError>().error.details[0]).toMatchObject({
      path: 'body.geometry',
      message: expect.stringMatching(/^not a valid polygon: .*(Self-intersection|intersect)/i),
    })
    const repaired = await app().inject({
      method: 'POST',
      url: '/api/regions?repair=true',
      payload: regionFeatureBody(overlapping),
    })
    expect(repaired.statusCode).toBe(201)
    expect((await storedValidity(db, repaired.json<RegionFeature>().properties.id)).valid).toBe(true)
  })

  it('refuses a hole that lies outside its shell', async () => {
    const { lon, lat } = testArea()
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions',
      payload: regionFeatureBody(
        polygon(
          boxRing({ west: lon, south: lat, east: lon + 0.4, north: lat + 0.4 }),
          boxRing({ west: lon + 0.6, south: lat + 0.6, east: lon + 0.8, north: lat + 0.8 }).reverse(),
        ),
      ),
    })
    expect(response.statusCode).toBe(400)
    expect(response.json<ApiError>().error.details[0]?.message).toMatch(
      /not a valid polygon: Hole lies outside shell/,
    )
  })

  const { lon, lat } = { lon: -10, lat: -10 }
  const square = boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })
  const badGeometries: [string, unknown, string, RegExp][] = [
    ['an unclosed ring', polygon(square.slice(0, 4)), 'body.geometry.coordinates.0', /not closed/],
    [
      'a longitude of 200',
      polygon([
        [lon, lat],
        [200, lat],
        [lon + 1, lat + 1],
        [lon, lat],
      ]),
      'body.geometry.coordinates.0.1.0',
      /longitude must be ≤ 180/,
    ],
    ['empty Polygon coordinates', polygon(), 'body.geometry.coordinates', /outer ring/],
    [
      'empty MultiPolygon coordinates',
      { type: 'MultiPolygon', coordinates: [] },
      'body.geometry.coordinates',
      /empty/,
    ],
    [
      'a ring of three positions',
      polygon([
        [lon, lat],
        [lon + 1, lat],
        [lon, lat],
      ]),
      'body.geometry.coordinates.0',
      /at least 4/,
    ],
    [
      'a flat ring',
      polygon([
        [lon, lat],
        [lon + 1, lat],
        [lon + 2, lat],
        [lon, lat],
      ]),
      'body.geometry.coordinates.0',
      /no area/,
    ],
    ['a null geometry', null, 'body.geometry', /missing/],
    ['a missing geometry', undefined, 'body.geometry', /missing/],
    ['a Point', { type: 'Point', coordinates: [lon, lat] }, 'body.geometry.type', /Polygon or MultiPolygon/],
    [
      'a number sent as a string',
      {
        type: 'Polygon',
        coordinates: [
          [
            [lon, lat],
            [`${lon + 1}`, lat],
            [lon + 1, lat + 1],
            [lon, lat],
          ],
        ],
      },
      'body.geometry.coordinates.0.1.0',
      /expected number/,
    ],
  ]
  it.each(badGeometries)('refuses %s with the path and the reason', async (_case, geometry, path, reason) => {
    const { db } = await testDatabase()
    const body = regionFeatureBody(geometry)
    const response = await app().inject({ method: 'POST', url: '/api/regions', payload: body })
    expect(response.statusCode).toBe(400)
    const { error } = response.json<ApiError>()
    const detail = error.details.find((d) => d.path === path)
    expect(detail, JSON.stringify(error.details)).toBeDefined()
    expect(detail?.message).toMatch(reason)
    expect(await regionsNamed(db, body.properties.name)).toEqual([])
  })

  it('refuses NaN (not JSON) and Infinity (1e999 parses to it) in coordinates', async () => {
    const { db } = await testDatabase()
    const name = uniqueName()
    for (const bad of ['NaN', '1e999', '-Infinity']) {
      const payload = `{"type":"Feature","properties":{"name":"${name}"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[${bad},0],[1,1],[0,0]]]}}`
      const response = await app().inject({
        method: 'POST',
        url: '/api/regions',
        headers: { 'content-type': 'application/json' },
        payload,
      })
      expect(response.statusCode, bad).toBe(400)
      expect(response.json<ApiError>().error.message.length).toBeGreaterThan(0)
    }
    expect(await regionsNamed(db, name)).toEqual([])
  })

  it('refuses __proto__ and constructor.prototype keys in the properties', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const name = uniqueName()
    const ring = JSON.stringify([boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })])
    for (const poison of ['"__proto__":{"isDemo":true}', '"constructor":{"prototype":{"isDemo":true}}']) {
      const response = await app().inject({
        method: 'POST',
        url: '/api/regions',
        headers: { 'content-type': 'application/json' },
        payload: `{"type":"Feature","properties":{"name":"${name}",${poison}},"geometry":{"type":"Polygon","coordinates":${ring}}}`,
      })
      expect(response.statusCode, poison).toBe(400)
    }
    expect(await regionsNamed(db, name)).toEqual([])
  })

  it('refuses a parent that does not exist, an empty name and an unknown level', async () => {
    const { lon, lat } = testArea()
    const geometry = polygon(boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 }))
    const cases: [unknown, string][] = [
      [{ name: uniqueName(), parentId: 999999999 }, 'body.properties.parentId'],
      [{ name: '   ' }, 'body.properties.name'],
      [{ name: uniqueName(), level: 'planet' }, 'body.properties.level'],
    ]
    for (const [properties, path] of cases) {
      const response = await app().inject({
        method: 'POST',
        url: '/api/regions',
        payload: { type: 'Feature', geometry, properties },
      })
      expect(response.statusCode, path).toBe(400)
      expect(response.json<ApiError>().error.details.map((d) => d.path)).toContain(path)
    }
  })
})

describe('OpenAPI', () => {
  it('documents every region route with its request schemas', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json<{ paths: Record<string, Record<string, unknown>> }>()
    expect(Object.keys(document.paths['/api/regions'] ?? {}).sort()).toEqual(['get', 'post'])
    expect(Object.keys(document.paths['/api/regions/{id}'] ?? {}).sort()).toEqual(['delete', 'get', 'put'])
    expect(Object.keys(document.paths['/api/regions/import'] ?? {})).toEqual(['post'])
  })
})
