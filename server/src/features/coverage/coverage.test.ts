import type { FastifyInstance } from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CoverageResponse, NotReportedResponse, SurveyYears } from '../../contract/coverage.js'
import type { EnterpriseCollection } from '../../contract/enterprises.js'
import { newUser, signIn, withSession } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { uniqueNationalId } from '../../../test/factories-enterprises.js'
import { uniqueName } from '../../../test/factories-regions.js'
import { isolatedTestArea, newEnterprise, newRegion, newWasteStream } from '../../../test/factories.js'
import { appPerFile } from '../../../test/test-app.js'

// The fixture of issue 12: enterprises that reported in 2023 only, in 2024 only, in both, in
// neither, and one outside the region. Every expected figure is computed below from these rows.
type FixtureEnterprise = { key: string; streams: { year: number; tonnes: number; ewc: string }[] }
const rows: FixtureEnterprise[] = [
  { key: 'Alpha (2023 only)', streams: [{ year: 2023, tonnes: 10, ewc: '150102' }] },
  {
    key: 'Bravo (2024 only)',
    streams: [
      { year: 2024, tonnes: 20, ewc: '100101' },
      { year: 2024, tonnes: 5, ewc: '150101' },
    ],
  },
  {
    key: 'Charlie (both)',
    streams: [
      { year: 2023, tonnes: 7, ewc: '150101' },
      { year: 2024, tonnes: 3, ewc: '100101' },
    ],
  },
  { key: 'Delta (neither)', streams: [] },
]
// (no year after 2024: other files' tiles default to the latest year of the whole database)
const outside: FixtureEnterprise = { key: 'Echo (outside)', streams: [{ year: 2023, tonnes: 99, ewc: '100101' }] }

const app = appPerFile()
let prefix: string
let regionId: number
let otherRegionId: number
const ids = new Map<string, number>()
const name = (row: FixtureEnterprise) => `${prefix} ${row.key}`

beforeAll(async () => {
  const { db } = await testDatabase()
  const area = isolatedTestArea()
  const box = { west: area.lon, south: area.lat, east: area.lon + 0.5, north: area.lat + 0.5 }
  prefix = uniqueName('Coverage')
  regionId = (await newRegion(db, box, `${prefix} region`)).id
  otherRegionId = (
    await newRegion(db, { ...box, west: area.lon + 0.6, east: area.lon + 0.9 }, `${prefix} other`)
  ).id
  const place = (i: number) => ({ lon: area.lon + 0.05 + i * 0.05, lat: area.lat + 0.25 })
  for (const [i, row] of [...rows, outside].entries()) {
    const at = row === outside ? { lon: area.lon + 0.75, lat: area.lat + 0.25 } : place(i)
    const enterprise = await newEnterprise(db, at, { name: name(row), national_id: uniqueNationalId() })
    ids.set(row.key, enterprise.id)
    for (const stream of row.streams) {
      await newWasteStream(db, enterprise.id, {
        survey_year: stream.year,
        quantity: stream.tonnes,
        ewc_code: stream.ewc,
      })
    }
  }
})

