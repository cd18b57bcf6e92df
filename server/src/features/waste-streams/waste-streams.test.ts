import { describe, expect, it } from 'vitest'
import { childResourceKit, expectFieldError, surveySquare } from '../../../test/child-resources.js'
import { testDatabase } from '../../../test/database.js'
import { newWasteStream } from '../../../test/factories.js'
import { auditEntries, streamBody } from '../../../test/factories-streams.js'
import type { ApiError } from '../../contract/errors.js'
import {
  tonnesPerYear,
  type WasteStream,
  type WasteStreamList,
  type WasteStreamPage,
} from '../../contract/waste-streams.js'

const { app, call, enterprise, count: streamCount } = childResourceKit('waste-streams', 'waste_streams')

describe('POST /api/enterprises/:enterpriseId/waste-streams', () => {
  it('records a stream, derives its hazardous flag and writes the audit log in the same change', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const response = await call<WasteStream>('POST', url, streamBody({ ewcCode: '10 01 16' }))
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      enterpriseId: id,
      ewcCode: '100116',
      ewcDescription: 'fly ash from co-incineration containing hazardous substances',
      hazardous: true,
      quantity: 120,
      quantityTonnesPerYear: 120,
      basis: 'measured',
      routeCode: 'R5',
      version: 1,
    })
    const audit = await auditEntries(db, 'waste_stream', response.body.id)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      action: 'create',
      before: null,
      after: { id: response.body.id, ewcCode: '100116' },
    })
  })

  it.each(['10 01 02', '10.01.02', '100102', ' 10 01 02 '])(
    'accepts the EWC code spelt %j',
    async (ewcCode) => {
      const { url } = await enterprise()
      const response = await call<WasteStream>('POST', url, streamBody({ ewcCode }))
      expect(response.status).toBe(201)
      expect(response.body.ewcCode).toBe('100102')
    },
  )

  it('answers 404 for an enterprise that does not exist, writing nothing', async () => {
    const response = await call<ApiError>('POST', '/api/enterprises/2147483000/waste-streams', streamBody())
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('NOT_FOUND')
  })

  it('refuses an id too large for the database as a bad parameter', async () => {
    const response = await call('POST', '/api/enterprises/99999999999/waste-streams', streamBody())
    expectFieldError(response, 'params.enterpriseId')
  })
})

describe('quantities are normalised to tonnes per year', () => {
  it.each([
    ['t per year', { quantity: 120, unit: 't', period: 'year' }, 120],
    ['kg per month', { quantity: 500, unit: 'kg', period: 'month' }, 6],
    ['m3 per year with a density', { quantity: 10, unit: 'm3', period: 'year', densityTPerM3: 1.5 }, 15],
    ['l per month with a density', { quantity: 2000, unit: 'l', period: 'month', densityTPerM3: 1.2 }, 28.8],
    ['t per batch', { quantity: 4, unit: 't', period: 'batch', batchesPerYear: 25 }, 100],
    ['kg per batch', { quantity: 250, unit: 'kg', period: 'batch', batchesPerYear: 52 }, 13],
    [
      'm3 per batch',
      { quantity: 3, unit: 'm3', period: 'batch', densityTPerM3: 0.8, batchesPerYear: 10 },
      24,
    ],
  ])('%s', async (_name, quantity, expected) => {
    const { url } = await enterprise()
    const created = await call<WasteStream>('POST', url, streamBody(quantity))
    expect(created.status).toBe(201)
    expect(created.body.quantityTonnesPerYear).toBeCloseTo(expected, 9)
    // the figure the form shows before saving is the one the database stores
    expect(tonnesPerYear(created.body)).toBeCloseTo(created.body.quantityTonnesPerYear, 9)
    const listed = await call<WasteStreamList>('GET', url)
    expect(listed.body.items[0]?.quantityTonnesPerYear).toBeCloseTo(expected, 9)
  })

  it.each([
    ['m3 without a density', { unit: 'm3' }, 'body.densityTPerM3', /density/],
    ['l without a density', { unit: 'l', densityTPerM3: null }, 'body.densityTPerM3', /not guessed/],
    ['a batch without the batch count', { period: 'batch' }, 'body.batchesPerYear', /batches per year/],
    ['a density on a mass', { unit: 'kg', densityTPerM3: 1.1 }, 'body.densityTPerM3', /only volumes/],
    ['a batch count on a yearly figure', { batchesPerYear: 4 }, 'body.batchesPerYear', /batch/],
  ])('refuses %s, writing nothing', async (_name, overrides, path, message) => {
    const { id, url } = await enterprise()
    expectFieldError(await call('POST', url, streamBody(overrides)), path, message)
    expect(await streamCount(id)).toBe(0)
  })
})

