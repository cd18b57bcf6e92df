import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AggregateResponse, AreaAggregate } from '../../contract/aggregates.js'
import { NOISE_BOUNDS, PUBLIC_SIGNIFICANT_FIGURES } from '../../domain/disclosure/noise.js'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import {
  boxPolygon,
  isolatedTestArea,
  newEnterprise,
  newRegion,
  newWasteStream,
} from '../../../test/factories.js'
import { uniqueName } from '../../../test/factories-regions.js'
import { noiseOf } from '../../../test/noise.js'
import { decodeTile, tileAt } from '../../../test/tiles.js'

// Issue 13, "suppressed cells recovered by differencing, as the public": the three attacks of the
// issue run as the public and as an official. The official recovers the hidden figures exactly
// (so the attacks are real and this test could fail); the public, whose figures are noisy per
// enterprise and year (docs/disclosure.md "Differencing"), gets a value at least NOISE_BOUNDS.low
// away from the true one, less only what the rounding of the figures used can move it.
const YEAR = 2024
const TARGET_T = 14_900 // the recovered enterprise
const MICRO_T = 18 // the recovered "micro" cell

let publicApp: FastifyInstance
let officialApp: FastifyInstance
const regions = { first: 0, second: 0, third: 0, parent: 0, sized: 0 }
let target = 0
let micro = 0
let area: { lon: number; lat: number }
/** Longitudes of the second region's three 38.32 enterprises, for the drawn boxes. */
const secondRegionLons: number[] = []

beforeAll(async () => {
  publicApp = await buildTestApp({ as: 'public' })
  officialApp = await buildTestApp({ as: 'official' })
  const { db } = await testDatabase()
  area = isolatedTestArea()
  const { lon, lat } = area
  const band = (west: number, name: string, level: 'admin2' | 'pilot' = 'admin2', width = 0.3) =>
    newRegion(
      db,
      { west: lon + west, south: lat, east: lon + west + width, north: lat + 0.3 },
      uniqueName(name),
      level,
    )
  regions.first = (await band(0, 'First')).id
  regions.second = (await band(0.3, 'Second')).id
  regions.third = (await band(0.6, 'Third')).id
  regions.parent = (await band(0, 'Parent', 'pilot', 0.9)).id
  regions.sized = (
    await newRegion(
      db,
      { west: lon, south: lat + 0.5, east: lon + 0.3, north: lat + 0.8 },
      uniqueName('Sized'),
      'admin2',
    )
  ).id

  const site = async (at: { lon: number; lat: number }, nace: string, size: string, tonnes: number) => {
    const { id } = await newEnterprise(db, at, { nace_code: nace, size_class: size as 'small' })
    await newWasteStream(db, id, { quantity: tonnes, survey_year: YEAR })
    return id
  }
  // attack 1 and 2: one 38.32 enterprise in the first region, three in each of the others
  target = await site({ lon: lon + 0.25, lat: lat + 0.15 }, '38.32', 'medium', TARGET_T)
  for (let i = 0; i < 3; i += 1) {
    secondRegionLons.push(lon + 0.35 + i * 0.05)
    await site({ lon: lon + 0.35 + i * 0.05, lat: lat + 0.15 }, '38.32', 'small', 1_000 + 170 * i)
    await site({ lon: lon + 0.65 + i * 0.05, lat: lat + 0.15 }, '38.32', 'small', 2_000 + 90 * i)
  }
  // attack 3: three enterprises of each of small, medium and large, and one micro
  for (const [size, base, row] of [
    // tonnes small beside the micro cell's, so the rounding of the totals cannot hide it
    ['small', 5, 0.55],
    ['medium', 8, 0.6],
    ['large', 12, 0.65],
  ] as const) {
    for (let i = 0; i < 3; i += 1)
      await site({ lon: lon + 0.05 + i * 0.05, lat: lat + row }, '23.51', size, base + i)
  }
  micro = await site({ lon: lon + 0.2, lat: lat + 0.7 }, '23.51', 'micro', MICRO_T)
})
afterAll(async () => {
  await publicApp?.close()
  await officialApp?.close()
})

