import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.js'
import type {
  AggregateResponse,
  AreaAggregate,
  HexbinCollection,
  OutletGapResponse,
} from '../../contract/aggregates.js'
import type { NewWasteStream } from '../../db/schema.js'
import { testDatabase } from '../../../test/database.js'
import {
  boxPolygon,
  isolatedTestArea,
  newEnterprise,
  newRegion,
  newWasteStream,
} from '../../../test/factories.js'
import { uniqueName } from '../../../test/factories-regions.js'
import { newPermit } from '../../../test/factories-enterprises.js'
import { noiseOf } from '../../../test/noise.js'
import { injectAs, newUser, signIn } from '../../../test/accounts.js'
import { aggregateRegions } from './service.js'

// Two admin2 regions side by side in a pilot region; W4 sits on their shared boundary.
type StreamSpec = Partial<Omit<NewWasteStream, 'enterprise_id'>> & { ewc_code: string }
const survey: { name: string; side: 'west' | 'east' | 'boundary'; at: number; streams: StreamSpec[] }[] = [
  {
    name: 'W1',
    side: 'west',
    at: 0.1,
    streams: [
      { ewc_code: '100101', quantity: 10, route_code: 'R5' },
      { ewc_code: '100101', quantity: 5, survey_year: 2023, route_code: 'R5' },
    ],
  },
  {
    name: 'W2',
    side: 'west',
    at: 0.2,
    streams: [
      {
        ewc_code: '020304',
        quantity: 2000,
        unit: 'kg',
        period: 'month',
        route_code: 'D1',
        basis: 'estimated',
      },
    ],
  },
  {
    name: 'W3',
    side: 'west',
    at: 0.3,
    streams: [
      {
        ewc_code: '130205',
        quantity: 3,
        unit: 'm3',
        density_t_per_m3: 1.5,
        route_code: 'R9',
        basis: 'calculated',
      },
    ],
  },
  {
    name: 'W4',
    side: 'boundary',
    at: 0.4,
    streams: [{ ewc_code: '150101', quantity: 1, period: 'batch', batches_per_year: 4 }],
  },
  {
    name: 'E1',
    side: 'east',
    at: 0.1,
    streams: [
      { ewc_code: '100101', quantity: 20, route_code: 'R5' },
      { ewc_code: '100101', quantity: 16, survey_year: 2023, route_code: 'R5' },
    ],
  },
  { name: 'E2', side: 'east', at: 0.2, streams: [{ ewc_code: '100101', quantity: 30, route_code: 'D1' }] },
  {
    name: 'E3',
    side: 'east',
    at: 0.3,
    streams: [
      { ewc_code: '170101', quantity: 100, route_code: 'R5' },
      { ewc_code: '170101', quantity: 80, survey_year: 2023, route_code: 'R5' },
    ],
  },
]

/** Tonnes per year of a stream, computed here from the units (not by the database's column). */
function tonnes(s: StreamSpec): number {
  const perUnit = {
    t: 1,
    kg: 0.001,
    m3: Number(s.density_t_per_m3 ?? 0),
    l: Number(s.density_t_per_m3 ?? 0) / 1000,
  }[s.unit ?? 't']
  const perYear = { year: 1, month: 12, batch: Number(s.batches_per_year ?? 0) }[s.period ?? 'year']
  return Number(s.quantity) * perUnit * perYear
}

const yearOf = (s: StreamSpec) => s.survey_year ?? 2024
const LATEST = 2024

/** The fixture's figures for one survey year (the latest by default), summed here. */
const expectedOf = (names: string[], year = LATEST) => {
  const enterprises = survey.filter((e) => names.includes(e.name))
  const streams = enterprises.flatMap((e) => e.streams).filter((s) => yearOf(s) === year)
  const sum = (list: StreamSpec[]) => list.reduce((total, s) => total + tonnes(s), 0)
  return {
    reporting: enterprises.filter((e) => e.streams.some((s) => yearOf(s) === year)).length,
    tonnes: sum(streams),
    hazardous: sum(streams.filter((s) => s.ewc_code === '130205')),
    recovered: sum(streams.filter((s) => s.route_code?.startsWith('R'))),
    measured: sum(streams.filter((s) => (s.basis ?? 'measured') === 'measured')),
  }
}

// an official sees every cell exact; the public (k = 3, the default) small cells suppressed and
// the rest noisy and rounded (docs/disclosure.md)
let open: FastifyInstance
let publicApp: FastifyInstance
const ids = { west: 0, east: 0, parent: 0 }
const enterpriseIds = new Map<string, number>()
let box: { west: number; south: number; east: number; north: number }
let prefix: string

