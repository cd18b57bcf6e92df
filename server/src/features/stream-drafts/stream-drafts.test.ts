import { describe, expect, it } from 'vitest'
import { newUser, TEST_PASSWORD, withSession } from '../../../test/accounts.js'
import { expectFieldError, jsonCaller, surveySquare } from '../../../test/child-resources.js'
import { testDatabase } from '../../../test/database.js'
import { newEnterprise, newWasteStream, testArea } from '../../../test/factories.js'
import { auditEntries } from '../../../test/factories-streams.js'
import { appPerFile } from '../../../test/test-app.js'
import { decodeTile, tileAt } from '../../../test/tiles.js'
import type { AggregateResponse } from '../../contract/aggregates.js'
import type { Enterprise } from '../../contract/enterprises.js'
import type { ApiError } from '../../contract/errors.js'
import type { CarryForwardResult, StreamDraftList } from '../../contract/stream-drafts.js'
import type { WasteStream } from '../../contract/waste-streams.js'

// Carry-forward drafts (issue 12): a year's streams copied into the next as drafts, counted
// nowhere until each is confirmed.
const app = appPerFile()
const call = jsonCaller(app)

let surveys = 0

/**
 * An enterprise in a region of its own square with three streams of 2023 and one of 2024 that is
 * the first 2023 stream again (its description spelt differently): carrying 2023 into 2024 drafts
 * the other two. The fixture's tonnes per year: 120 + 6 + 3 in 2023, 110 in 2024.
 */
async function survey() {
  surveys += 1
  const name = `Draft works ${process.pid}-${Date.now()}-${surveys}`
  const { db, region, west, bbox, area } = await surveySquare({ name }, { name: `${name} east` })
  const ash = await newWasteStream(db, west.id, {
    ewc_code: '100101',
    description: 'Bottom ash from the boiler',
    quantity: 120,
    route_code: 'R5',
    survey_year: 2023,
  })
  const fly = await newWasteStream(db, west.id, {
    ewc_code: '100102',
    description: 'Fly ash',
    quantity: 500,
    unit: 'kg',
    period: 'month',
    route_code: 'D1',
    survey_year: 2023,
  })
  const sludge = await newWasteStream(db, west.id, {
    ewc_code: '190814',
    description: 'Filter cake',
    stream_ref: 'P-7',
    quantity: 3,
    survey_year: 2023,
  })
  const ash2024 = await newWasteStream(db, west.id, {
    ewc_code: '100101',
    description: '  bottom ASH from   the boiler ',
    quantity: 110,
    survey_year: 2024,
  })
  const url = `/api/enterprises/${west.id}/stream-drafts`
  return { db, region, area, bbox, name, enterpriseId: west.id, url, streams: { ash, fly, sludge, ash2024 } }
}
type Survey = Awaited<ReturnType<typeof survey>>

const carry = (s: Survey, body: Record<string, unknown> = { fromYear: 2023 }) =>
  call<CarryForwardResult>('POST', s.url, body)

async function aggregateTotals(s: Survey, year: number) {
  const response = await call<AggregateResponse>(
    'GET',
    `/api/aggregates?regionId=${s.region.id}&yearFrom=${year}&yearTo=${year}`,
  )
  expect(response.status).toBe(200)
  const totals = response.body.areas[0]?.totals
  return { tonnes: totals?.tonnesPerYear, enterprises: totals?.enterpriseCount }
}

/** What every output of the survey says of the fixture: totals, enterprise, list, tile, export. */
async function everyOutput(s: Survey) {
  const enterprise = await call<Enterprise>('GET', `/api/enterprises/${s.enterpriseId}`)
  const list = await call('GET', `/api/enterprises?bbox=${s.bbox}&surveyYear=2024`)
  const streams = await call('GET', `/api/waste-streams?bbox=${s.bbox}`)
  const where = tileAt(s.area.lon + 0.25, s.area.lat + 0.5, 14)
  const tile = await app().inject({
    method: 'GET',
    url: `/api/tiles/enterprises/${where.z}/${where.x}/${where.y}.mvt?surveyYear=2024`,
  })
  const exported = await app().inject({
    method: 'GET',
    url: `/api/exports/enterprises.csv?bbox=${s.bbox}&surveyYear=2024`,
  })
  return {
    totals2023: await aggregateTotals(s, 2023),
    totals2024: await aggregateTotals(s, 2024),
    enterprise: enterprise.body,
    list: list.body,
    streams: streams.body,
    tile: tile.statusCode === 200 ? decodeTile(tile.rawPayload) : tile.statusCode,
    tileEtag: tile.headers.etag,
    exported: exported.body,
  }
}