describe('the hazardous flag follows the EWC code', () => {
  it('takes the flag from the code when the client does not send one', async () => {
    const { url } = await enterprise()
    expect((await call<WasteStream>('POST', url, streamBody({ ewcCode: '100116' }))).body.hazardous).toBe(
      true,
    )
    expect((await call<WasteStream>('POST', url, streamBody({ ewcCode: '100117' }))).body.hazardous).toBe(
      false,
    )
  })

  it('accepts a flag that agrees with the code', async () => {
    const { url } = await enterprise()
    const response = await call<WasteStream>('POST', url, streamBody({ ewcCode: '100116', hazardous: true }))
    expect(response.status).toBe(201)
    expect(response.body.hazardous).toBe(true)
  })

  it.each([
    ['100116', false, /^10 01 16\* is hazardous; its non-hazardous mirror is 10 01 17/],
    ['10 01 17', true, /^10 01 17 is non-hazardous; its hazardous mirror is 10 01 16\*/],
    ['100104', false, /^10 01 04\* is hazardous in every case \(an absolute entry with no mirror\)/],
    ['100101', true, /^10 01 01 is non-hazardous in every case/],
  ])('refuses %s sent with hazardous=%s, naming the entry to choose', async (ewcCode, hazardous, message) => {
    const { id, url } = await enterprise()
    expectFieldError(await call('POST', url, streamBody({ ewcCode, hazardous })), 'body.hazardous', message)
    expect(await streamCount(id)).toBe(0)
  })

  it('re-derives the flag when an update changes the code', async () => {
    const { url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody({ ewcCode: '100117' }))).body
    const updated = await call<WasteStream>(
      'PUT',
      `${url}/${created.id}`,
      streamBody({ ewcCode: '100116', version: 1 }),
    )
    expect(updated.status).toBe(200)
    expect(updated.body.hazardous).toBe(true)
  })
})