beforeAll(async () => {
  const database = await testDatabase()
  const { db } = database
  open = await buildApp({ database })
  injectAs(open, await signIn(open, (await newUser(db, 'official')).email))
  publicApp = await buildApp({ database })
  const { lon, lat } = isolatedTestArea()
  box = { west: lon, south: lat, east: lon + 1, north: lat + 1 }
  ids.west = (await newRegion(db, { ...box, east: lon + 0.5 }, uniqueName('West'), 'admin2')).id
  ids.east = (await newRegion(db, { ...box, west: lon + 0.5 }, uniqueName('East'), 'admin2')).id
  ids.parent = (await newRegion(db, box, uniqueName('Pilot'), 'pilot')).id
  prefix = uniqueName('Agg')
  for (const enterprise of survey) {
    const x = { west: lon + enterprise.at, east: lon + 0.5 + enterprise.at, boundary: lon + 0.5 }[
      enterprise.side
    ]
    const { id } = await newEnterprise(
      db,
      { lon: x, lat: lat + enterprise.at },
      { name: `${prefix} ${enterprise.name}` },
    )
    enterpriseIds.set(enterprise.name, id)
    for (const stream of enterprise.streams) await newWasteStream(db, id, stream)
  }
})
afterAll(async () => {
  await open?.close()
  await publicApp?.close()
})