describe('POST /api/enterprises/:enterpriseId/stream-drafts', () => {
  it('drafts each stream of the year that the next year does not have yet', async () => {
    const s = await survey()
    const response = await carry(s, { fromYear: 2023, toYear: 2024 })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ fromYear: 2023, toYear: 2024, alreadyInYear: 1, alreadyDrafted: 0 })
    expect(response.body.items.map((d) => d.carriedFromStreamId)).toEqual([
      s.streams.fly.id,
      s.streams.sludge.id,
    ])
    expect(response.body.items[0]).toMatchObject({
      enterpriseId: s.enterpriseId,
      ewcCode: '100102',
      description: 'Fly ash',
      quantity: 500,
      unit: 'kg',
      period: 'month',
      quantityTonnesPerYear: 6,
      routeCode: 'D1',
      surveyYear: 2024,
    })
  })

  it('adds nothing when the same year is carried forward twice', async () => {
    const s = await survey()
    expect((await carry(s)).body.items).toHaveLength(2)
    const again = await carry(s)
    expect(again.status).toBe(201)
    expect(again.body).toMatchObject({ items: [], alreadyInYear: 1, alreadyDrafted: 2 })
    const listed = await call<StreamDraftList>('GET', s.url)
    expect(listed.body.items).toHaveLength(2)
  })

  it("carries the enterprise's latest year into the year after when no year is given", async () => {
    const s = await survey()
    const response = await carry(s, {})
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ fromYear: 2024, toYear: 2025, alreadyInYear: 0 })
    expect(response.body.items.map((d) => d.carriedFromStreamId)).toEqual([s.streams.ash2024.id])
  })

  it('refuses a target year that is not after the source year, naming it', async () => {
    const s = await survey()
    expectFieldError(await carry(s, { fromYear: 2023, toYear: 2023 }), 'body.toYear', /after fromYear/)
    expectFieldError(await carry(s, { fromYear: 2024, toYear: 2020 }), 'body.toYear', /after fromYear/)
  })

  it('refuses a source year without streams, naming it and the years that have some', async () => {
    const s = await survey()
    expectFieldError(
      await carry(s, { fromYear: 2019 }),
      'body.fromYear',
      /no waste streams in 2019.*2023, 2024/,
    )
    const { db } = await testDatabase()
    const area = testArea()
    const empty = await newEnterprise(db, { lon: area.lon + 0.5, lat: area.lat + 0.5 })
    expectFieldError(
      await call('POST', `/api/enterprises/${empty.id}/stream-drafts`, {}),
      'body.fromYear',
      /no waste streams to carry forward/,
    )
    expectFieldError(await carry(s, { fromYear: 1980 }), 'body.fromYear')
  })

  it('answers 404 for an enterprise that does not exist', async () => {
    const response = await call<ApiError>('POST', '/api/enterprises/2147483000/stream-drafts', {})
    expect(response.status).toBe(404)
    expect((await call('GET', '/api/enterprises/2147483000/stream-drafts')).status).toBe(404)
  })
})