describe('bad input is refused with the field, and nothing is written', () => {
  it.each([
    ['an unknown entry', '10 01 98', /10 01 98 is not in the European List of Waste/],
    ['a chapter', '10', /six-digit EWC entry/],
    ['a sub-chapter', '10 01', /six-digit EWC entry/],
    ['words', 'fly ash', /not an EWC code/],
    ['seven digits', '1001021', /not an EWC code/],
  ])('EWC code: %s', async (_name, ewcCode, message) => {
    const { id, url } = await enterprise()
    expectFieldError(await call('POST', url, streamBody({ ewcCode })), 'body.ewcCode', message)
    expect(await streamCount(id)).toBe(0)
  })

  it.each<[string, unknown, RegExp, Record<string, unknown>?]>([
    ['negative', -1, /negative/],
    ['a word', 'twelve', /number/],
    ['NaN as a string', 'NaN', /number/],
    ['a number as a string', '12', /number/],
    ['absurd', 1e9, /absurd/],
    ['absurd once normalised', 1e8, /absurd: it amounts to 1\.20e\+9 t per year/, { period: 'month' }],
    ['missing', undefined, /number/],
    ['null', null, /number/],
  ])('quantity: %s', async (_name, quantity, message, extra = {}) => {
    const { id, url } = await enterprise()
    const body = { ...streamBody(extra), quantity }
    expectFieldError(await call('POST', url, body), 'body.quantity', message)
    expect(await streamCount(id)).toBe(0)
  })

  it('quantity: Infinity (a JSON number too large for a double)', async () => {
    const { id, url } = await enterprise()
    const payload = JSON.stringify(streamBody()).replace('"quantity":120', '"quantity":1e999')
    const response = await app().inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'application/json' },
    })
    expectFieldError({ status: response.statusCode, body: response.json() }, 'body.quantity')
    expect(await streamCount(id)).toBe(0)
  })

  it.each([
    ['unit', { unit: 'tons' }, /t, kg, m3, l/],
    ['unit', { unit: 'T' }, /t, kg, m3, l/],
    ['period', { period: 'week' }, /year, month, batch/],
    ['basis', { basis: 'guessed' }, /measured, estimated or calculated/],
    ['densityTPerM3', { unit: 'm3', densityTPerM3: -1 }, /positive/],
    ['densityTPerM3', { unit: 'm3', densityTPerM3: 30 }, /absurd/],
    ['routeCode', { routeCode: 'R14' }, /R1–R13/],
    ['surveyYear', { surveyYear: 1900 }, /1990/],
    ['costCurrency', { costCurrency: 'euro' }, /ISO 4217/],
  ])('%s: %j', async (field, overrides, message) => {
    const { id, url } = await enterprise()
    expectFieldError(await call('POST', url, streamBody(overrides)), `body.${field}`, message)
    expect(await streamCount(id)).toBe(0)
  })

  it('a receiver enterprise that does not exist', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const before = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const response = await call('POST', url, streamBody({ receiverEnterpriseId: 2147483000 }))
    expectFieldError(response, 'body.receiverEnterpriseId', /no enterprise/)
    expect(await streamCount(id)).toBe(0)
    const after = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('a receiver enterprise that exists is kept', async () => {
    const receiver = await enterprise({ name: 'Cement works' })
    const { url } = await enterprise()
    const response = await call<WasteStream>('POST', url, streamBody({ receiverEnterpriseId: receiver.id }))
    expect(response.status).toBe(201)
    expect(response.body.receiverEnterpriseId).toBe(receiver.id)
  })
})

describe('GET /api/enterprises/:enterpriseId/waste-streams', () => {
  it("lists the enterprise's own streams only", async () => {
    const { db } = await testDatabase()
    const mine = await enterprise()
    const other = await enterprise()
    const a = await newWasteStream(db, mine.id, { ewc_code: '100101' })
    const b = await newWasteStream(db, mine.id, { ewc_code: '100116' })
    await newWasteStream(db, other.id)
    const response = await call<WasteStreamList>('GET', mine.url)
    expect(response.status).toBe(200)
    expect(response.body.items.map((s) => s.id)).toEqual([a.id, b.id])
    expect(response.body.items[1]).toMatchObject({ hazardous: true, ewcCode: '100116' })
  })

  it('answers 404 for an enterprise that does not exist, and 400 for an id that is not one', async () => {
    expect((await call('GET', '/api/enterprises/2147483000/waste-streams')).status).toBe(404)
    expectFieldError(await call('GET', '/api/enterprises/abc/waste-streams'), 'params.enterpriseId')
  })
})

