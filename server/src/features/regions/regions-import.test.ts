import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { type Box, newEnterprise, testArea } from '../../../test/factories.js'
import {
  bowTieRing,
  boxRing,
  enterpriseRegion,
  polygon,
  regionAudit,
  regionsNamed,
  uniqueName,
} from '../../../test/factories-regions.js'
import type { ApiError } from '../../contract/errors.js'
import type { RegionFeature, RegionImportResult } from '../../contract/regions.js'

const app = appPerFile()

/** A feature as an administrative-boundary file has it: its own property names, string ids, extra members. */
function boundary(box: Box, properties: Record<string, unknown>) {
  return { type: 'Feature', id: `GID.${Math.random()}`, properties, geometry: polygon(boxRing(box)) }
}

function quarters(lon: number, lat: number): Box[] {
  return [
    { west: lon, south: lat, east: lon + 0.5, north: lat + 0.5 },
    { west: lon + 0.5, south: lat, east: lon + 1, north: lat + 0.5 },
    { west: lon, south: lat + 0.5, east: lon + 0.5, north: lat + 1 },
    { west: lon + 0.5, south: lat + 0.5, east: lon + 1, north: lat + 1 },
  ]
}

describe('POST /api/regions/import', () => {
  it('imports every boundary with the name and code properties the caller names, at the level given', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const names = [uniqueName('Q'), uniqueName('Q'), uniqueName('Q')]
    const enterprise = await newEnterprise(db, { lon: lon + 0.25, lat: lat + 0.25 })
    const [a, b, c] = quarters(lon, lat)
    if (!a || !b || !c) throw new Error('quarters')
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME_1&codeProperty=HASC_1&level=admin1',
      payload: {
        type: 'FeatureCollection',
        name: 'gadm41_XXX_1',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
        features: [
          boundary(a, { NAME_1: names[0], HASC_1: 'XX.AA', GID_1: 'XXX.1_1' }),
          boundary(b, { NAME_1: `  ${names[1]} `, HASC_1: 101 }),
          {
            type: 'Feature',
            properties: { NAME_1: names[2] },
            geometry: { type: 'MultiPolygon', coordinates: [[boxRing(c).map(([x, y]) => [x, y, 250])]] },
          },
        ],
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    const result = response.json<RegionImportResult>()
    expect(result.imported).toBe(3)
    expect(result.regions.map((r) => [r.name, r.code])).toEqual([
      [names[0], 'XX.AA'],
      [names[1], '101'],
      [names[2], null],
    ])
    const first = (
      await app().inject({ method: 'GET', url: `/api/regions/${result.regions[0]?.id}` })
    ).json<RegionFeature>()
    expect(first.properties).toMatchObject({ level: 'admin1', enterpriseCount: 1 })
    expect(await enterpriseRegion(db, enterprise.id)).toBe(first.properties.id)
    expect((await regionAudit(db, first.properties.id)).map((entry) => entry.action)).toEqual(['create'])
  })

  it('takes nameProperty from the body too', async () => {
    const { lon, lat } = testArea()
    const name = uniqueName()
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions/import',
      payload: {
        type: 'FeatureCollection',
        nameProperty: 'shapeName',
        features: [boundary({ west: lon, south: lat, east: lon + 1, north: lat + 1 }, { shapeName: name })],
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<RegionImportResult>().regions[0]?.name).toBe(name)
  })

  it('is all or nothing: one report names every bad feature and nothing is written', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const [a, b, c, d] = quarters(lon, lat)
    if (!a || !b || !c || !d) throw new Error('quarters')
    const names = [uniqueName('Good'), uniqueName('Bow'), uniqueName('Point'), uniqueName('Good')]
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME',
      payload: {
        type: 'FeatureCollection',
        features: [
          boundary(a, { NAME: names[0] }),
          { type: 'Feature', properties: { NAME: names[1] }, geometry: polygon(bowTieRing(b)) },
          {
            type: 'Feature',
            properties: { NAME: names[2] },
            geometry: { type: 'Point', coordinates: [lon, lat] },
          },
          boundary(d, { name: 'lower-case key' }),
          { type: 'Feature', properties: { NAME: names[3] }, geometry: null },
          boundary(c, { NAME: ['not', 'text'] }),
          boundary({ ...c, east: 200 }, { NAME: 'far east' }),
        ],
      },
    })
    expect(response.statusCode).toBe(400)
    const { error } = response.json<ApiError>()
    expect(error.message).toBe('6 of 7 features are invalid; nothing was imported')
    const paths = error.details.map((detail) => detail.path)
    expect(paths).toEqual([
      'body.features.1.geometry.coordinates.0',
      'body.features.2.geometry.type',
      'body.features.3.properties.NAME',
      'body.features.4.geometry',
      'body.features.5.properties.NAME',
      'body.features.6.geometry.coordinates.0.1.0',
      'body.features.6.geometry.coordinates.0.2.0',
    ])
    expect(error.details[0]?.message).toMatch(/intersects itself/)
    expect(error.details[2]?.message).toMatch(/no name/)
    expect(await regionsNamed(db, ...names)).toEqual([])
  })

  it('with ?repair=true repairs the self-intersecting boundaries and imports them all', async () => {
    const { lon, lat } = testArea()
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME&repair=true',
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { NAME: uniqueName() },
            geometry: polygon(bowTieRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })),
          },
        ],
      },
    })
    expect(response.statusCode, response.body).toBe(201)
  })

  it('needs a nameProperty, and looks only at the features own keys ("constructor" is not a name)', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const box = { west: lon, south: lat, east: lon + 1, north: lat + 1 }
    const name = uniqueName()
    const none = await app().inject({
      method: 'POST',
      url: '/api/regions/import',
      payload: { type: 'FeatureCollection', features: [boundary(box, { NAME: name })] },
    })
    expect(none.statusCode).toBe(400)
    expect(none.json<ApiError>().error.details[0]?.path).toBe('query.nameProperty')
    const inherited = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=constructor',
      payload: { type: 'FeatureCollection', features: [boundary(box, { NAME: name })] },
    })
    expect(inherited.statusCode).toBe(400)
    expect(inherited.json<ApiError>().error.details[0]?.path).toBe('body.features.0.properties.constructor')
    const disagree = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME',
      payload: {
        type: 'FeatureCollection',
        nameProperty: 'OTHER',
        features: [boundary(box, { NAME: name })],
      },
    })
    expect(disagree.statusCode).toBe(400)
    expect(await regionsNamed(db, name)).toEqual([])
  })

  it('refuses __proto__ keys in feature properties, an empty collection and a non-collection', async () => {
    const { lon, lat } = testArea()
    const ring = JSON.stringify([boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })])
    const poisoned = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME',
      headers: { 'content-type': 'application/json' },
      payload: `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"NAME":"x","__proto__":{"polluted":true}},"geometry":{"type":"Polygon","coordinates":${ring}}}]}`,
    })
    expect(poisoned.statusCode).toBe(400)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const empty = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME',
      payload: { type: 'FeatureCollection', features: [] },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json<ApiError>().error.details[0]?.path).toBe('body.features')
    const feature = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME',
      payload: boundary({ west: lon, south: lat, east: lon + 1, north: lat + 1 }, { NAME: 'x' }),
    })
    expect(feature.statusCode).toBe(400)
  })

  it('refuses a body over the server limit (10 MB) with 413 before reading it', async () => {
    const big = `{"type":"FeatureCollection","features":[],"padding":"${'x'.repeat(11 * 1024 * 1024)}"}`
    const response = await app().inject({
      method: 'POST',
      url: '/api/regions/import?nameProperty=NAME',
      headers: { 'content-type': 'application/json' },
      payload: big,
    })
    expect(response.statusCode).toBe(413)
    expect(response.json<ApiError>().error.code).toBe('PAYLOAD_TOO_LARGE')
  })
})
