import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AggregateResponse } from '../../contract/aggregates.js'
import {
  enterpriseClusterTileProperties,
  enterpriseTileProperties,
  regionTileProperties,
  treatmentSiteTileProperties,
} from '../../contract/tiles.js'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { newWasteStream } from '../../../test/factories.js'
import { type TileFixture, tileFixture } from '../../../test/tile-fixture.js'
import { decodeTile, tileAt } from '../../../test/tiles.js'
import { tileService } from './service.js'

let app: FastifyInstance
let fixture: TileFixture

// The fixture's streams are all of survey year 2024 (newWasteStream's default); an earlier year
// is added here so that a tile adding several years together shows: A 40 t and C 8 t in 2023.
const FIXTURE_YEAR = 2024
const EARLIER = { year: 2023, a: 40, c: 8 }

beforeAll(async () => {
  app = await buildTestApp()
  const { db } = await testDatabase()
  fixture = await tileFixture(db)
  await newWasteStream(db, fixture.ids.a, {
    survey_year: EARLIER.year,
    quantity: EARLIER.a,
    route_code: 'D1',
  })
  await newWasteStream(db, fixture.ids.c, { survey_year: EARLIER.year, quantity: EARLIER.c })
})
afterAll(async () => {
  await app?.close()
})

/** The fixture's enterprises with a stream of the latest year (the fixture's doc: A, B, D). */
function reportedIn2024() {
  return ['A', 'B', 'D'].map((letter) => `${fixture.prefix} ${letter}`).sort()
}

async function getTile(
  layer: string,
  tile: { z: number; x: number; y: number },
  query: Record<string, string> = {},
) {
  const search = new URLSearchParams({ q: fixture.prefix, ...query })
  return app.inject({ method: 'GET', url: `/api/tiles/${layer}/${tile.z}/${tile.x}/${tile.y}.mvt?${search}` })
}

async function decoded(
  layer: string,
  tile: { z: number; x: number; y: number },
  query: Record<string, string> = {},
) {
  const response = await getTile(layer, tile, query)
  if (response.statusCode === 204) return {}
  expect(response.statusCode, response.body).toBe(200)
  return decodeTile(response.rawPayload)
}

