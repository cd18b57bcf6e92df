import { describe, expect, it } from 'vitest'
import { childResourceKit, expectFieldError, surveySquare } from '../../../test/child-resources.js'
import { testDatabase } from '../../../test/database.js'
import { newWasteStream } from '../../../test/factories.js'
import { auditEntries, permitBody } from '../../../test/factories-streams.js'
import type { Permit, PermitList, PermitPage } from '../../contract/permits.js'

const { call, enterprise, count: permitCount } = childResourceKit('permits', 'permits')

describe('POST /api/enterprises/:enterpriseId/permits', () => {
  it('records a permit with its codes normalised and its dates as written, and writes the audit log', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const response = await call<Permit>(
      'POST',
      url,
      permitBody({
        operation: 'r13',
        acceptedEwc: ['10 01', '17.01.01', '170101', '16 10 01*'],
        hazardousAllowed: true,
      }),
    )
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      enterpriseId: id,
      permitNumber: 'ENV-2024-001',
      operation: 'R13',
      acceptedEwc: ['1001', '170101', '161001'],
      capacityTonnesPerYear: 20000,
      hazardousAllowed: true,
      // a date stays the day it was written, whatever the server's time zone
      validFrom: '2024-01-01',
      validTo: '2028-12-31',
      version: 1,
    })
    const audit = await auditEntries(db, 'permit', response.body.id)
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        before: null,
        after: expect.objectContaining({ operation: 'R13' }),
      }),
    ])
  })

  it('takes a permit without dates, number or capacity', async () => {
    const { url } = await enterprise()
    const response = await call<Permit>('POST', url, { operation: 'D10' })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      permitNumber: null,
      acceptedEwc: [],
      capacityTonnesPerYear: null,
      hazardousAllowed: false,
      validFrom: null,
      validTo: null,
    })
  })

  it.each([
    ['an operation that is not R1–R13 or D1–D15', { operation: 'R14' }, 'body.operation', /R1–R13/],
    ['no operation', { operation: undefined }, 'body.operation'],
    [
      'an unknown EWC code, named by its place',
      { acceptedEwc: ['10', '10 01 98'] },
      'body.acceptedEwc.1',
      /10 01 98/,
    ],
    ['a code that is not one', { acceptedEwc: ['ashes'] }, 'body.acceptedEwc.0', /not an EWC code/],
    ['a negative capacity', { capacityTonnesPerYear: -1 }, 'body.capacityTonnesPerYear', /negative/],
    ['an absurd capacity', { capacityTonnesPerYear: 1e12 }, 'body.capacityTonnesPerYear', /absurd/],
    ['a capacity as a string', { capacityTonnesPerYear: 'NaN' }, 'body.capacityTonnesPerYear', /number/],
    ['a date that does not exist', { validFrom: '2024-02-30' }, 'body.validFrom', /YYYY-MM-DD/],
    ['a date in another format', { validFrom: '01.01.2024' }, 'body.validFrom', /YYYY-MM-DD/],
    ['an end before the start', { validFrom: '2025-01-01', validTo: '2024-12-31' }, 'body.validTo', /before/],
  ])('refuses %s, writing nothing', async (_name, overrides, path, message?: RegExp) => {
    const { id, url } = await enterprise()
    expectFieldError(await call('POST', url, permitBody(overrides)), path, message)
    expect(await permitCount(id)).toBe(0)
  })

  it('answers 404 for an enterprise that does not exist', async () => {
    expect((await call('POST', '/api/enterprises/2147483000/permits', permitBody())).status).toBe(404)
  })
})

describe('GET /api/enterprises/:enterpriseId/permits', () => {
  it("lists the enterprise's own permits only", async () => {
    const mine = await enterprise()
    const other = await enterprise()
    const a = (await call<Permit>('POST', mine.url, permitBody())).body
    const b = (await call<Permit>('POST', mine.url, permitBody({ operation: 'D1' }))).body
    await call('POST', other.url, permitBody())
    const response = await call<PermitList>('GET', mine.url)
    expect(response.status).toBe(200)
    expect(response.body.items.map((p) => [p.id, p.operation])).toEqual([
      [a.id, 'R5'],
      [b.id, 'D1'],
    ])
  })

  it('answers 404 for an enterprise that does not exist', async () => {
    expect((await call('GET', '/api/enterprises/2147483000/permits')).status).toBe(404)
  })
})