async function totalsOf(
  app: FastifyInstance,
  regionId: number,
  query = '',
): Promise<AreaAggregate['totals']> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/aggregates?regionId=${regionId}&year=${YEAR}${query}`,
  })
  expect(response.statusCode, response.body).toBe(200)
  const totals = response.json<AggregateResponse>().areas[0]?.totals
  if (!totals) throw new Error('no totals')
  return totals
}

async function drawnTonnes(app: FastifyInstance, west: number, east: number): Promise<number> {
  const geometry = boxPolygon({ west, east, south: area.lat + 0.1, north: area.lat + 0.2 })
  const response = await app.inject({
    method: 'POST',
    url: '/api/aggregates/area',
    payload: { geometry, year: YEAR, filters: { nace: '38.32' } },
  })
  expect(response.statusCode, response.body).toBe(200)
  const tonnes = response.json<AggregateResponse>().areas[0]?.totals.tonnesPerYear
  if (tonnes === null || tonnes === undefined) throw new Error('the box was suppressed: widen the fixture')
  return tonnes
}

/** The most a figure of this size moves in rounding to PUBLIC_SIGNIFICANT_FIGURES. */
const roundingOf = (figure: number) =>
  figure === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(figure)) - (PUBLIC_SIGNIFICANT_FIGURES - 1))

/** The attacker's estimate, and how far rounding alone could have moved it. */
type Recovery = { estimate: number; rounding: number }
const differenceOf = (plus: number[], minus: number[]): Recovery => ({
  estimate: plus.reduce((a, b) => a + b, 0) - minus.reduce((a, b) => a + b, 0),
  rounding: [...plus, ...minus].reduce((sum, figure) => sum + roundingOf(figure), 0),
})

/** At least the smallest noise away from the truth, less what rounding could move it back. */
function expectProtected({ estimate, rounding }: Recovery, truth: number) {
  expect(Math.abs(estimate - truth)).toBeGreaterThanOrEqual(NOISE_BOUNDS.low * truth - rounding)
  expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(NOISE_BOUNDS.high * truth + rounding)
}

const attacks = {
  /** Several regions with nace=38.32 together: the parent minus the published sub-regions. */
  async regionsTogether(app: FastifyInstance): Promise<Recovery> {
    const first = await totalsOf(app, regions.first, '&nace=38.32')
    const parent = (await totalsOf(app, regions.parent, '&nace=38.32')).tonnesPerYear ?? 0
    const second = (await totalsOf(app, regions.second, '&nace=38.32')).tonnesPerYear ?? 0
    const third = (await totalsOf(app, regions.third, '&nace=38.32')).tonnesPerYear ?? 0
    if (app === publicApp) expect(first.suppressed).toBe('primary')
    return differenceOf([parent], [second, third])
  },
  /** Two drawn boxes that differ by the target's site. */
  async twoBoxes(app: FastifyInstance, widenBy = 0): Promise<Recovery> {
    const east = (secondRegionLons.at(-1) ?? 0) + 0.01 + widenBy
    const withTarget = await drawnTonnes(app, area.lon + 0.2, east)
    const without = await drawnTonnes(app, area.lon + 0.3, east)
    return differenceOf([withTarget], [without])
  },
  /** A region minus its size-class breakdowns gives the (suppressed) micro cell. */
  async sizeClasses(app: FastifyInstance): Promise<Recovery> {
    const total = (await totalsOf(app, regions.sized)).tonnesPerYear ?? 0
    const parts = []
    for (const size of ['small', 'medium', 'large'])
      parts.push((await totalsOf(app, regions.sized, `&sizeClass=${size}`)).tonnesPerYear ?? 0)
    if (app === publicApp)
      expect((await totalsOf(app, regions.sized, '&sizeClass=micro')).suppressed).toBe('primary')
    return differenceOf([total], parts)
  },
}

describe('differencing, as the issue ran it', () => {
  it('gives an official the hidden figures exactly: the attacks are real', async () => {
    expect((await attacks.regionsTogether(officialApp)).estimate).toBeCloseTo(TARGET_T, 6)
    expect((await attacks.twoBoxes(officialApp)).estimate).toBeCloseTo(TARGET_T, 6)
    expect((await attacks.sizeClasses(officialApp)).estimate).toBeCloseTo(MICRO_T, 6)
  })

  it('gives the public only the noisy value: several regions together', async () => {
    expectProtected(await attacks.regionsTogether(publicApp), TARGET_T)
  })

  it('gives the public only the noisy value: two drawn boxes differing by one site', async () => {
    expectProtected(await attacks.twoBoxes(publicApp), TARGET_T)
  })

  it('gives the public only the noisy value: a region minus its size classes', async () => {
    expectProtected(await attacks.sizeClasses(publicApp), MICRO_T)
  })

  it('gives the same noisy value however the difference is taken, so averaging gains nothing', async () => {
    const { factor } = await noiseOf((await testDatabase()).db)
    const noisyTarget = TARGET_T * factor(target)
    const recoveries = [
      await attacks.regionsTogether(publicApp),
      await attacks.twoBoxes(publicApp),
      await attacks.twoBoxes(publicApp, 0.2), // boxes reaching into the third region
      await attacks.twoBoxes(publicApp, 0.4),
    ]
    for (const { estimate, rounding } of recoveries)
      expect(Math.abs(estimate - noisyTarget)).toBeLessThanOrEqual(rounding)
    const mean = recoveries.reduce((sum, r) => sum + r.estimate, 0) / recoveries.length
    const rounding = Math.max(...recoveries.map((r) => r.rounding))
    expectProtected({ estimate: mean, rounding }, TARGET_T)
    // the micro cell's noise is its own enterprise-year's too
    expect(
      Math.abs((await attacks.sizeClasses(publicApp)).estimate - MICRO_T * factor(micro)),
    ).toBeLessThanOrEqual((await attacks.sizeClasses(publicApp)).rounding)
  })

  it('answers a repeated question with the same figures', async () => {
    const first = await totalsOf(publicApp, regions.parent, '&nace=38.32')
    const again = await totalsOf(publicApp, regions.parent, '&nace=38.32')
    expect(again).toEqual(first)
  })

  it('draws the same noisy, rounded figures on the regions tile as the totals give', async () => {
    // zoom 5: every isolated test area's regions lie inside one tile
    const tile = tileAt(area.lon + 0.45, area.lat + 0.15, 5)
    const response = await publicApp.inject({
      method: 'GET',
      url: `/api/tiles/regions/${tile.z}/${tile.x}/${tile.y}.mvt?surveyYear=${YEAR}&nace=38.32`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const features = decodeTile(response.rawPayload).regions ?? []
    const byId = new Map(features.map((f) => [Number(f.id), f.properties]))
    for (const id of [regions.second, regions.third, regions.parent]) {
      const totals = await totalsOf(publicApp, id, '&nace=38.32')
      expect(byId.get(id)?.totalTonnesPerYear, `region ${id}`).toBe(totals.tonnesPerYear)
      expect(byId.get(id)?.recoveredTonnesPerYear, `region ${id}`).toBe(totals.recoveredTonnesPerYear)
    }
    expect(byId.get(regions.first)?.totalTonnesPerYear).toBeUndefined()
    // the tile, as the totals, is not the exact sum
    const exact = (await totalsOf(officialApp, regions.parent, '&nace=38.32')).tonnesPerYear
    expect(byId.get(regions.parent)?.totalTonnesPerYear).not.toBe(exact)
  })
})