describe('the enterprises tile', () => {
  it('holds each enterprise that reported for the year with the totals of its streams, as the contract says', async () => {
    const layers = await decoded('enterprises', fixture.tile)
    const features = layers.enterprises ?? []
    const byName = new Map(features.map((f) => [f.properties.name, f]))
    // C reported nothing for the latest year: it is not a zero on that year's map
    expect([...byName.keys()].sort()).toEqual(reportedIn2024())
    const a = byName.get(`${fixture.prefix} A`)
    expect(a?.type).toBe('Point')
    expect(a?.id).toBe(fixture.ids.a)
    expect(a?.properties).toEqual({
      id: fixture.ids.a,
      name: `${fixture.prefix} A`,
      naceCode: '23.51',
      naceSection: 'C',
      sizeClass: 'large',
      totalTonnesPerYear: 105,
      hazardousTonnesPerYear: 5,
      recoveredTonnesPerYear: 105,
      streamCount: 2,
      dominantEwcChapter: '10',
      dominantRoute: 'recovery',
      hasHazardous: true,
      offersByproduct: true,
      isDemo: false,
    })
    // B: 30 t (kg and month units normalised) with a disposal route
    expect(byName.get(`${fixture.prefix} B`)?.properties).toMatchObject({
      totalTonnesPerYear: 30,
      dominantEwcChapter: '02',
      dominantRoute: 'disposal',
      hasHazardous: false,
    })
    for (const feature of features)
      expect(() => enterpriseTileProperties.parse(feature.properties)).not.toThrow()
  })

  it('changes with the filters, and totals count only the matching streams', async () => {
    const names = async (query: Record<string, string>) =>
      ((await decoded('enterprises', fixture.tile, query)).enterprises ?? [])
        .map((f) => f.properties.name)
        .sort()
    expect(await names({ ewc: '10' })).toEqual([`${fixture.prefix} A`])
    expect(await names({ hazardous: 'true' })).toEqual([`${fixture.prefix} A`])
    expect(await names({ route: 'D' })).toEqual([`${fixture.prefix} B`])
    expect(await names({ route: 'unknown' })).toEqual([`${fixture.prefix} D`])
    expect(await names({ byproduct: 'true' })).toEqual([`${fixture.prefix} A`])
    expect(await names({ sizeClass: 'large' })).toEqual([`${fixture.prefix} A`])
    expect(await names({ nace: '10' })).toEqual([`${fixture.prefix} B`])
    const hazardousOnly = (await decoded('enterprises', fixture.tile, { hazardous: 'true' })).enterprises
    expect(hazardousOnly?.[0]?.properties).toMatchObject({ totalTonnesPerYear: 5, dominantEwcChapter: '13' })
  })

  it('holds one survey year: the latest with data by default, named in a header, or the one asked for', async () => {
    const latest = await getTile('enterprises', fixture.tile)
    expect(latest.headers['loopmap-survey-year']).toBe(String(FIXTURE_YEAR))
    const a = decodeTile(latest.rawPayload).enterprises?.find((f) => f.id === fixture.ids.a)
    expect(a?.properties.totalTonnesPerYear).toBe(105) // not 105 + 40
    const earlier = await getTile('enterprises', fixture.tile, { surveyYear: String(EARLIER.year) })
    expect(earlier.headers['loopmap-survey-year']).toBe(String(EARLIER.year))
    const points = decodeTile(earlier.rawPayload).enterprises ?? []
    expect(new Map(points.map((f) => [f.id, f.properties.totalTonnesPerYear]))).toEqual(
      new Map([
        [fixture.ids.a, EARLIER.a],
        [fixture.ids.c, EARLIER.c],
      ]),
    )
  })

  it('shows "not reported for a year" as those enterprises, with none of their tonnes of other years', async () => {
    const response = await getTile('enterprises', fixture.tile, { notReportedFor: String(FIXTURE_YEAR) })
    expect(response.headers['loopmap-survey-year']).toBe(String(FIXTURE_YEAR))
    const points = decodeTile(response.rawPayload).enterprises ?? []
    expect(points.map((f) => f.properties.name)).toEqual([`${fixture.prefix} C`])
    expect(points[0]?.properties).toMatchObject({ totalTonnesPerYear: 0, streamCount: 0 })
    const notIn2023 = await decoded('enterprises', fixture.tile, { notReportedFor: String(EARLIER.year) })
    expect((notIn2023.enterprises ?? []).map((f) => f.properties.name).sort()).toEqual([
      `${fixture.prefix} B`,
      `${fixture.prefix} D`,
    ])
  })

  it('gathers enterprises into grid clusters below zoom 8, never single points', async () => {
    const low = tileAt(fixture.centre.lon, fixture.centre.lat, 5)
    const layers = await decoded('enterprises', low)
    expect(layers.enterprises).toBeUndefined()
    const clusters = layers.enterprise_clusters ?? []
    expect(clusters.length).toBeGreaterThan(0)
    expect(clusters.reduce((n, f) => n + Number(f.properties.enterpriseCount), 0)).toBe(
      reportedIn2024().length,
    )
    expect(clusters.reduce((t, f) => t + Number(f.properties.totalTonnesPerYear), 0)).toBeCloseTo(145, 6)
    for (const feature of clusters)
      expect(() => enterpriseClusterTileProperties.parse(feature.properties)).not.toThrow()
  })

  it('clusters a tile from zoom 8 on when it holds more enterprises than the point limit', async () => {
    const shown = reportedIn2024().length
    const dense = tileService(await testDatabase(), { maxPointsPerTile: shown - 1 })
    const answer = await dense.tile(
      { layer: 'enterprises', ...fixture.tile },
      { q: fixture.prefix },
      undefined,
    )
    if (answer.kind !== 'tile') throw new Error('expected a tile')
    const layers = decodeTile(answer.bytes)
    expect(layers.enterprises).toBeUndefined()
    expect(layers.enterprise_clusters?.reduce((n, f) => n + Number(f.properties.enterpriseCount), 0)).toBe(
      shown,
    )
    const sparse = tileService(await testDatabase(), { maxPointsPerTile: shown })
    const points = await sparse.tile(
      { layer: 'enterprises', ...fixture.tile },
      { q: fixture.prefix },
      undefined,
    )
    expect(points.kind === 'tile' && decodeTile(points.bytes).enterprises).toHaveLength(shown)
  })

  it('answers 204 for an empty tile', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/tiles/enterprises/14/8000/15000.mvt?q=nothing-here',
    })
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
  })
})