describe('drafts are not counted', () => {
  it('leaves totals, the enterprise, the lists, the tiles and the exports as they were', async () => {
    const s = await survey()
    const before = await everyOutput(s)
    // the fixture's own figures: 2023 is 120 + 6 + 3 t, 2024 only the 110 t already recorded
    expect(before.totals2023).toEqual({ tonnes: 129, enterprises: 1 })
    expect(before.totals2024).toEqual({ tonnes: 110, enterprises: 1 })
    expect(before.enterprise.wasteStreams).toHaveLength(4)
    // the outputs compared do show the enterprise: a draft would have somewhere to appear
    expect(before.exported).toContain(s.name)
    expect(JSON.stringify(before.list)).toContain(s.name)
    const tile = before.tile as Record<string, { properties: Record<string, unknown> }[]>
    const site = tile.enterprises?.find((f) => f.properties.name === s.name)
    expect(site?.properties.totalTonnesPerYear).toBe(110)
    expect((await carry(s)).body.items).toHaveLength(2)
    expect(await everyOutput(s)).toEqual(before)
  })

  it('makes exactly the confirmed draft count, audited like a new stream', async () => {
    const { db } = await testDatabase()
    const s = await survey()
    const [fly, sludge] = (await carry(s)).body.items
    if (!fly || !sludge) throw new Error('two drafts expected')

    const confirmed = await call<WasteStream>('POST', `${s.url}/${fly.id}/confirm`)
    expect(confirmed.status).toBe(201)
    expect(confirmed.body).toMatchObject({
      enterpriseId: s.enterpriseId,
      ewcCode: '100102',
      surveyYear: 2024,
      quantityTonnesPerYear: 6,
      version: 1,
    })
    expect(await aggregateTotals(s, 2024)).toEqual({ tonnes: 110 + 6, enterprises: 1 })
    expect(await aggregateTotals(s, 2023)).toEqual({ tonnes: 129, enterprises: 1 })
    const enterprise = await call<Enterprise>('GET', `/api/enterprises/${s.enterpriseId}`)
    expect(enterprise.body.wasteStreams.filter((w) => w.surveyYear === 2024).map((w) => w.id)).toEqual([
      s.streams.ash2024.id,
      confirmed.body.id,
    ])
    const audit = await auditEntries(db, 'waste_stream', confirmed.body.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'create', before: null, after: { id: confirmed.body.id } })
    expect(audit[0]?.user_id).not.toBeNull()
    const left = await call<StreamDraftList>('GET', s.url)
    expect(left.body.items.map((d) => d.id)).toEqual([sludge.id])

    // the import's own key goes with the stream, so next year's file still finds it
    const kept = await call<WasteStream>('POST', `${s.url}/${sludge.id}/confirm`, {})
    const stored = await db
      .selectFrom('waste_streams')
      .select('stream_ref')
      .where('id', '=', kept.body.id)
      .executeTakeFirstOrThrow()
    expect(stored.stream_ref).toBe('P-7')
  })

  it('confirms with changed figures, checked as a new stream is', async () => {
    const s = await survey()
    const [fly] = (await carry(s)).body.items
    if (!fly) throw new Error('a draft expected')
    expectFieldError(
      await call('POST', `${s.url}/${fly.id}/confirm`, { quantity: -1 }),
      'body.quantity',
      /negative/,
    )
    expectFieldError(
      await call('POST', `${s.url}/${fly.id}/confirm`, { unit: 'm3' }),
      'body.densityTPerM3',
      /density/,
    )
    const confirmed = await call<WasteStream>('POST', `${s.url}/${fly.id}/confirm`, {
      quantity: 9,
      unit: 't',
      period: 'year',
      routeCode: 'R5',
    })
    expect(confirmed.status).toBe(201)
    expect(confirmed.body).toMatchObject({
      quantity: 9,
      unit: 't',
      quantityTonnesPerYear: 9,
      routeCode: 'R5',
    })
    expect(await aggregateTotals(s, 2024)).toEqual({ tonnes: 110 + 9, enterprises: 1 })
  })

  it('refuses with 409 a draft whose stream the year already has, keeping the draft', async () => {
    const { db } = await testDatabase()
    const s = await survey()
    const [fly] = (await carry(s)).body.items
    if (!fly) throw new Error('a draft expected')
    // recorded by hand meanwhile
    await newWasteStream(db, s.enterpriseId, {
      ewc_code: '100102',
      description: 'FLY ash',
      survey_year: 2024,
    })
    const response = await call<ApiError>('POST', `${s.url}/${fly.id}/confirm`)
    expect(response.status).toBe(409)
    expect(response.body.error.message).toMatch(/already has this stream in 2024/)
    expect((await call<StreamDraftList>('GET', s.url)).body.items).toHaveLength(2)
  })

  it('discards a draft, which changes no figure', async () => {
    const s = await survey()
    const [fly, sludge] = (await carry(s)).body.items
    if (!fly || !sludge) throw new Error('two drafts expected')
    const before = await everyOutput(s)
    const discarded = await call('DELETE', `${s.url}/${fly.id}`)
    expect(discarded.status).toBe(204)
    expect((await call<StreamDraftList>('GET', s.url)).body.items.map((d) => d.id)).toEqual([sludge.id])
    expect(await everyOutput(s)).toEqual(before)
    expect((await call('DELETE', `${s.url}/${fly.id}`)).status).toBe(404)
    expect((await call('POST', `${s.url}/${fly.id}/confirm`)).status).toBe(404)
  })

  it('reaches a draft only through its own enterprise', async () => {
    const s = await survey()
    const other = await survey()
    const [fly] = (await carry(s)).body.items
    if (!fly) throw new Error('a draft expected')
    expect((await call('POST', `${other.url}/${fly.id}/confirm`)).status).toBe(404)
    expect((await call('DELETE', `${other.url}/${fly.id}`)).status).toBe(404)
    expect((await call<StreamDraftList>('GET', s.url)).body.items).toHaveLength(2)
  })
})

