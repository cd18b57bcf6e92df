import { describe, expect, it } from 'vitest'
import { childResourceKit, expectFieldError, surveySquare } from '../../../test/child-resources.js'
import { testDatabase } from '../../../test/database.js'
import { newWasteStream } from '../../../test/factories.js'
import { auditEntries, needBody } from '../../../test/factories-streams.js'
import type { ApiError } from '../../contract/errors.js'
import type { ResourceNeed, ResourceNeedList, ResourceNeedPage } from '../../contract/resource-needs.js'

const { call, enterprise, count: needCount } = childResourceKit('resource-needs', 'resource_needs')

describe('POST /api/enterprises/:enterpriseId/resource-needs', () => {
  it('records a need with its codes normalised, and writes the audit log', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const response = await call<ResourceNeed>(
      'POST',
      url,
      needBody({ ewcCodes: ['10 01 02', '10.01.02', '10 12', '17'] }),
    )
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      enterpriseId: id,
      ewcCodes: ['100102', '1012', '17'],
      materialCategory: 'ashes_slags',
      quantityTonnesPerYear: 5000,
      maxDistanceKm: 150,
      version: 1,
    })
    const audit = await auditEntries(db, 'resource_need', response.body.id)
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        before: null,
        after: expect.objectContaining({ id: response.body.id }),
      }),
    ])
  })

  it('takes a material category alone', async () => {
    const { url } = await enterprise()
    const response = await call<ResourceNeed>('POST', url, needBody({ ewcCodes: [] }))
    expect(response.status).toBe(201)
    expect(response.body.ewcCodes).toEqual([])
  })

  it.each([
    [
      'an unknown code, named by its place',
      { ewcCodes: ['100102', '10 01 98'] },
      'body.ewcCodes.1',
      /10 01 98 is not/,
    ],
    ['an unknown chapter', { ewcCodes: ['21'] }, 'body.ewcCodes.0', /21 is not in the European List/],
    ['a code that is not one', { ewcCodes: ['ash'] }, 'body.ewcCodes.0', /not an EWC code/],
    [
      'neither codes nor a category',
      { ewcCodes: [], materialCategory: null },
      'body.ewcCodes',
      /at least one/,
    ],
    ['a negative quantity', { quantityTonnesPerYear: -5 }, 'body.quantityTonnesPerYear', /negative/],
    ['an absurd quantity', { quantityTonnesPerYear: 1e10 }, 'body.quantityTonnesPerYear', /absurd/],
    ['a quantity as a string', { quantityTonnesPerYear: '5000' }, 'body.quantityTonnesPerYear', /number/],
    ['a distance of zero', { maxDistanceKm: 0 }, 'body.maxDistanceKm', /positive/],
  ])('refuses %s, writing nothing', async (_name, overrides, path, message) => {
    const { id, url } = await enterprise()
    expectFieldError(await call('POST', url, needBody(overrides)), path, message)
    expect(await needCount(id)).toBe(0)
  })

  it('answers 404 for an enterprise that does not exist', async () => {
    expect((await call('POST', '/api/enterprises/2147483000/resource-needs', needBody())).status).toBe(404)
  })
})

describe('GET /api/enterprises/:enterpriseId/resource-needs', () => {
  it("lists the enterprise's own needs only", async () => {
    const mine = await enterprise()
    const other = await enterprise()
    const a = (await call<ResourceNeed>('POST', mine.url, needBody())).body
    const b = (await call<ResourceNeed>('POST', mine.url, needBody({ ewcCodes: ['17 01'] }))).body
    await call('POST', other.url, needBody())
    const response = await call<ResourceNeedList>('GET', mine.url)
    expect(response.status).toBe(200)
    expect(response.body.items.map((n) => n.id)).toEqual([a.id, b.id])
  })

  it('answers 404 for an enterprise that does not exist', async () => {
    expect((await call('GET', '/api/enterprises/2147483000/resource-needs')).status).toBe(404)
  })
})