describe('the regions tile', () => {
  it('gives each region its totals, a shared boundary counted once per level', async () => {
    const regions = (await decoded('regions', fixture.tile)).regions ?? []
    const byId = new Map(regions.map((f) => [f.id, f.properties]))
    // West: A (105 t) and C on the shared boundary (the smaller/older region wins: west), but C
    // reported nothing for the year shown; east: B (30 t) and D (10 t, no route); the parent
    // holds the three once. The 2023 streams of A and C are not added.
    expect(byId.get(fixture.ids.west)).toMatchObject({
      enterpriseCount: 1,
      totalTonnesPerYear: 105,
      recoveryRate: 1,
    })
    expect(byId.get(fixture.ids.east)).toMatchObject({
      enterpriseCount: 2,
      totalTonnesPerYear: 40,
      recoveredTonnesPerYear: 0,
      recoveryRate: 0,
    })
    expect(byId.get(fixture.ids.parent)).toMatchObject({
      enterpriseCount: 3,
      totalTonnesPerYear: 145,
      hazardousTonnesPerYear: 5,
      recoveredTonnesPerYear: 105,
    })
    expect(Number(byId.get(fixture.ids.parent)?.recoveryRate)).toBeCloseTo(105 / 145, 9)
    for (const region of regions) expect(() => regionTileProperties.parse(region.properties)).not.toThrow()
    expect(regions.find((f) => f.id === fixture.ids.west)?.type).toBe('Polygon')
  })

  it('recomputes the totals for the filters, leaving out the rate of a region without tonnes', async () => {
    const regions = (await decoded('regions', fixture.tile, { route: 'D' })).regions ?? []
    const west = regions.find((f) => f.id === fixture.ids.west)?.properties
    expect(west).toMatchObject({ enterpriseCount: 0, totalTonnesPerYear: 0 })
    expect(west).not.toHaveProperty('recoveryRate')
    expect(regions.find((f) => f.id === fixture.ids.east)?.properties).toMatchObject({
      totalTonnesPerYear: 30,
    })
  })
  it.each<Record<string, string>>([{}, { route: 'D' }, { hazardous: 'true' }])(
    'agrees with GET /api/aggregates on every region, one region per level (%o)',
    async (filters) => {
      const { west, east, parent } = fixture.ids
      // the year named: without a name filter the latest year is the whole test database's
      const search = new URLSearchParams(filters)
      const tileSearch = new URLSearchParams({ ...filters, surveyYear: String(FIXTURE_YEAR) })
      const [tileResponse, totalsResponse] = await Promise.all([
        app.inject({
          method: 'GET',
          url: `/api/tiles/regions/${fixture.tile.z}/${fixture.tile.x}/${fixture.tile.y}.mvt?${tileSearch}`,
        }),
        // the tile's year is the latest (2024); the totals of that one year
        app.inject({
          method: 'GET',
          url: `/api/aggregates?regionId=${west}&regionId=${east}&regionId=${parent}&yearFrom=${FIXTURE_YEAR}&yearTo=${FIXTURE_YEAR}&${search}`,
        }),
      ])
      expect(tileResponse.statusCode, tileResponse.body).toBe(200)
      expect(totalsResponse.statusCode, totalsResponse.body).toBe(200)
      const tiled = new Map(
        (decodeTile(tileResponse.rawPayload).regions ?? []).map((f) => [f.id, f.properties]),
      )
      for (const { area, totals, byYear } of totalsResponse.json<AggregateResponse>().areas) {
        const region = tiled.get(area.regionId ?? undefined)
        // the enterprises that reported for the year: its cell of the per-year series
        const reported = byYear.find((cell) => cell.key === String(FIXTURE_YEAR))?.enterpriseCount ?? 0
        expect(region?.enterpriseCount, `region ${area.regionId}`).toBe(reported)
        expect(region?.totalTonnesPerYear).toBeCloseTo(Number(totals.tonnesPerYear), 9)
        expect(region?.hazardousTonnesPerYear).toBeCloseTo(Number(totals.hazardousTonnesPerYear), 9)
        expect(region?.recoveredTonnesPerYear).toBeCloseTo(Number(totals.recoveredTonnesPerYear), 9)
      }
    },
  )
})

describe('the treatment sites and hexbins tiles', () => {
  it('shows permit holders with their operations, filtered by what they accept', async () => {
    const sites = (await decoded('treatment-sites', fixture.tile)).treatment_sites ?? []
    expect(sites.map((f) => f.properties)).toEqual([
      {
        id: fixture.ids.d,
        name: `${fixture.prefix} D`,
        operations: 'D1 R4',
        permitCount: 2,
        capacityTonnesPerYear: 600,
        hazardousAllowed: false,
        recovers: true,
        isDemo: false,
      },
    ])
    expect(() => treatmentSiteTileProperties.parse(sites[0]?.properties)).not.toThrow()
    const forMetals = (await decoded('treatment-sites', fixture.tile, { ewc: '1001' })).treatment_sites
    expect(forMetals).toHaveLength(1) // R4 accepts 10 01, D1 accepts anything
    const forHazardous = await getTile('treatment-sites', fixture.tile, { hazardous: 'true' })
    expect(forHazardous.statusCode).toBe(204)
  })

  it('bins every matching enterprise into exactly one hexagon', async () => {
    for (const z of [5, 9, 12]) {
      const tile = tileAt(fixture.centre.lon, fixture.centre.lat, z)
      const bins = (await decoded('hexbins', tile)).hexbins ?? []
      expect(bins.every((f) => f.type === 'Polygon')).toBe(true)
      // at z12 the enterprises (0.05° apart) may lie in neighbouring tiles' hexagons
      if (z < 12)
        expect(bins.reduce((n, f) => n + Number(f.properties.enterpriseCount), 0)).toBe(
          reportedIn2024().length,
        )
    }
  })
})