describe('PUT /api/enterprises/:enterpriseId/waste-streams/:id', () => {
  it('replaces the stream, bumps the version and records before and after', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody())).body
    const response = await call<WasteStream>(
      'PUT',
      `${url}/${created.id}`,
      streamBody({ quantity: 500, unit: 'kg', period: 'month', basis: 'estimated', version: 1 }),
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      id: created.id,
      version: 2,
      quantityTonnesPerYear: 6,
      basis: 'estimated',
    })
    const audit = await auditEntries(db, 'waste_stream', created.id)
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'update'])
    expect(audit[1]).toMatchObject({
      before: { quantity: 120, unit: 't', version: 1 },
      after: { quantity: 500, unit: 'kg', version: 2 },
    })
  })

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody())).body
    expect(
      (await call('PUT', `${url}/${created.id}`, streamBody({ quantity: 200, version: 1 }))).status,
    ).toBe(200)
    const stale = await call<ApiError>(
      'PUT',
      `${url}/${created.id}`,
      streamBody({ quantity: 300, version: 1 }),
    )
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('CONFLICT')
    expect(stale.body.error.details[0]).toMatchObject({ path: 'body.version' })
    expect(stale.body.error.message).toMatch(/version 1 is stale.*version 2/)
    const row = await db
      .selectFrom('waste_streams')
      .select(['quantity', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ quantity: 200, version: 2 })
    expect((await auditEntries(db, 'waste_stream', created.id)).map((e) => e.action)).toEqual([
      'create',
      'update',
    ])
  })

  it('of two updates from one version, one wins and the other gets 409', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody())).body
    const [first, second] = await Promise.all([
      call<WasteStream>('PUT', `${url}/${created.id}`, streamBody({ quantity: 1, version: 1 })),
      call<WasteStream>('PUT', `${url}/${created.id}`, streamBody({ quantity: 2, version: 1 })),
    ])
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const winner = first.status === 200 ? first.body : second.body
    const row = await db
      .selectFrom('waste_streams')
      .select(['quantity', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ quantity: winner.quantity, version: 2 })
  })

  it('refuses the update without a version', async () => {
    const { url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody())).body
    expectFieldError(await call('PUT', `${url}/${created.id}`, streamBody()), 'body.version')
  })

  it('validates the body as a create does', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody())).body
    const response = await call(
      'PUT',
      `${url}/${created.id}`,
      streamBody({ ewcCode: '100116', hazardous: false, version: 1 }),
    )
    expectFieldError(response, 'body.hazardous', /mirror is 10 01 17/)
    const row = await db
      .selectFrom('waste_streams')
      .select(['ewc_code', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ ewc_code: '100101', version: 1 })
  })
})

describe('a stream is reached only through its own enterprise', () => {
  it('answers 404 to PUT and DELETE through another enterprise, changing nothing', async () => {
    const { db } = await testDatabase()
    const owner = await enterprise()
    const intruder = await enterprise()
    const created = (await call<WasteStream>('POST', owner.url, streamBody())).body
    const put = await call<ApiError>(
      'PUT',
      `${intruder.url}/${created.id}`,
      streamBody({ quantity: 1, version: 1 }),
    )
    expect(put.status).toBe(404)
    expect(put.body.error.code).toBe('NOT_FOUND')
    expect((await call('DELETE', `${intruder.url}/${created.id}`)).status).toBe(404)
    const row = await db
      .selectFrom('waste_streams')
      .select(['enterprise_id', 'quantity', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ enterprise_id: owner.id, quantity: 120, version: 1 })
    expect((await auditEntries(db, 'waste_stream', created.id)).map((e) => e.action)).toEqual(['create'])
  })

  it('answers 404 for a stream id that does not exist', async () => {
    const { url } = await enterprise()
    expect((await call('PUT', `${url}/2147483000`, streamBody({ version: 1 }))).status).toBe(404)
    expect((await call('DELETE', `${url}/2147483000`)).status).toBe(404)
  })
})

describe('DELETE /api/enterprises/:enterpriseId/waste-streams/:id', () => {
  it('deletes with 204 and records what was there', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const created = (await call<WasteStream>('POST', url, streamBody())).body
    const response = await call('DELETE', `${url}/${created.id}`)
    expect(response.status).toBe(204)
    expect(response.body).toBeUndefined()
    expect(await streamCount(id)).toBe(0)
    const audit = await auditEntries(db, 'waste_stream', created.id)
    expect(audit.map((e) => e.action)).toEqual(['create', 'delete'])
    expect(audit[1]).toMatchObject({ before: { id: created.id, quantity: 120 }, after: null })
    expect((await call('DELETE', `${url}/${created.id}`)).status).toBe(404)
  })
})