async function get(app: FastifyInstance, query: string) {
  const response = await app.inject({ method: 'GET', url: `/api/aggregates?${query}` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<AggregateResponse>()
}
const areaOf = (body: AggregateResponse, id: number) =>
  body.areas.find((a) => a.area.regionId === id) as AreaAggregate

describe('GET /api/aggregates', () => {
  it('totals each region for its latest survey year, the boundary enterprise once', async () => {
    const body = await get(open, `regionId=${ids.west}&regionId=${ids.east}&regionId=${ids.parent}`)
    const cases = [
      [ids.west, ['W1', 'W2', 'W3', 'W4']],
      [ids.east, ['E1', 'E2', 'E3']],
      [ids.parent, survey.map((e) => e.name)],
    ] as const
    for (const [id, names] of cases) {
      const expected = expectedOf([...names])
      const { totals, surveyYear, enterprisesRegistered } = areaOf(body, id)
      expect(surveyYear).toBe(LATEST)
      expect(enterprisesRegistered).toBe(names.length)
      expect(totals.enterpriseCount).toBe(expected.reporting)
      expect(totals.tonnesPerYear).toBeCloseTo(expected.tonnes, 9)
      expect(totals.hazardousTonnesPerYear).toBeCloseTo(expected.hazardous, 9)
      expect(totals.recoveredTonnesPerYear).toBeCloseTo(expected.recovered, 9)
      expect(totals.recoveryRate).toBeCloseTo(expected.recovered / expected.tonnes, 9)
      expect(totals.basis.measured).toBeCloseTo(expected.measured, 9)
    }
    // kg a month, m3 with a density and batches are tonnes per year: 24 + 4.5 + 4 + 10 in 2024
    expect(areaOf(body, ids.west).totals.tonnesPerYear).toBeCloseTo(42.5, 9)
  })

  it('gives the figures of a chosen year, counting only the enterprises that reported that year', async () => {
    const body = await get(open, `regionId=${ids.west}&regionId=${ids.parent}&year=2023`)
    for (const [id, names] of [
      [ids.west, ['W1', 'W2', 'W3', 'W4']],
      [ids.parent, survey.map((e) => e.name)],
    ] as const) {
      const expected = expectedOf([...names], 2023)
      const area = areaOf(body, id)
      expect(area.surveyYear).toBe(2023)
      expect(area.totals.enterpriseCount).toBe(expected.reporting)
      expect(area.totals.tonnesPerYear).toBeCloseTo(expected.tonnes, 9)
      expect(area.enterprisesRegistered).toBe(names.length)
    }
    // the region's own count and its series agree: 1 enterprise reported for 2023 in the west
    const west = areaOf(body, ids.west)
    expect(west.byYear.find((c) => c.key === '2023')?.enterpriseCount).toBe(west.totals.enterpriseCount)
  })

  it('gives a range as a per-year series, and its latest year as the figures (never a sum)', async () => {
    const names = survey.map((e) => e.name)
    const parent = areaOf(await get(open, `regionId=${ids.parent}&yearFrom=2023&yearTo=2024`), ids.parent)
    expect(parent.byYear.map((c) => [c.key, c.enterpriseCount])).toEqual([
      ['2023', expectedOf(names, 2023).reporting],
      ['2024', expectedOf(names, 2024).reporting],
    ])
    for (const cell of parent.byYear) {
      expect(cell.tonnesPerYear).toBeCloseTo(expectedOf(names, Number(cell.key)).tonnes, 9)
    }
    expect(parent.totals.tonnesPerYear).toBeCloseTo(expectedOf(names, 2024).tonnes, 9)
    const until2023 = areaOf(await get(open, `regionId=${ids.parent}&yearTo=2023`), ids.parent)
    expect(until2023.surveyYear).toBe(2023)
    expect(until2023.totals.tonnesPerYear).toBeCloseTo(expectedOf(names, 2023).tonnes, 9)
  })

  it('compares years like for like: the enterprises that reported in both, beside all of them', async () => {
    const names = survey.map((e) => e.name)
    const parent = areaOf(await get(open, `regionId=${ids.parent}`), ids.parent)
    const both = survey.filter(
      (e) => e.streams.some((s) => yearOf(s) === 2023) && e.streams.some((s) => yearOf(s) === 2024),
    )
    const bothNames = both.map((e) => e.name)
    const [from, to] = [expectedOf(bothNames, 2023).tonnes, expectedOf(bothNames, 2024).tonnes]
    const [allFrom, allTo] = [expectedOf(names, 2023).tonnes, expectedOf(names, 2024).tonnes]
    expect(parent.yearOnYear).toEqual({
      fromYear: 2023,
      toYear: 2024,
      changePercent: expect.closeTo(((allTo - allFrom) / allFrom) * 100, 9),
      fromEnterpriseCount: expectedOf(names, 2023).reporting,
      toEnterpriseCount: expectedOf(names, 2024).reporting,
      likeForLike: {
        enterpriseCount: both.length,
        fromTonnes: expect.closeTo(from, 9),
        toTonnes: expect.closeTo(to, 9),
        changePercent: expect.closeTo(((to - from) / from) * 100, 9),
        suppressed: null,
      },
    })
    expect(both.length).toBe(3) // W1, E1, E3: the check above compares something
  })

  it('says which year it shows, and no year where the area has no data', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = isolatedTestArea()
    const empty = await newRegion(
      db,
      { west: lon, south: lat, east: lon + 0.2, north: lat + 0.2 },
      uniqueName('Empty'),
      'admin2',
    )
    await newEnterprise(db, { lon: lon + 0.1, lat: lat + 0.1 })
    const area = areaOf(await get(open, `regionId=${empty.id}`), empty.id)
    expect(area).toMatchObject({ surveyYear: null, years: [], enterprisesRegistered: 1, yearOnYear: null })
    expect(area.totals).toMatchObject({ enterpriseCount: 0, tonnesPerYear: 0, suppressed: null })
    // nothing reported: for staff a zero; k = 1 still withholds a cell of no enterprise
    const trusted = await aggregateRegions(
      db,
      { regionId: [empty.id], top: 10 },
      { seesSmallCells: true, minEnterprises: 1 },
    )
    expect(trusted.areas[0]?.totals).toMatchObject({ enterpriseCount: 0, tonnesPerYear: 0 })
    const k1 = await aggregateRegions(
      db,
      { regionId: [empty.id], top: 10 },
      { seesSmallCells: false, minEnterprises: 1 },
    )
    expect(k1.areas[0]?.totals.suppressed).toBe('primary')
  })

  it('breaks an area down by EWC chapter, NACE section, route and year', async () => {
    const west = areaOf(await get(open, `regionId=${ids.west}`), ids.west)
    expect(west.byEwcChapter.map((c) => [c.key, c.tonnesPerYear, c.enterpriseCount])).toEqual([
      ['02', 24, 1],
      ['10', 10, 1],
      ['13', 4.5, 1],
      ['15', 4, 1],
    ])
    expect(west.byEwcChapter[0]?.label).toMatch(/food/i)
    expect(west.byRoute.map((c) => [c.key, c.tonnesPerYear])).toEqual([
      ['recovery', 14.5],
      ['disposal', 24],
      ['unknown', 4],
    ])
    expect(west.byYear.map((c) => [c.key, c.tonnesPerYear])).toEqual([
      ['2023', 5],
      ['2024', 42.5],
    ])
    expect(west.yearOnYear).toMatchObject({
      fromYear: 2023,
      toYear: 2024,
      changePercent: ((42.5 - 5) / 5) * 100,
      likeForLike: { enterpriseCount: 1, fromTonnes: 5, toTonnes: 10, changePercent: 100 },
    })
    expect(west.topStreams[0]).toMatchObject({ key: '020304', tonnesPerYear: 24 })
    expect(west.byNaceSection).toEqual([
      expect.objectContaining({ key: 'C', tonnesPerYear: 42.5, enterpriseCount: 4 }),
    ])
  })

  it('narrows to a year range and the filters', async () => {
    const west = areaOf(await get(open, `regionId=${ids.west}&yearFrom=2024&yearTo=2024&route=R`), ids.west)
    expect(west.totals.tonnesPerYear).toBeCloseTo(10 + 4.5, 9)
    expect(west.years).toEqual([2024])
  })

  it('answers every region of a level', async () => {
    const body = await get(open, 'level=admin2')
    expect(body.areas.map((a) => a.area.regionId)).toEqual(expect.arrayContaining([ids.west, ids.east]))
    expect(body.areas.every((a) => a.area.level === 'admin2')).toBe(true)
    // the level is one statement over all its regions (issue 14): each region's figures are
    // exactly those it gets alone, which the tests above check against the fixture's sums
    for (const regionId of [ids.west, ids.east]) {
      const alone = areaOf(await get(open, `regionId=${regionId}`), regionId)
      expect(areaOf(body, regionId)).toEqual(alone)
    }
  })

  it('suppresses small cells for the public, and the analysts see them', async () => {
    const pub = areaOf(await get(publicApp, `regionId=${ids.parent}`), ids.parent)
    expect(pub.totals).toMatchObject({ enterpriseCount: 7, suppressed: null })
    // the west's 2023 comes from W1 alone: that year, its change and its like for like go
    const west = areaOf(await get(publicApp, `regionId=${ids.west}`), ids.west)
    // 2024 is published noisy and rounded (docs/disclosure.md), recomputed here from the rule
    const { published } = await noiseOf((await testDatabase()).db)
    const west2024 = survey
      .filter((e) => e.side === 'west' || e.side === 'boundary')
      .flatMap((e) =>
        e.streams
          .filter((s) => yearOf(s) === 2024)
          .map((s) => ({
            enterpriseId: enterpriseIds.get(e.name) ?? 0,
            tonnes: tonnes(s),
          })),
      )
    expect(west.byYear.map((c) => [c.key, c.suppressed, c.tonnesPerYear])).toEqual([
      ['2023', 'primary', null],
      ['2024', null, published(west2024)],
    ])
    expect(published(west2024)).not.toBe(42.5)
    expect(west.yearOnYear).toMatchObject({
      changePercent: null,
      likeForLike: { suppressed: 'primary', changePercent: null, fromTonnes: null },
    })
    // in the pilot region 3 enterprises reported in both years, and 4 in 2024 only: all shown
    expect(pub.yearOnYear?.likeForLike).toMatchObject({ suppressed: null, enterpriseCount: 3 })
    // two small route cells (disposal: 2 enterprises, unknown: 1) hide each other
    expect(pub.byRoute.map((c) => [c.key, c.suppressed])).toEqual([
      ['recovery', null],
      ['disposal', 'primary'],
      ['unknown', 'primary'],
    ])
    expect(pub.totals.recoveryRate).not.toBeNull()
    const { db } = await testDatabase()
    const trusted = await aggregateRegions(
      db,
      { regionId: [ids.parent], top: 10 },
      { seesSmallCells: true, minEnterprises: 3 },
    )
    expect(trusted.disclosure.applied).toBe(false)
    expect(trusted.areas[0]?.byYear.map((c) => [c.key, c.tonnesPerYear, c.suppressed])).toEqual([
      [
        '2023',
        expectedOf(
          survey.map((e) => e.name),
          2023,
        ).tonnes,
        null,
      ],
      [
        '2024',
        expectedOf(
          survey.map((e) => e.name),
          2024,
        ).tonnes,
        null,
      ],
    ])
  })

  it('ignores "not reported for a year" from the public, a fact about single enterprises', async () => {
    const query = `regionId=${ids.parent}&year=2023`
    const filtered = await get(publicApp, `${query}&notReportedFor=2024`)
    expect(filtered).toEqual(await get(publicApp, query))
    // staff get the filter: every enterprise here reported for 2024, so none is left
    const { db } = await testDatabase()
    const staff = await aggregateRegions(
      db,
      { regionId: [ids.parent], year: 2023, notReportedFor: 2024, top: 10 },
      { seesSmallCells: true, minEnterprises: 3 },
    )
    expect(staff.areas[0]?.enterprisesRegistered).toBe(0)
    expect(filtered.areas[0]?.enterprisesRegistered).toBe(survey.length)
  })

  it.each([
    ['', 'query.regionId'],
    ['regionId=abc', 'query.regionId'],
    ['level=planet', 'query.level'],
    ['regionId=1&yearFrom=2024&yearTo=2023', 'query.yearTo'],
    ['regionId=1&year=2022&yearFrom=2023', 'query.year'],
    ['regionId=1&year=1800', 'query.year'],
    ['regionId=1&route=R99', 'query.route'],
  ])('refuses "%s" with 400 naming %s', async (query, path) => {
    const response = await open.inject({ method: 'GET', url: `/api/aggregates?${query}` })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path)
  })
})

