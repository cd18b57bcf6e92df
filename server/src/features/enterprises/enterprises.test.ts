import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import {
  isolatedTestArea,
  newEnterprise,
  newRegion,
  newWasteStream,
  testArea,
} from '../../../test/factories.js'
import {
  enterpriseBody,
  newPermit,
  newResourceNeed,
  uniqueNationalId,
} from '../../../test/factories-enterprises.js'
import type { Enterprise, EnterpriseCollection } from '../../contract/enterprises.js'
import type { ApiError } from '../../contract/errors.js'

const app = appPerFile()

async function send<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const response = await app().inject({
    method,
    url,
    ...(payload === undefined
      ? {}
      : typeof payload === 'string'
        ? { payload, headers: { 'content-type': 'application/json' } }
        : { payload: payload as object }),
  })
  return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T }
}

const paths = (error: ApiError) => error.error.details.map((detail) => detail.path)

async function auditCount(entityId: number) {
  const { db } = await testDatabase()
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', 'enterprise')
    .where('entity_id', '=', String(entityId))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function rowsWithNationalId(nationalId: string) {
  const { db } = await testDatabase()
  return db.selectFrom('enterprises').select(['id', 'name']).where('national_id', '=', nationalId).execute()
}

describe('GET /api/enterprises', () => {
  // One square: a region over its western half, A and B inside it, C east of it with no streams.
  let area: { lon: number; lat: number }
  let bbox: string
  let regionId: number
  let wholeAreaId: number
  const ids = { a: 0, b: 0, c: 0 }
  const names = (body: EnterpriseCollection) =>
    body.features.map((f) => Object.entries(ids).find(([, id]) => id === f.id)?.[0] ?? `other ${f.id}`)

  beforeAll(async () => {
    const { db } = await testDatabase()
    area = testArea()
    const { lon, lat } = area
    bbox = `${lon},${lat},${lon + 1},${lat + 1}`
    regionId = (
      await newRegion(db, { west: lon, south: lat, east: lon + 0.5, north: lat + 1 }, 'Filter West')
    ).id
    // a pilot region over the whole square: its filter includes its sub-region's enterprises
    wholeAreaId = (
      await newRegion(db, { west: lon, south: lat, east: lon + 1, north: lat + 1 }, 'Filter Whole', 'pilot')
    ).id
    ids.a = (
      await newEnterprise(
        db,
        { lon: lon + 0.1, lat: lat + 0.1 },
        { name: 'Alpha Cement', nace_code: '23.51', size_class: 'small' },
      )
    ).id
    ids.b = (
      await newEnterprise(db, { lon: lon + 0.2, lat: lat + 0.2 }, { name: 'Beta Meats', nace_code: '10.11' })
    ).id
    ids.c = (
      await newEnterprise(
        db,
        { lon: lon + 0.75, lat: lat + 0.75 },
        { name: 'Gamma Recycling', nace_code: '38.21' },
      )
    ).id
    await newWasteStream(db, ids.a, {
      ewc_code: '100101',
      quantity: 10,
      survey_year: 2023,
      route_code: 'R5',
      offered_as_byproduct: true,
    })
    await newWasteStream(db, ids.b, { ewc_code: '130205', quantity: 50, survey_year: 2024, route_code: 'D1' })
  })

  const list = (query: string) => send<EnterpriseCollection>('GET', `/api/enterprises?bbox=${bbox}&${query}`)

  it('answers every enterprise of the box with its totals, and the count', async () => {
    const { status, body } = await list('')
    expect(status).toBe(200)
    expect(names(body)).toEqual(['a', 'b', 'c'])
    expect(body.total).toBe(3)
    const b = body.features.find((f) => f.id === ids.b)
    expect(b?.properties).toMatchObject({
      naceSection: 'C',
      regionId,
      regionName: 'Filter West',
      wasteStreamCount: 1,
      totalTonnesPerYear: 50,
      hazardousTonnesPerYear: 50,
    })
  })

  it('gives each enterprise the totals of one survey year: its latest, or the one filtered', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = isolatedTestArea()
    const { id } = await newEnterprise(db, { lon: lon + 0.1, lat: lat + 0.1 })
    await newWasteStream(db, id, { ewc_code: '100101', quantity: 7, survey_year: 2023 })
    await newWasteStream(db, id, { ewc_code: '100101', quantity: 50, survey_year: 2024 })
    await newWasteStream(db, id, { ewc_code: '020304', quantity: 3, survey_year: 2024 })
    const around = `bbox=${lon},${lat},${lon + 0.2},${lat + 0.2}`
    const latest = await send<EnterpriseCollection>('GET', `/api/enterprises?${around}`)
    expect(latest.body.features[0]?.properties).toMatchObject({
      surveyYear: 2024,
      wasteStreamCount: 2,
      totalTonnesPerYear: 50 + 3,
    })
    const chosen = await send<EnterpriseCollection>('GET', `/api/enterprises?${around}&surveyYear=2023`)
    expect(chosen.body.features[0]?.properties).toMatchObject({
      surveyYear: 2023,
      wasteStreamCount: 1,
      totalTonnesPerYear: 7,
    })
  })

  it.each([
    ['regionId', () => `regionId=${regionId}`, ['a', 'b']],
    ['a region with sub-regions', () => `regionId=${wholeAreaId}`, ['a', 'b', 'c']],
    ['size class', () => 'sizeClass=small', ['a']],
    ['route family', () => 'route=R', ['a']],
    ['route code', () => 'route=D1', ['b']],
    ['no route recorded', () => 'route=unknown', []],
    ['offered as by-product', () => 'byproduct=true', ['a']],
    ['NACE division', () => 'nace=23', ['a']],
    ['NACE class written without the dot', () => 'nace=1011', ['b']],
    ['NACE section C', () => 'nace=C', ['a', 'b']],
    ['NACE section E', () => 'nace=E', ['c']],
    ['EWC chapter', () => 'ewc=10', ['a']],
    ['EWC entry with spaces', () => 'ewc=13%2002%2005', ['b']],
    ['hazardous=true', () => 'hazardous=true', ['b']],
    ['hazardous=false', () => 'hazardous=false', ['a']],
    ['survey year', () => 'surveyYear=2023', ['a']],
    ['free text, any case', () => 'q=gAmMa', ['c']],
    ['free text with a LIKE wildcard matches it literally', () => 'q=%25', []],
  ])('filters by %s', async (_label, query, expected) => {
    const { status, body } = await list(query())
    expect(status).toBe(200)
    expect(names(body)).toEqual(expected)
    expect(body.total).toBe(expected.length)
  })

  it('filters by a smaller bounding box', async () => {
    const { lon, lat } = area
    const { body } = await send<EnterpriseCollection>(
      'GET',
      `/api/enterprises?bbox=${lon + 0.5},${lat + 0.5},${lon + 1},${lat + 1}`,
    )
    expect(names(body)).toEqual(['c'])
  })

  it('combines filters with AND', async () => {
    const { body } = await list(`regionId=${regionId}&nace=C&hazardous=false`)
    expect(names(body)).toEqual(['a'])
  })

  it.each([
    ['name', ['a', 'b', 'c']],
    ['-name', ['c', 'b', 'a']],
    ['-id', ['c', 'b', 'a']],
    ['totalTonnesPerYear', ['c', 'a', 'b']],
    ['-totalTonnesPerYear', ['b', 'a', 'c']],
  ])('sorts by %s', async (sort, expected) => {
    const { body } = await list(`sort=${sort}`)
    expect(names(body)).toEqual(expected)
  })

  it('pages, and counts the total before paging', async () => {
    const { body } = await list('sort=name&limit=1&offset=1')
    expect(names(body)).toEqual(['b'])
    expect(body.total).toBe(3)
    const past = await list('sort=name&limit=5&offset=3')
    expect(past.body.features).toEqual([])
    expect(past.body.total).toBe(3)
  })

  it.each([
    ['bbox=1,2,3', 'query.bbox'],
    ['bbox=10,0,5,1', 'query.bbox'],
    ['nace=XYZ', 'query.nace'],
    ['ewc=10-01', 'query.ewc'],
    ['hazardous=maybe', 'query.hazardous'],
    ['surveyYear=1800', 'query.surveyYear'],
    ['route=R14', 'query.route'],
    ['sizeClass=huge', 'query.sizeClass'],
    ['byproduct=yes', 'query.byproduct'],
    ['sort=size', 'query.sort'],
    ['limit=0', 'query.limit'],
    ['offset=-1', 'query.offset'],
  ])('refuses %s naming %s', async (query, path) => {
    const { status, body } = await send<ApiError>('GET', `/api/enterprises?${query}`)
    expect(status).toBe(400)
    expect(paths(body)).toContain(path)
  })
})