describe('PUT and DELETE /api/enterprises/:enterpriseId/resource-needs/:id', () => {
  it('replaces the need, bumps the version and records before and after', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<ResourceNeed>('POST', url, needBody())).body
    const response = await call<ResourceNeed>(
      'PUT',
      `${url}/${created.id}`,
      needBody({ maxDistanceKm: 300, version: 1 }),
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ version: 2, maxDistanceKm: 300 })
    const audit = await auditEntries(db, 'resource_need', created.id)
    expect(audit[1]).toMatchObject({
      action: 'update',
      before: { maxDistanceKm: 150, version: 1 },
      after: { maxDistanceKm: 300, version: 2 },
    })
  })

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<ResourceNeed>('POST', url, needBody())).body
    expect(
      (await call('PUT', `${url}/${created.id}`, needBody({ maxDistanceKm: 10, version: 1 }))).status,
    ).toBe(200)
    const stale = await call<ApiError>(
      'PUT',
      `${url}/${created.id}`,
      needBody({ maxDistanceKm: 20, version: 1 }),
    )
    expect(stale.status).toBe(409)
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'body.version' }] })
    const row = await db
      .selectFrom('resource_needs')
      .select(['max_distance_km', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ max_distance_km: 10, version: 2 })
  })

  it('refuses an unknown code on update, changing nothing', async () => {
    const { url } = await enterprise()
    const created = (await call<ResourceNeed>('POST', url, needBody())).body
    const response = await call('PUT', `${url}/${created.id}`, needBody({ ewcCodes: ['999999'], version: 1 }))
    expectFieldError(response, 'body.ewcCodes.0')
    expect((await call<ResourceNeedList>('GET', url)).body.items[0]).toMatchObject({
      ewcCodes: ['100102'],
      version: 1,
    })
  })

  it('answers 404 through another enterprise, changing nothing', async () => {
    const { db } = await testDatabase()
    const owner = await enterprise()
    const intruder = await enterprise()
    const created = (await call<ResourceNeed>('POST', owner.url, needBody())).body
    expect(
      (await call('PUT', `${intruder.url}/${created.id}`, needBody({ version: 1, maxDistanceKm: 1 }))).status,
    ).toBe(404)
    expect((await call('DELETE', `${intruder.url}/${created.id}`)).status).toBe(404)
    const row = await db
      .selectFrom('resource_needs')
      .select(['enterprise_id', 'max_distance_km', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ enterprise_id: owner.id, max_distance_km: 150, version: 1 })
    expect((await auditEntries(db, 'resource_need', created.id)).map((e) => e.action)).toEqual(['create'])
  })

  it('deletes with 204 and records what was there', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const created = (await call<ResourceNeed>('POST', url, needBody())).body
    expect((await call('DELETE', `${url}/${created.id}`)).status).toBe(204)
    expect(await needCount(id)).toBe(0)
    const audit = await auditEntries(db, 'resource_need', created.id)
    expect(audit[1]).toMatchObject({ action: 'delete', before: { id: created.id }, after: null })
    expect((await call('DELETE', `${url}/${created.id}`)).status).toBe(404)
  })
})

describe('GET /api/resource-needs', () => {
  async function survey() {
    const {
      db,
      region,
      west: cement,
      east: steel,
      bbox,
    } = await surveySquare({ name: 'Karadag Cement' }, { name: 'Sumgait Steel', nace_code: '24.10' })
    await newWasteStream(db, steel.id, { ewc_code: '100202' })
    const post = async (enterpriseId: number) =>
      (await call<ResourceNeed>('POST', `/api/enterprises/${enterpriseId}/resource-needs`, needBody())).body
        .id
    const cementNeed = await post(cement.id)
    const steelNeed = await post(steel.id)
    return { region, cementNeed, steelNeed, bbox }
  }

  async function ids(query: string) {
    const response = await call<ResourceNeedPage>('GET', `/api/resource-needs?${query}`)
    expect(response.status).toBe(200)
    return response.body.items.map((item) => item.id)
  }

  it('lists needs with their enterprise under the survey filters', async () => {
    const s = await survey()
    const page = await call<ResourceNeedPage>('GET', `/api/resource-needs?bbox=${s.bbox}`)
    expect(page.body.total).toBe(2)
    expect(page.body.items.map((i) => [i.id, i.enterpriseName])).toEqual([
      [s.cementNeed, 'Karadag Cement'],
      [s.steelNeed, 'Sumgait Steel'],
    ])
    expect(await ids(`bbox=${s.bbox}&regionId=${s.region.id}`)).toEqual([s.cementNeed])
    expect(await ids(`bbox=${s.bbox}&nace=24.10`)).toEqual([s.steelNeed])
    expect(await ids(`bbox=${s.bbox}&q=cement`)).toEqual([s.cementNeed])
    // stream filters select enterprises with such a stream
    expect(await ids(`bbox=${s.bbox}&ewc=1002`)).toEqual([s.steelNeed])
  })

  it('pages, with the total before paging', async () => {
    const s = await survey()
    const page = await call<ResourceNeedPage>('GET', `/api/resource-needs?bbox=${s.bbox}&limit=1&offset=1`)
    expect(page.body.total).toBe(2)
    expect(page.body.items.map((i) => i.id)).toEqual([s.steelNeed])
  })

  it('refuses a bad filter with its field', async () => {
    expectFieldError(await call('GET', '/api/resource-needs?regionId=-1'), 'query.regionId')
  })
})