describe('POST /api/aggregates/area', () => {
  it('totals an area drawn across the two regions', async () => {
    const { west, south } = box
    // x from 0.15 to 0.75 crosses the boundary at 0.5; y from 0.15 to 0.25 keeps W2 and E2 only
    const geometry = boxPolygon({
      west: west + 0.15,
      south: south + 0.15,
      east: west + 0.75,
      north: south + 0.25,
    })
    const response = await open.inject({ method: 'POST', url: '/api/aggregates/area', payload: { geometry } })
    expect(response.statusCode, response.body).toBe(200)
    const [area] = response.json<AggregateResponse>().areas
    expect(area?.area.kind).toBe('drawn')
    expect(area?.totals.enterpriseCount).toBe(2)
    expect(area?.totals.tonnesPerYear).toBeCloseTo(expectedOf(['W2', 'E2']).tonnes, 9)
  })

  it('refuses a self-intersecting area, naming the ring', async () => {
    const { west, south } = box
    const ring = [
      [west, south],
      [west + 1, south + 1],
      [west + 1, south],
      [west, south + 1],
      [west, south],
    ]
    const response = await open.inject({
      method: 'POST',
      url: '/api/aggregates/area',
      payload: { geometry: { type: 'Polygon', coordinates: [ring] } },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('body.geometry.coordinates.0')
  })
})

describe('GET /api/aggregates/outlet-gap', () => {
  beforeAll(async () => {
    const { db } = await testDatabase()
    const { west, south } = box
    // outside every region, north of the box: ~39 km and ~100 km from the west region whatever
    // latitude the isolated area has (a degree of latitude is ~110.6 km everywhere; east of the
    // box, 0.7° of longitude was 39 km only near 60°)
    const near = await newEnterprise(
      db,
      { lon: west + 0.25, lat: south + 1 + 39 / 110.57 },
      { nace_code: '38.32' },
    )
    await newPermit(db, near.id, { operation: 'R4', accepted_ewc: ['10'], capacity_t_per_year: 20 })
    await newPermit(db, near.id, { operation: 'D1', accepted_ewc: [], capacity_t_per_year: null })
    const far = await newEnterprise(db, { lon: west + 0.25, lat: south + 1.9 }, { nace_code: '38.32' })
    await newPermit(db, far.id, { operation: 'R3', accepted_ewc: ['0203'], capacity_t_per_year: 100 })
  })

  const gap = async (query: string) => {
    const response = await open.inject({
      method: 'GET',
      url: `/api/aggregates/outlet-gap?regionId=${ids.west}&${query}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const rows = response.json<OutletGapResponse>().regions[0]?.rows ?? []
    return new Map(rows.map((row) => [row.generated.key, row]))
  }
  const gapYear = async (query: string) =>
    (
      await open.inject({ method: 'GET', url: `/api/aggregates/outlet-gap?regionId=${ids.west}&${query}` })
    ).json<OutletGapResponse>().regions[0]?.surveyYear

  it('sets each chapter generated against the capacity permitted within the distance', async () => {
    const rows = await gap('distanceKm=50')
    expect(await gapYear('distanceKm=50')).toBe(LATEST)
    expect((await gap('distanceKm=50&year=2023')).get('10')?.generated.tonnesPerYear).toBe(
      expectedOf(['W1'], 2023).tonnes,
    )
    expect(rows.get('10')).toMatchObject({
      generated: expect.objectContaining({ tonnesPerYear: expectedOf(['W1']).tonnes }),
      outletCount: 2,
      outletCapacityTonnesPerYear: 20,
      outletsWithoutCapacity: 1,
      noOutletTonnesPerYear: 0,
    })
    // food waste: only the D1 permit without a stated capacity is near; 24 t have no outlet
    expect(rows.get('02')).toMatchObject({
      outletCount: 1,
      outletCapacityTonnesPerYear: 0,
      noOutletTonnesPerYear: 24,
    })
    const wider = await gap('distanceKm=150')
    expect(wider.get('02')).toMatchObject({
      outletCount: 2,
      outletCapacityTonnesPerYear: 100,
      noOutletTonnesPerYear: 0,
    })
  })

  it('withholds from the public a capacity stated by fewer than k permit holders, and its gap', async () => {
    const response = await publicApp.inject({
      method: 'GET',
      url: `/api/aggregates/outlet-gap?regionId=${ids.parent}&distanceKm=50`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const rows = response.json<OutletGapResponse>().regions[0]?.rows ?? []
    // chapter 10: one permit holder (the R4 permit of 20 t) states the capacity near the region
    const thermal = rows.find((row) => row.generated.key === '10')
    expect(thermal).toMatchObject({
      outletCount: 2,
      outletCapacityTonnesPerYear: null,
      noOutletTonnesPerYear: null,
    })
    expect(thermal?.generated.suppressed).toBeNull() // the generation itself is from 3 enterprises
  })

  it('refuses a distance beyond 1000 km', async () => {
    const response = await open.inject({
      method: 'GET',
      url: `/api/aggregates/outlet-gap?regionId=${ids.west}&distanceKm=5000`,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('query.distanceKm')
  })
})

describe('GET /api/aggregates/hexbins', () => {
  const bboxOf = () => `${box.west},${box.south},${box.east},${box.north}`

  it('bins every enterprise of the area into one hexagon, tonnes of the latest year summed', async () => {
    const response = await open.inject({
      method: 'GET',
      url: `/api/aggregates/hexbins?bbox=${bboxOf()}&cellKm=200&q=${encodeURIComponent(prefix)}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const { features, surveyYear } = response.json<HexbinCollection>()
    expect(surveyYear).toBe(LATEST)
    expect(features.reduce((n, f) => n + Number(f.properties.enterpriseCount), 0)).toBe(survey.length)
    expect(features.reduce((t, f) => t + Number(f.properties.totalTonnesPerYear), 0)).toBeCloseTo(
      expectedOf(survey.map((e) => e.name)).tonnes,
      9,
    )
    expect(features[0]?.geometry.coordinates[0]).toHaveLength(7)
  })

  it('withholds the figures of small hexagons from the public', async () => {
    const response = await publicApp.inject({
      method: 'GET',
      url: `/api/aggregates/hexbins?bbox=${bboxOf()}&cellKm=5&q=${encodeURIComponent(prefix)}`,
    })
    const { features } = response.json<HexbinCollection>()
    expect(features.length).toBeGreaterThan(1)
    expect(features.every((f) => f.properties.suppressed && f.properties.enterpriseCount === null)).toBe(true)
  })

  it('refuses a cell size that would make too many hexagons', async () => {
    const response = await open.inject({
      method: 'GET',
      url: '/api/aggregates/hexbins?bbox=-10,-10,10,10&cellKm=0.5',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details[0].path).toBe('query.cellKm')
  })
})

describe('GET /api/aggregates/export', () => {
  it('exports a table as CSV, suppressed cells left empty', async () => {
    const response = await publicApp.inject({
      method: 'GET',
      url: `/api/aggregates/export.csv?regionId=${ids.east}&table=byRoute`,
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'region_id,region,level,survey_year,key,label,enterprises,tonnes_per_year,hazardous_tonnes_per_year,measured_tonnes,estimated_tonnes,calculated_tonnes,suppressed',
    )
    expect(lines.slice(1).map((line) => line.split(',').slice(3, 8))).toEqual([
      ['2024', 'recovery', '', '', ''],
      ['2024', 'disposal', '', '', ''],
    ])
  })

  it('exports XLSX', async () => {
    const response = await open.inject({
      method: 'GET',
      url: `/api/aggregates/export.xlsx?regionId=${ids.west}&table=totals`,
    })
    expect(response.statusCode).toBe(200)
    expect(response.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })
})