describe('GET /api/enterprises/:id', () => {
  it('answers the enterprise with its waste streams, resource needs and permits', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await newRegion(
      db,
      { west: lon, south: lat, east: lon + 1, north: lat + 1 },
      'Detail Region',
    )
    const { id } = await newEnterprise(db, { lon: lon + 0.5, lat: lat + 0.5 }, { name: 'Detail Works' })
    const stream = await newWasteStream(db, id, { ewc_code: '100101', quantity: 2, period: 'month' })
    const need = await newResourceNeed(db, id)
    const permit = await newPermit(db, id)

    const { status, body } = await send<Enterprise>('GET', `/api/enterprises/${id}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      id,
      name: 'Detail Works',
      naceCode: '23.51',
      naceTitle: 'Manufacture of cement',
      location: { type: 'Point', coordinates: [lon + 0.5, lat + 0.5] },
      regionId: region.id,
      regionName: 'Detail Region',
      outsideEveryRegion: false,
      version: 1,
    })
    expect(body.wasteStreams).toEqual([
      expect.objectContaining({
        id: stream.id,
        ewcCode: '100101',
        quantityTonnesPerYear: 24,
        hazardous: false,
      }),
    ])
    expect(body.resourceNeeds).toEqual([
      expect.objectContaining({ id: need.id, ewcCodes: ['1001'], quantityTonnesPerYear: 500 }),
    ])
    expect(body.permits).toEqual([
      expect.objectContaining({
        id: permit.id,
        operation: 'R5',
        validFrom: '2024-01-01',
        validTo: '2028-12-31',
      }),
    ])
  })

  it('answers 404 with a clear message for a missing enterprise, 400 for a malformed id', async () => {
    const missing = await send<ApiError>('GET', '/api/enterprises/2147483000')
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Enterprise 2147483000 not found',
    })
    const malformed = await send<ApiError>('GET', '/api/enterprises/abc')
    expect(malformed.status).toBe(400)
    expect(paths(malformed.body)).toEqual(['params.id'])
  })
})

describe('POST /api/enterprises', () => {
  it('creates the enterprise; the database derives its region', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await newRegion(db, { west: lon, south: lat, east: lon + 1, north: lat + 1 }, 'Created In')
    const input = enterpriseBody({ lon: lon + 0.3, lat: lat + 0.6 }, { naceCode: '2351' })

    const { status, body } = await send<Enterprise>('POST', '/api/enterprises', input)
    expect(status).toBe(201)
    expect(body).toMatchObject({
      name: input.name,
      nationalId: input.nationalId,
      naceCode: '23.51',
      regionId: region.id,
      regionName: 'Created In',
      outsideEveryRegion: false,
      version: 1,
      wasteStreams: [],
    })
    expect((await send<Enterprise>('GET', `/api/enterprises/${body.id}`)).body).toEqual(body)
  })

  it('accepts a point outside every region and flags it', async () => {
    const { lon, lat } = testArea()
    const { status, body } = await send<Enterprise>('POST', '/api/enterprises', enterpriseBody({ lon, lat }))
    expect(status).toBe(201)
    expect(body).toMatchObject({ regionId: null, regionName: null, outsideEveryRegion: true })
  })

  it('refuses an unknown NACE class naming body.naceCode, and writes nothing', async () => {
    const input = enterpriseBody(testArea(), { naceCode: '99.99' })
    const { status, body } = await send<ApiError>('POST', '/api/enterprises', input)
    expect(status).toBe(400)
    expect(paths(body)).toEqual(['body.naceCode'])
    expect(body.error.message).toContain('99.99')
    expect(await rowsWithNationalId(input.nationalId as string)).toEqual([])
  })

  it('refuses a duplicate national id with 409 naming body.nationalId; the first stays', async () => {
    const first = enterpriseBody(testArea(), { name: 'First Holder' })
    const created = await send<Enterprise>('POST', '/api/enterprises', first)
    expect(created.status).toBe(201)
    const { status, body } = await send<ApiError>('POST', '/api/enterprises', { ...first, name: 'Second' })
    expect(status).toBe(409)
    expect(body.error.code).toBe('CONFLICT')
    expect(paths(body)).toEqual(['body.nationalId'])
    expect(body.error.message).toContain(`enterprise ${created.body.id}`)
    expect(await rowsWithNationalId(first.nationalId as string)).toEqual([
      { id: created.body.id, name: 'First Holder' },
    ])
  })

  it.each([
    ['latitude above 90', { type: 'Point', coordinates: [10, 95] }, 'body.location.coordinates.1'],
    ['latitude below -90', { type: 'Point', coordinates: [10, -91] }, 'body.location.coordinates.1'],
    ['longitude above 180', { type: 'Point', coordinates: [200, 10] }, 'body.location.coordinates.0'],
    // lat/lon swapped: a point at 120°E 45°S sent as [lat, lon] puts 120 into the latitude
    [
      'latitude and longitude swapped',
      { type: 'Point', coordinates: [-45, 120] },
      'body.location.coordinates.1',
    ],
    [
      'numbers sent as strings',
      { type: 'Point', coordinates: ['49.8', '40.4'] },
      'body.location.coordinates.0',
    ],
    ['a single coordinate', { type: 'Point', coordinates: [49.8] }, 'body.location.coordinates.1'],
    ['an empty point', { type: 'Point', coordinates: [] }, 'body.location.coordinates.0'],
    ['a null geometry', null, 'body.location'],
    [
      'a polygon',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      'body.location.type',
    ],
  ])('refuses %s naming the field, and writes nothing', async (_label, location, path) => {
    const input = { ...enterpriseBody(testArea()), location }
    const { status, body } = await send<ApiError>('POST', '/api/enterprises', input)
    expect(status).toBe(400)
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(paths(body)).toContain(path)
    expect(await rowsWithNationalId(input.nationalId as string)).toEqual([])
  })

  it.each([
    ['employees as a string', { employees: '12' }, 'body.employees'],
    ['negative employees', { employees: -1 }, 'body.employees'],
    ['fractional employees', { employees: 2.5 }, 'body.employees'],
    ['an empty name', { name: '   ' }, 'body.name'],
    ['a NACE group instead of a class', { naceCode: '23.5' }, 'body.naceCode'],
    ['a malformed NACE code', { naceCode: 'cement' }, 'body.naceCode'],
    ['an unknown size class', { sizeClass: 'huge' }, 'body.sizeClass'],
    ['a malformed e-mail', { contactEmail: 'nobody' }, 'body.contactEmail'],
  ])('refuses %s naming %s', async (_label, overrides, path) => {
    const { status, body } = await send<ApiError>('POST', '/api/enterprises', {
      ...enterpriseBody(testArea()),
      ...overrides,
    })
    expect(status).toBe(400)
    expect(paths(body)).toContain(path)
  })

  it.each([
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['a number too large for a double (parses as Infinity)', '1e999'],
  ])('refuses %s as a coordinate and writes nothing', async (_label, raw) => {
    const nationalId = uniqueNationalId()
    const payload = `{"name":"Raw","nationalId":"${nationalId}","naceCode":"23.51","location":{"type":"Point","coordinates":[${raw},10]}}`
    const { status, body } = await send<ApiError>('POST', '/api/enterprises', payload)
    expect(status).toBe(400)
    expect(body.error.code).toMatch(/^(BAD_REQUEST|VALIDATION_FAILED)$/)
    expect(await rowsWithNationalId(nationalId)).toEqual([])
  })

  it.each([
    ['__proto__ at the top level', (inner: string) => `{"__proto__":{"polluted":true},${inner}}`],
    [
      '__proto__ inside the location',
      (inner: string) =>
        `{${inner.replace('"type":"Point"', '"__proto__":{"polluted":true},"type":"Point"')}}`,
    ],
    ['constructor.prototype', (inner: string) => `{"constructor":{"prototype":{"polluted":true}},${inner}}`],
  ])('refuses %s without polluting any prototype', async (_label, wrap) => {
    const nationalId = uniqueNationalId()
    const inner = `"name":"Proto","nationalId":"${nationalId}","naceCode":"23.51","location":{"type":"Point","coordinates":[10,10]}`
    const { status, body } = await send<ApiError>('POST', '/api/enterprises', wrap(inner))
    // Fastify's JSON parser (secure-json-parse) refuses these keys before any code sees the body
    expect(status).toBe(400)
    expect(body.error.code).toBe('BAD_REQUEST')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    expect(await rowsWithNationalId(nationalId)).toEqual([])
  })

  it('ignores properties it does not know (they are not stored)', async () => {
    const input = { ...enterpriseBody(testArea()), regionId: 12345, version: 99, isDemo: true }
    const { status, body } = await send<Enterprise>('POST', '/api/enterprises', input)
    expect(status).toBe(201)
    expect(body).toMatchObject({ regionId: null, version: 1, isDemo: false })
  })
})

describe('PUT /api/enterprises/:id', () => {
  async function created(overrides: Parameters<typeof enterpriseBody>[1] = {}) {
    const response = await send<Enterprise>('POST', '/api/enterprises', enterpriseBody(testArea(), overrides))
    expect(response.status).toBe(201)
    return response.body
  }

  it('replaces the fields, bumps the version and re-derives the region from a new location', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const region = await newRegion(db, { west: lon, south: lat, east: lon + 1, north: lat + 1 }, 'Moved Into')
    const before = await created({ address: 'Old address' })
    expect(before.outsideEveryRegion).toBe(true)

    const change = enterpriseBody(
      { lon: lon + 0.5, lat: lat + 0.5 },
      { name: 'Renamed Works', nationalId: before.nationalId },
    )
    delete change.address
    const { status, body } = await send<Enterprise>('PUT', `/api/enterprises/${before.id}`, {
      ...change,
      version: 1,
    })
    expect(status).toBe(200)
    expect(body).toMatchObject({
      id: before.id,
      name: 'Renamed Works',
      address: null,
      version: 2,
      regionId: region.id,
      outsideEveryRegion: false,
      createdAt: before.createdAt,
    })
    expect((await send<Enterprise>('GET', `/api/enterprises/${before.id}`)).body).toEqual(body)
  })

  it('refuses a stale version with 409 naming the current version; nothing is lost', async () => {
    const original = await created({ name: 'Versioned' })
    const first = await send<Enterprise>('PUT', `/api/enterprises/${original.id}`, {
      ...enterpriseBody(testArea(), { name: 'First Change', nationalId: original.nationalId }),
      location: original.location,
      version: 1,
    })
    expect(first.status).toBe(200)

    const stale = await send<ApiError>('PUT', `/api/enterprises/${original.id}`, {
      ...enterpriseBody(testArea(), { name: 'Stale Change' }),
      version: 1,
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('CONFLICT')
    expect(stale.body.error.message).toContain('current version is 2')
    expect(paths(stale.body)).toEqual(['body.version'])
    const now = await send<Enterprise>('GET', `/api/enterprises/${original.id}`)
    expect(now.body).toEqual(first.body)
    expect(await auditCount(original.id)).toBe(2) // the create and the one update
  })

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const original = await created({ name: 'Contested' })
    const change = (name: string) =>
      send<Enterprise | ApiError>('PUT', `/api/enterprises/${original.id}`, {
        ...enterpriseBody(testArea(), { name, nationalId: original.nationalId }),
        location: original.location,
        version: 1,
      })
    const results = await Promise.all([change('Left Wins'), change('Right Wins')])
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = results.find((r) => r.status === 200)?.body as Enterprise
    const loser = results.find((r) => r.status === 409)?.body as ApiError
    expect(loser.error.message).toContain('current version is 2')

    const now = (await send<Enterprise>('GET', `/api/enterprises/${original.id}`)).body
    expect(now).toEqual(winner)
    expect(now.version).toBe(2)
    expect(await auditCount(original.id)).toBe(2)
  })

  it('answers 404 for a missing enterprise', async () => {
    const { status, body } = await send<ApiError>('PUT', '/api/enterprises/2147483000', {
      ...enterpriseBody(testArea()),
      version: 1,
    })
    expect(status).toBe(404)
    expect(body.error.message).toBe('Enterprise 2147483000 not found')
  })

  it('requires the version', async () => {
    const original = await created()
    const { status, body } = await send<ApiError>(
      'PUT',
      `/api/enterprises/${original.id}`,
      enterpriseBody(testArea()),
    )
    expect(status).toBe(400)
    expect(paths(body)).toEqual(['body.version'])
  })

  it('refuses an unknown NACE class or a national id already in use, leaving the enterprise as it was', async () => {
    const other = await created()
    const original = await created()
    const base = {
      ...enterpriseBody(testArea(), { nationalId: original.nationalId }),
      location: original.location,
      version: 1,
    }

    const nace = await send<ApiError>('PUT', `/api/enterprises/${original.id}`, {
      ...base,
      naceCode: '99.99',
    })
    expect(nace.status).toBe(400)
    expect(paths(nace.body)).toEqual(['body.naceCode'])

    const duplicate = await send<ApiError>('PUT', `/api/enterprises/${original.id}`, {
      ...base,
      nationalId: other.nationalId,
    })
    expect(duplicate.status).toBe(409)
    expect(paths(duplicate.body)).toEqual(['body.nationalId'])
    expect(duplicate.body.error.message).toContain(`enterprise ${other.id}`)

    expect((await send<Enterprise>('GET', `/api/enterprises/${original.id}`)).body).toEqual(original)
    expect(await auditCount(original.id)).toBe(1)
  })
})

describe('DELETE /api/enterprises/:id', () => {
  it('deletes the enterprise with its streams, needs and permits', async () => {
    const { db } = await testDatabase()
    const { id } = await newEnterprise(db, testArea())
    await newWasteStream(db, id)
    await newResourceNeed(db, id)
    await newPermit(db, id)

    const response = await app().inject({ method: 'DELETE', url: `/api/enterprises/${id}` })
    expect(response.statusCode).toBe(204)
    expect(response.body).toBe('')
    expect((await send('GET', `/api/enterprises/${id}`)).status).toBe(404)
    for (const table of ['waste_streams', 'resource_needs', 'permits'] as const) {
      const left = await db.selectFrom(table).select('id').where('enterprise_id', '=', id).execute()
      expect(left, table).toEqual([])
    }
  })

  it('keeps the receivers’ streams that named the deleted enterprise, without the link', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const receiver = await newEnterprise(db, area)
    const producer = await newEnterprise(db, area)
    const stream = await newWasteStream(db, producer.id, { receiver_enterprise_id: receiver.id })
    expect((await send('DELETE', `/api/enterprises/${receiver.id}`)).status).toBe(204)
    const after = await db
      .selectFrom('waste_streams')
      .select('receiver_enterprise_id')
      .where('id', '=', stream.id)
      .executeTakeFirst()
    expect(after).toEqual({ receiver_enterprise_id: null })
  })

  it('refuses with 409 while a user account belongs to the enterprise, and keeps everything', async () => {
    const { db } = await testDatabase()
    const { id } = await newEnterprise(db, testArea())
    await newWasteStream(db, id)
    await db
      .insertInto('users')
      .values({ email: `owner-${id}@example.org`, password_hash: 'x', role: 'enterprise', enterprise_id: id })
      .execute()
    const { status, body } = await send<ApiError>('DELETE', `/api/enterprises/${id}`)
    expect(status).toBe(409)
    expect(body.error.message).toContain('user accounts')
    const kept = await send<Enterprise>('GET', `/api/enterprises/${id}`)
    expect(kept.status).toBe(200)
    expect(kept.body.wasteStreams).toHaveLength(1)
    expect(await auditCount(id)).toBe(0)
  })

  it('answers 404 for a missing enterprise, also when deleted twice', async () => {
    const { db } = await testDatabase()
    const { id } = await newEnterprise(db, testArea())
    expect((await send('DELETE', `/api/enterprises/${id}`)).status).toBe(204)
    const again = await send<ApiError>('DELETE', `/api/enterprises/${id}`)
    expect(again.status).toBe(404)
    expect(again.body.error.message).toBe(`Enterprise ${id} not found`)
    expect(await auditCount(id)).toBe(1)
  })
})

// Regression: an id beyond PostgreSQL's integer range reached the database and answered 500.
describe('ids out of the integer range', () => {
  it.each(['/api/enterprises/99999999999', '/api/regions/99999999999'])(
    '%s is a 400 naming params.id',
    async (url) => {
      const response = await app().inject({ method: 'GET', url })
      expect(response.statusCode).toBe(400)
      expect(response.json().error.details).toContainEqual({
        path: 'params.id',
        message: 'is not an id: too large',
      })
    },
  )
})
