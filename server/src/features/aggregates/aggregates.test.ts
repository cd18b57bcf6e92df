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
  { name: 'E1', side: 'east', at: 0.1, streams: [{ ewc_code: '100101', quantity: 20, route_code: 'R5' }] },
  { name: 'E2', side: 'east', at: 0.2, streams: [{ ewc_code: '100101', quantity: 30, route_code: 'D1' }] },
  { name: 'E3', side: 'east', at: 0.3, streams: [{ ewc_code: '170101', quantity: 100, route_code: 'R5' }] },
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

const expectedOf = (names: string[], year?: number) => {
  const streams = survey
    .filter((e) => names.includes(e.name))
    .flatMap((e) => e.streams)
    .filter((s) => year === undefined || (s.survey_year ?? 2024) === year)
  const sum = (list: StreamSpec[]) => list.reduce((total, s) => total + tonnes(s), 0)
  return {
    tonnes: sum(streams),
    hazardous: sum(streams.filter((s) => s.ewc_code === '130205')),
    recovered: sum(streams.filter((s) => s.route_code?.startsWith('R'))),
    measured: sum(streams.filter((s) => (s.basis ?? 'measured') === 'measured')),
  }
}

let open: FastifyInstance // k = 1: nothing suppressed, for the figures
let publicApp: FastifyInstance // k = 3 (the default)
const ids = { west: 0, east: 0, parent: 0 }
let box: { west: number; south: number; east: number; north: number }
let prefix: string

beforeAll(async () => {
  const database = await testDatabase()
  const { db } = database
  open = await buildApp({ database, disclosureMinEnterprises: 1 })
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
  it('totals each region as an independent sum over the fixture, the boundary enterprise once', async () => {
    const body = await get(open, `regionId=${ids.west}&regionId=${ids.east}&regionId=${ids.parent}`)
    const cases = [
      [ids.west, ['W1', 'W2', 'W3', 'W4']],
      [ids.east, ['E1', 'E2', 'E3']],
      [ids.parent, survey.map((e) => e.name)],
    ] as const
    for (const [id, names] of cases) {
      const expected = expectedOf([...names])
      const { totals } = areaOf(body, id)
      expect(totals.enterpriseCount).toBe(names.length)
      expect(totals.tonnesPerYear).toBeCloseTo(expected.tonnes, 9)
      expect(totals.hazardousTonnesPerYear).toBeCloseTo(expected.hazardous, 9)
      expect(totals.recoveredTonnesPerYear).toBeCloseTo(expected.recovered, 9)
      expect(totals.recoveryRate).toBeCloseTo(expected.recovered / expected.tonnes, 9)
      expect(totals.basis.measured).toBeCloseTo(expected.measured, 9)
    }
    // kg a month, m3 with a density and batches are tonnes per year: 24 + 4.5 + 4 + 15
    expect(areaOf(body, ids.west).totals.tonnesPerYear).toBeCloseTo(47.5, 9)
  })

  it('breaks an area down by EWC chapter, NACE section, route and year', async () => {
    const west = areaOf(await get(open, `regionId=${ids.west}`), ids.west)
    expect(west.byEwcChapter.map((c) => [c.key, c.tonnesPerYear, c.enterpriseCount])).toEqual([
      ['02', 24, 1],
      ['10', 15, 1],
      ['13', 4.5, 1],
      ['15', 4, 1],
    ])
    expect(west.byEwcChapter[0]?.label).toMatch(/food/i)
    expect(west.byRoute.map((c) => [c.key, c.tonnesPerYear])).toEqual([
      ['recovery', 19.5],
      ['disposal', 24],
      ['unknown', 4],
    ])
    expect(west.byYear.map((c) => [c.key, c.tonnesPerYear])).toEqual([
      ['2023', 5],
      ['2024', 42.5],
    ])
    expect(west.yearOnYear).toEqual({ fromYear: 2023, toYear: 2024, changePercent: ((42.5 - 5) / 5) * 100 })
    expect(west.topStreams[0]).toMatchObject({ key: '020304', tonnesPerYear: 24 })
    expect(west.byNaceSection).toEqual([
      expect.objectContaining({ key: 'C', tonnesPerYear: 47.5, enterpriseCount: 4 }),
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
  })

  it('suppresses small cells for the public, and the analysts see them', async () => {
    const pub = areaOf(await get(publicApp, `regionId=${ids.parent}`), ids.parent)
    expect(pub.totals).toMatchObject({ enterpriseCount: 7, suppressed: null })
    // 2023 comes from W1 alone (primary); 2024 would then be total − 2023, so it goes too
    expect(pub.byYear.map((c) => [c.key, c.suppressed, c.tonnesPerYear])).toEqual([
      ['2023', 'primary', null],
      ['2024', 'secondary', null],
    ])
    expect(pub.yearOnYear?.changePercent).toBeNull()
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
      ['2023', 5, null],
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

  it.each([
    ['', 'query.regionId'],
    ['regionId=abc', 'query.regionId'],
    ['level=planet', 'query.level'],
    ['regionId=1&yearFrom=2024&yearTo=2023', 'query.yearTo'],
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
    // outside every region, in the gap between test areas: ~39 km and ~100 km from the west region
    const near = await newEnterprise(db, { lon: west + 1.2, lat: south + 0.5 }, { nace_code: '38.32' })
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

  it('sets each chapter generated against the capacity permitted within the distance', async () => {
    const rows = await gap('distanceKm=50')
    expect(rows.get('10')).toMatchObject({
      generated: expect.objectContaining({ tonnesPerYear: 15 }),
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

  it('bins every enterprise of the area into one hexagon, tonnes summed', async () => {
    const response = await open.inject({
      method: 'GET',
      url: `/api/aggregates/hexbins?bbox=${bboxOf()}&cellKm=200&q=${encodeURIComponent(prefix)}`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const { features } = response.json<HexbinCollection>()
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
      'region_id,region,level,key,label,enterprises,tonnes_per_year,hazardous_tonnes_per_year,measured_tonnes,estimated_tonnes,calculated_tonnes,suppressed',
    )
    expect(lines.slice(1).map((line) => line.split(',').slice(3, 7))).toEqual([
      ['recovery', '', '', ''],
      ['disposal', '', '', ''],
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