describe('GET /api/waste-streams', () => {
  /** Two enterprises in one test square: a cement plant with two streams and a steel works with one. */
  async function survey() {
    const {
      db,
      region,
      west: cement,
      east: steel,
      bbox,
    } = await surveySquare({ name: 'Karadag Cement' }, { name: 'Sumgait Steel', nace_code: '24.10' })
    const ash = await newWasteStream(db, cement.id, { ewc_code: '100101', survey_year: 2023 })
    const flyAsh = await newWasteStream(db, cement.id, { ewc_code: '100116', survey_year: 2024 })
    const slag = await newWasteStream(db, steel.id, { ewc_code: '100202', survey_year: 2024 })
    return { region, cement, steel, ash, flyAsh, slag, bbox }
  }

  async function ids(query: string) {
    const response = await call<WasteStreamPage>('GET', `/api/waste-streams?${query}`)
    expect(response.status).toBe(200)
    return response.body.items.map((item) => item.id)
  }

  it('lists streams with their enterprise, within a bounding box', async () => {
    const s = await survey()
    const response = await call<WasteStreamPage>('GET', `/api/waste-streams?bbox=${s.bbox}`)
    expect(response.status).toBe(200)
    expect(response.body.total).toBe(3)
    expect(response.body.items.map((i) => [i.id, i.enterpriseName])).toEqual([
      [s.ash.id, 'Karadag Cement'],
      [s.flyAsh.id, 'Karadag Cement'],
      [s.slag.id, 'Sumgait Steel'],
    ])
  })

  it('applies the survey filters: region, NACE, text, and EWC / hazardous / year on the stream itself', async () => {
    const s = await survey()
    expect(await ids(`bbox=${s.bbox}&regionId=${s.region.id}`)).toEqual([s.ash.id, s.flyAsh.id])
    expect(await ids(`bbox=${s.bbox}&nace=C`)).toEqual([s.ash.id, s.flyAsh.id, s.slag.id])
    expect(await ids(`bbox=${s.bbox}&nace=24`)).toEqual([s.slag.id])
    expect(await ids(`bbox=${s.bbox}&q=steel`)).toEqual([s.slag.id])
    expect(await ids(`bbox=${s.bbox}&ewc=10%2001`)).toEqual([s.ash.id, s.flyAsh.id])
    expect(await ids(`bbox=${s.bbox}&ewc=10.01.16`)).toEqual([s.flyAsh.id])
    expect(await ids(`bbox=${s.bbox}&hazardous=true`)).toEqual([s.flyAsh.id])
    expect(await ids(`bbox=${s.bbox}&hazardous=false`)).toEqual([s.ash.id, s.slag.id])
    expect(await ids(`bbox=${s.bbox}&surveyYear=2024`)).toEqual([s.flyAsh.id, s.slag.id])
  })

  it('pages, with the total before paging', async () => {
    const s = await survey()
    const page = await call<WasteStreamPage>('GET', `/api/waste-streams?bbox=${s.bbox}&limit=2&offset=1`)
    expect(page.body.total).toBe(3)
    expect(page.body.items.map((i) => i.id)).toEqual([s.flyAsh.id, s.slag.id])
  })

  it.each([
    ['bbox=1,2,3', 'query.bbox'],
    ['ewc=ash', 'query.ewc'],
    ['hazardous=yes', 'query.hazardous'],
    ['limit=0', 'query.limit'],
    ['nace=XX', 'query.nace'],
  ])('refuses %s on %s', async (query, path) => {
    expectFieldError(await call('GET', `/api/waste-streams?${query}`), path)
  })
})