describe('tiles for the public', () => {
  it('ignore "not reported for a year", a fact about single enterprises', async () => {
    const publicApp = await buildTestApp({ as: 'public' })
    try {
      const low = tileAt(fixture.centre.lon, fixture.centre.lat, 9)
      const url = `/api/tiles/enterprises/${low.z}/${low.x}/${low.y}.mvt?nace=23`
      const [plain, filtered] = await Promise.all([
        publicApp.inject({ method: 'GET', url }),
        publicApp.inject({ method: 'GET', url: `${url}&notReportedFor=${FIXTURE_YEAR}` }),
      ])
      expect(filtered.statusCode).toBe(plain.statusCode)
      expect(filtered.headers.etag).toBe(plain.headers.etag)
    } finally {
      await publicApp.close()
    }
  })
})

describe('tile requests', () => {
  it.each([
    ['/api/tiles/enterprises/23/0/0.mvt', 'params.z'],
    ['/api/tiles/enterprises/2/4/0.mvt', 'params.x'],
    ['/api/tiles/enterprises/2/0/-1.mvt', 'params.y'],
    ['/api/tiles/enterprises/2/a/0.mvt', 'params.x'],
    ['/api/tiles/factories/2/0/0.mvt', 'params.layer'],
    ['/api/tiles/enterprises/8/1/1.mvt?ewc=1', 'query.ewc'],
    ['/api/tiles/enterprises/8/1/1.mvt?route=X9', 'query.route'],
  ])('refuses %s with 400 naming %s', async (url, path) => {
    const response = await app.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path)
  })

  it('revalidates with the ETag, which changes when the data changes', async () => {
    const first = await getTile('enterprises', fixture.tile)
    const etag = String(first.headers.etag)
    expect(first.headers['cache-control']).toBe('private, no-cache')
    expect(first.headers.vary).toContain('Cookie')
    expect(first.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    const again = await app.inject({
      method: 'GET',
      url: `/api/tiles/enterprises/${fixture.tile.z}/${fixture.tile.x}/${fixture.tile.y}.mvt?q=${encodeURIComponent(fixture.prefix)}`,
      headers: { 'if-none-match': etag },
    })
    expect(again.statusCode).toBe(304)
    const { db } = await testDatabase()
    await newWasteStream(db, fixture.ids.c, { ewc_code: '150101', quantity: 1 })
    const changed = await getTile('enterprises', fixture.tile)
    expect(changed.headers.etag).not.toBe(etag)
    const c = decodeTile(changed.rawPayload).enterprises?.find((f) => f.id === fixture.ids.c)
    expect(c?.properties.totalTonnesPerYear).toBe(1)
    // the year is part of the ETag: the same data of another year is another tile
    const other = await getTile('enterprises', fixture.tile, { surveyYear: String(EARLIER.year) })
    expect(other.headers.etag).not.toBe(changed.headers.etag)
  })

  it('describes each layer in TileJSON, with the filters in the tile URL', async () => {
    const query = `ewc=10&q=${encodeURIComponent(fixture.prefix)}`
    const response = await app.inject({ method: 'GET', url: `/api/tiles/enterprises?${query}` })
    expect(response.statusCode).toBe(200)
    const tileJson = response.json()
    // the tile URL names the latest survey year of these filters, so its tiles stay that year's
    expect(response.headers['loopmap-survey-year']).toBe(String(FIXTURE_YEAR))
    const tileUrl = new URL(String(tileJson.tiles[0]).replace('{z}/{x}/{y}', '0/0/0'))
    expect(tileUrl.pathname).toBe('/api/tiles/enterprises/0/0/0.mvt')
    expect(Object.fromEntries(tileUrl.searchParams)).toEqual({
      ewc: '10',
      q: fixture.prefix,
      surveyYear: String(FIXTURE_YEAR),
    })
    const asked = await app.inject({ method: 'GET', url: '/api/tiles/enterprises?ewc=10&surveyYear=2019' })
    expect(asked.json().tiles[0]).toMatch(/\.mvt\?ewc=10&surveyYear=2019$/)
    expect(tileJson.vector_layers.map((l: { id: string }) => l.id)).toEqual([
      'enterprise_clusters',
      'enterprises',
    ])
    expect(tileJson.vector_layers[1].fields).toMatchObject({
      totalTonnesPerYear: 'Number',
      name: 'String',
      hasHazardous: 'Boolean',
    })
  })

  it('tells the map which basemap to use', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/map-config' })
    expect(response.json()).toEqual({ basemapStyleUrl: null })
  })
})