describe('PUT and DELETE /api/enterprises/:enterpriseId/permits/:id', () => {
  it('replaces the permit, bumps the version and records before and after', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<Permit>('POST', url, permitBody())).body
    const response = await call<Permit>(
      'PUT',
      `${url}/${created.id}`,
      permitBody({ capacityTonnesPerYear: 35000, validTo: null, version: 1 }),
    )
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({ version: 2, capacityTonnesPerYear: 35000, validTo: null })
    const audit = await auditEntries(db, 'permit', created.id)
    expect(audit[1]).toMatchObject({
      action: 'update',
      before: { capacityTonnesPerYear: 20000, validTo: '2028-12-31', version: 1 },
      after: { capacityTonnesPerYear: 35000, validTo: null, version: 2 },
    })
  })

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { db } = await testDatabase()
    const { url } = await enterprise()
    const created = (await call<Permit>('POST', url, permitBody())).body
    const [first, second] = await Promise.all([
      call<Permit>('PUT', `${url}/${created.id}`, permitBody({ operation: 'R4', version: 1 })),
      call<Permit>('PUT', `${url}/${created.id}`, permitBody({ operation: 'R12', version: 1 })),
    ])
    expect([first.status, second.status].sort()).toEqual([200, 409])
    const winner = first.status === 200 ? first.body : second.body
    const row = await db
      .selectFrom('permits')
      .select(['operation', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ operation: winner.operation, version: 2 })
    expect((await auditEntries(db, 'permit', created.id)).map((e) => e.action)).toEqual(['create', 'update'])
  })

  it('answers 404 through another enterprise, changing nothing', async () => {
    const { db } = await testDatabase()
    const owner = await enterprise()
    const intruder = await enterprise()
    const created = (await call<Permit>('POST', owner.url, permitBody())).body
    expect(
      (await call('PUT', `${intruder.url}/${created.id}`, permitBody({ operation: 'D1', version: 1 })))
        .status,
    ).toBe(404)
    expect((await call('DELETE', `${intruder.url}/${created.id}`)).status).toBe(404)
    const row = await db
      .selectFrom('permits')
      .select(['enterprise_id', 'operation', 'version'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ enterprise_id: owner.id, operation: 'R5', version: 1 })
    expect((await auditEntries(db, 'permit', created.id)).map((e) => e.action)).toEqual(['create'])
  })

  it('deletes with 204 and records what was there', async () => {
    const { db } = await testDatabase()
    const { id, url } = await enterprise()
    const created = (await call<Permit>('POST', url, permitBody())).body
    expect((await call('DELETE', `${url}/${created.id}`)).status).toBe(204)
    expect(await permitCount(id)).toBe(0)
    const audit = await auditEntries(db, 'permit', created.id)
    expect(audit[1]).toMatchObject({
      action: 'delete',
      before: { id: created.id, operation: 'R5' },
      after: null,
    })
    expect((await call('DELETE', `${url}/${created.id}`)).status).toBe(404)
  })
})

describe('GET /api/permits', () => {
  async function survey() {
    const {
      db,
      region,
      west: cement,
      east: landfill,
      bbox,
    } = await surveySquare({ name: 'Karadag Cement' }, { name: 'Balakhani Landfill', nace_code: '38.21' })
    await newWasteStream(db, cement.id, { ewc_code: '100116', survey_year: 2023 })
    const post = async (enterpriseId: number, body: Record<string, unknown>) =>
      (await call<Permit>('POST', `/api/enterprises/${enterpriseId}/permits`, permitBody(body))).body.id
    const coProcessing = await post(cement.id, { operation: 'R1' })
    const disposal = await post(landfill.id, { operation: 'D1' })
    const recovery = await post(landfill.id, { operation: 'R5' })
    return {
      region,
      coProcessing,
      disposal,
      recovery,
      bbox,
    }
  }

  async function ids(query: string) {
    const response = await call<PermitPage>('GET', `/api/permits?${query}`)
    expect(response.status).toBe(200)
    return response.body.items.map((item) => item.id)
  }

  it('lists permits with their enterprise under the survey filters', async () => {
    const s = await survey()
    const page = await call<PermitPage>('GET', `/api/permits?bbox=${s.bbox}`)
    expect(page.body.total).toBe(3)
    expect(page.body.items.map((i) => [i.id, i.enterpriseName])).toEqual([
      [s.coProcessing, 'Karadag Cement'],
      [s.disposal, 'Balakhani Landfill'],
      [s.recovery, 'Balakhani Landfill'],
    ])
    expect(await ids(`bbox=${s.bbox}&regionId=${s.region.id}`)).toEqual([s.coProcessing])
    expect(await ids(`bbox=${s.bbox}&nace=E`)).toEqual([s.disposal, s.recovery])
    expect(await ids(`bbox=${s.bbox}&q=landfill`)).toEqual([s.disposal, s.recovery])
    expect(await ids(`bbox=${s.bbox}&hazardous=true&surveyYear=2023`)).toEqual([s.coProcessing])
  })

  it('pages, with the total before paging', async () => {
    const s = await survey()
    const page = await call<PermitPage>('GET', `/api/permits?bbox=${s.bbox}&limit=1&offset=2`)
    expect(page.body.total).toBe(3)
    expect(page.body.items.map((i) => i.id)).toEqual([s.recovery])
  })

  it('refuses a bad filter with its field', async () => {
    expectFieldError(await call('GET', '/api/permits?offset=-1'), 'query.offset')
  })
})