describe('who may carry forward', () => {
  async function as(
    role: 'analyst' | 'official' | 'enterprise',
    options: { enterpriseId?: number; regionIds?: number[] },
  ) {
    const { db } = await testDatabase()
    const user = await newUser(db, role, options)
    // signed in from a bare request: signing in over the admin's cookie would end the admin's session
    const response = await app().inject({
      method: 'POST',
      url: '/api/session',
      payload: { email: user.email, password: TEST_PASSWORD },
      headers: { cookie: '' },
    })
    const cookie = response.cookies.find((c) => c.name === 'loopmap_session')
    const credentials = { cookie: `loopmap_session=${cookie?.value}`, csrfToken: response.json().csrfToken }
    return async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) => {
      const response = await app().inject(
        withSession(credentials, { method, url, ...(payload ? { payload } : {}) }),
      )
      return response.statusCode
    }
  }

  it('lets an analyst work inside their regions and refuses them outside (403)', async () => {
    const s = await survey()
    const inside = await as('analyst', { regionIds: [s.region.id] })
    expect(await inside('POST', s.url, { fromYear: 2023 })).toBe(201)
    const { items } = (await call<StreamDraftList>('GET', s.url)).body
    expect(await inside('POST', `${s.url}/${items[0]?.id}/confirm`, {})).toBe(201)
    const other = await survey()
    const outside = await as('analyst', { regionIds: [other.region.id] })
    expect(await outside('POST', s.url, { fromYear: 2023 })).toBe(403)
    expect(await outside('DELETE', `${s.url}/${items[1]?.id}`)).toBe(403)
  })

  it('lets an enterprise carry its own streams, and answers 404 for any other', async () => {
    const s = await survey()
    const other = await survey()
    const own = await as('enterprise', { enterpriseId: s.enterpriseId })
    expect(await own('POST', s.url, { fromYear: 2023 })).toBe(201)
    expect(await own('GET', s.url)).toBe(200)
    expect(await own('POST', other.url, { fromYear: 2023 })).toBe(404)
    expect(await own('GET', other.url)).toBe(404)
  })

  it('refuses an official (403) and the public (401)', async () => {
    const s = await survey()
    const official = await as('official', {})
    expect(await official('POST', s.url, { fromYear: 2023 })).toBe(403)
    expect(await official('GET', s.url)).toBe(403)
    const response = await app().inject({
      method: 'POST',
      url: s.url,
      payload: { fromYear: 2023 },
      headers: { cookie: '' },
    })
    expect(response.statusCode).toBe(401)
  })
})