/** The figures of a year, from the fixture rows (never from the SQL under test). */
function expectedYear(year: number) {
  const reported = rows.filter((row) => row.streams.some((s) => s.year === year))
  const tonnes = rows.flatMap((row) => row.streams.filter((s) => s.year === year)).reduce((t, s) => t + s.tonnes, 0)
  return {
    year,
    enterprisesRegistered: rows.length,
    enterprisesReported: reported.length,
    enterprisesNotReported: rows.length - reported.length,
    tonnesReported: tonnes,
    share: reported.length / rows.length,
  }
}
const fixtureYears = [...new Set(rows.flatMap((row) => row.streams.map((s) => s.year)))].sort()
const latestYear = Math.max(...fixtureYears)
function expectedNotReported(year: number) {
  return rows
    .filter((row) => !row.streams.some((s) => s.year === year))
    .map((row) => ({
      name: name(row),
      lastReportedYear: row.streams.length === 0 ? null : Math.max(...row.streams.map((s) => s.year)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

describe('GET /api/coverage', () => {
  it('gives per year the enterprises registered, reported, their tonnes and share; the latest by default', async () => {
    const response = await app().inject({ method: 'GET', url: `/api/coverage?regionId=${regionId}` })
    expect(response.statusCode, response.body).toBe(200)
    const [region] = response.json<CoverageResponse>().regions
    expect(region?.region.id).toBe(regionId)
    expect(region?.surveyYear).toBe(latestYear)
    expect(region?.shown).toEqual(expectedYear(latestYear))
    expect(region?.byYear).toEqual(fixtureYears.map(expectedYear))
  })

  it('shows the year asked for, with nobody reported when it has no data', async () => {
    const response = await app().inject({
      method: 'GET',
      url: `/api/coverage?regionId=${regionId}&regionId=${otherRegionId}&year=2022`,
    })
    expect(response.statusCode, response.body).toBe(200)
    const byId = new Map(response.json<CoverageResponse>().regions.map((r) => [r.region.id, r]))
    expect(byId.get(regionId)?.shown).toEqual(expectedYear(2022))
    expect(byId.get(regionId)?.byYear.map((y) => y.year)).toEqual([2022, ...fixtureYears])
    // the other region holds only the enterprise outside the first one, which reported in 2023 only
    expect(byId.get(otherRegionId)?.shown).toMatchObject({
      enterprisesRegistered: 1,
      enterprisesReported: 0,
      share: 0,
    })
  })

  it('gives a region with no enterprise no year and no share', async () => {
    const { db } = await testDatabase()
    const area = isolatedTestArea()
    const bare = await newRegion(db, { west: area.lon, south: area.lat, east: area.lon + 0.1, north: area.lat + 0.1 })
    const response = await app().inject({ method: 'GET', url: `/api/coverage?regionId=${bare.id}` })
    expect(response.json<CoverageResponse>().regions[0]).toMatchObject({ surveyYear: null, shown: null, byYear: [] })
    const withYear = await app().inject({ method: 'GET', url: `/api/coverage?regionId=${bare.id}&year=2024` })
    expect(withYear.json<CoverageResponse>().regions[0]?.shown).toMatchObject({
      enterprisesRegistered: 0,
      share: null,
    })
  })

  it.each([
    ['/api/coverage', 'query.regionId'],
    ['/api/coverage?regionId=abc', 'query.regionId'],
    ['/api/coverage?level=planet', 'query.level'],
    ['/api/coverage?regionId=1&year=1800', 'query.year'],
    ['/api/coverage/not-reported?year=20x4', 'query.year'],
    ['/api/coverage/not-reported?limit=0', 'query.limit'],
    ['/api/survey-years?regionId=-1', 'query.regionId'],
    ['/api/enterprises?notReportedFor=1900', 'query.notReportedFor'],
  ])('refuses %s with 400 naming %s', async (url, path) => {
    const response = await app().inject({ method: 'GET', url })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path)
  })
})

describe('GET /api/coverage/not-reported', () => {
  it('lists the enterprises not reported for the latest year by name, with the year they last reported', async () => {
    const response = await app().inject({ method: 'GET', url: `/api/coverage/not-reported?regionId=${regionId}` })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json<NotReportedResponse>()
    expect(body.year).toBe(latestYear)
    expect(body.total).toBe(expectedNotReported(latestYear).length)
    expect(body.items.map(({ name, lastReportedYear }) => ({ name, lastReportedYear }))).toEqual(
      expectedNotReported(latestYear),
    )
    const first = body.items[0]
    const row = rows.find((r) => name(r) === first?.name)
    expect(first).toMatchObject({ id: ids.get(row?.key ?? ''), naceCode: '23.51' })
    expect(first?.nationalId).toMatch(/^T-/)
  })

  it('lists those of another year, a page at a time', async () => {
    const all = await app().inject({ method: 'GET', url: `/api/coverage/not-reported?regionId=${regionId}&year=2023` })
    expect(all.json<NotReportedResponse>().items.map((i) => i.name)).toEqual(
      expectedNotReported(2023).map((i) => i.name),
    )
    const second = await app().inject({
      method: 'GET',
      url: `/api/coverage/not-reported?regionId=${regionId}&year=2023&limit=1&offset=1`,
    })
    const page = second.json<NotReportedResponse>()
    expect(page.total).toBe(expectedNotReported(2023).length)
    expect(page.items.map((i) => i.name)).toEqual([expectedNotReported(2023)[1]?.name])
    const past = await app().inject({
      method: 'GET',
      url: `/api/coverage/not-reported?regionId=${regionId}&year=2023&offset=50`,
    })
    expect(past.json<NotReportedResponse>()).toMatchObject({ total: expectedNotReported(2023).length, items: [] })
  })

  it('answers 404 for an unknown region', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/coverage/not-reported?regionId=2000000000' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error.message).toContain('region 2000000000')
  })
})

describe('the notReportedFor filter', () => {
  const names = async (query: string) => {
    const response = await app().inject({ method: 'GET', url: `/api/enterprises?q=${encodeURIComponent(prefix)}&${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response
      .json<EnterpriseCollection>()
      .features.map((f) => f.properties.name)
      .sort()
  }
  const reportedIn = (year: number) => (row: FixtureEnterprise) => row.streams.some((s) => s.year === year)

  it('selects the enterprises with no stream of that survey year', async () => {
    expect(await names(`regionId=${regionId}&notReportedFor=2024`)).toEqual(
      rows.filter((row) => !reportedIn(2024)(row)).map(name).sort(),
    )
    expect(await names(`regionId=${regionId}&notReportedFor=2023`)).toEqual(
      rows.filter((row) => !reportedIn(2023)(row)).map(name).sort(),
    )
  })

  it('combines with a year reported ("reported in 2023, not in 2024") and with stream filters', async () => {
    expect(await names(`regionId=${regionId}&surveyYear=2023&notReportedFor=2024`)).toEqual(
      rows.filter((row) => reportedIn(2023)(row) && !reportedIn(2024)(row)).map(name).sort(),
    )
    // EWC 15 in any year, nothing for 2024
    expect(await names(`regionId=${regionId}&ewc=15&notReportedFor=2024`)).toEqual(
      rows
        .filter((row) => row.streams.some((s) => s.ewc.startsWith('15')) && !reportedIn(2024)(row))
        .map(name)
        .sort(),
    )
  })
})

describe('GET /api/survey-years', () => {
  it('gives the years with data in the region, ascending, and the latest', async () => {
    const response = await app().inject({ method: 'GET', url: `/api/survey-years?regionId=${regionId}` })
    expect(response.json<SurveyYears>()).toEqual({ years: fixtureYears, latest: latestYear })
    const empty = await app().inject({
      method: 'GET',
      url: `/api/survey-years?regionId=${otherRegionId}&ewc=02`,
    })
    expect(empty.json<SurveyYears>()).toEqual({ years: [], latest: null })
  })

  it('follows the other filters', async () => {
    const response = await app().inject({ method: 'GET', url: `/api/survey-years?regionId=${regionId}&ewc=15` })
    const years = [...new Set(rows.flatMap((r) => r.streams.filter((s) => s.ewc.startsWith('15')).map((s) => s.year)))]
    expect(response.json<SurveyYears>()).toEqual({ years: years.sort(), latest: Math.max(...years) })
  })
})

describe('who may see coverage', () => {
  let publicApp: FastifyInstance
  beforeAll(async () => {
    const { buildTestApp } = await import('../../../test/build-app.js')
    publicApp = await buildTestApp({ as: 'public' })
    return () => publicApp.close()
  })

  it('refuses the public (401) and enterprise users (403), naming the reason', async () => {
    for (const url of [`/api/coverage?regionId=${regionId}`, `/api/coverage/not-reported?regionId=${regionId}`]) {
      const anonymous = await publicApp.inject({ method: 'GET', url })
      expect(anonymous.statusCode).toBe(401)
      expect(anonymous.json().error.message).toBe('Sign in to do this')
    }
    const { db } = await testDatabase()
    const user = await newUser(db, 'enterprise', { enterpriseId: ids.get(rows[0]?.key ?? '') ?? 0 })
    const session = await signIn(publicApp, user.email)
    const refused = await publicApp.inject(withSession(session, { method: 'GET', url: `/api/coverage?regionId=${regionId}` }))
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.message).toContain('enterprise')
  })

  it('serves officials and analysts, and the survey years to everyone', async () => {
    const { db } = await testDatabase()
    for (const role of ['official', 'analyst'] as const) {
      const user = await newUser(db, role, { regionIds: [otherRegionId] })
      const session = await signIn(publicApp, user.email)
      const response = await publicApp.inject(
        withSession(session, { method: 'GET', url: `/api/coverage/not-reported?regionId=${regionId}` }),
      )
      expect(response.statusCode, `${role}: ${response.body}`).toBe(200)
    }
    const years = await publicApp.inject({ method: 'GET', url: `/api/survey-years?regionId=${regionId}` })
    expect(years.json<SurveyYears>().latest).toBe(latestYear)
  })
})
