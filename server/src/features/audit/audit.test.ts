import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { testArea } from '../../../test/factories.js'
import { enterpriseBody } from '../../../test/factories-enterprises.js'
import type { Session } from '../../contract/accounts.js'
import type { AuditPage } from '../../contract/audit.js'
import type { Enterprise } from '../../contract/enterprises.js'
import type { ApiError } from '../../contract/errors.js'

const app = appPerFile()

async function send<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  const response = await app().inject({ method, url, ...(payload ? { payload } : {}) })
  return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T }
}

const auditOf = (id: number, paging = '') =>
  send<AuditPage>('GET', `/api/audit?entity=enterprise&entityId=${id}${paging}`)

async function createEnterprise(name: string) {
  const response = await send<Enterprise>('POST', '/api/enterprises', enterpriseBody(testArea(), { name }))
  expect(response.status).toBe(201)
  return response.body
}

describe('GET /api/audit', () => {
  it('records every write of an enterprise, newest first, with before and after as the API showed them', async () => {
    const created = await createEnterprise('Audited Works')
    const updated = await send<Enterprise>('PUT', `/api/enterprises/${created.id}`, {
      ...enterpriseBody(testArea(), { name: 'Audited Works Renamed', nationalId: created.nationalId }),
      location: created.location,
      version: created.version,
    })
    expect(updated.status).toBe(200)
    expect((await send('DELETE', `/api/enterprises/${created.id}`)).status).toBe(204)

    const { status, body } = await auditOf(created.id)
    expect(status).toBe(200)
    expect(body.total).toBe(3)
    // who: the signed-in user of each request
    const me = await send<Session>('GET', '/api/session')
    expect(me.body.user?.id).toEqual(expect.any(Number))
    expect(body.items.map((entry) => entry.userId)).toEqual([
      me.body.user?.id,
      me.body.user?.id,
      me.body.user?.id,
    ])
    expect(body.items.map((entry) => entry.action)).toEqual(['delete', 'update', 'create'])
    const [deleted, update, create] = body.items
    expect(create).toMatchObject({
      entity: 'enterprise',
      entityId: String(created.id),
      before: null,
    })
    expect(create?.after).toEqual(created)
    expect(update?.before).toEqual(created)
    expect(update?.after).toEqual(updated.body)
    expect(deleted?.before).toEqual(updated.body)
    expect(deleted?.after).toBeNull()
    expect(Date.parse(create?.at ?? '')).not.toBeNaN()
  })

  it('keeps in the delete entry the waste streams that went with the enterprise', async () => {
    const { db } = await testDatabase()
    const created = await createEnterprise('Deleted With Streams')
    await db
      .insertInto('waste_streams')
      .values({
        enterprise_id: created.id,
        ewc_code: '100101',
        quantity: 7,
        unit: 't',
        period: 'year',
        basis: 'measured',
        survey_year: 2024,
      })
      .execute()
    expect((await send('DELETE', `/api/enterprises/${created.id}`)).status).toBe(204)
    const { body } = await auditOf(created.id, '&limit=1')
    const before = body.items[0]?.before as Enterprise
    expect(before.wasteStreams).toEqual([
      expect.objectContaining({ ewcCode: '100101', quantityTonnesPerYear: 7 }),
    ])
  })

  it('pages', async () => {
    const created = await createEnterprise('Paged')
    for (const version of [1, 2]) {
      const response = await send('PUT', `/api/enterprises/${created.id}`, {
        ...enterpriseBody(testArea(), { name: `Paged v${version + 1}`, nationalId: created.nationalId }),
        version,
      })
      expect(response.status).toBe(200)
    }
    const { body } = await auditOf(created.id, '&limit=1&offset=1')
    expect(body.total).toBe(3)
    expect(body.items).toHaveLength(1)
    expect(body.items[0]).toMatchObject({ action: 'update', after: { name: 'Paged v2', version: 2 } })
  })

  it('writes nothing for a request that failed', async () => {
    const { db } = await testDatabase()
    const created = await createEnterprise('Failures Only')

    const unknownNace = enterpriseBody(testArea(), { naceCode: '99.99' })
    expect((await send('POST', '/api/enterprises', unknownNace)).status).toBe(400)
    const duplicate = enterpriseBody(testArea(), { nationalId: created.nationalId })
    expect((await send('POST', '/api/enterprises', duplicate)).status).toBe(409)
    const stale = { ...enterpriseBody(testArea(), { nationalId: created.nationalId }), version: 7 }
    expect((await send('PUT', `/api/enterprises/${created.id}`, stale)).status).toBe(409)
    const badNace = { ...enterpriseBody(testArea(), { naceCode: '99.99' }), version: 1 }
    expect((await send('PUT', `/api/enterprises/${created.id}`, badNace)).status).toBe(400)

    const { body } = await auditOf(created.id)
    expect(body.items.map((entry) => entry.action)).toEqual(['create'])
    // nothing anywhere in the log mentions the refused new enterprise
    const mentions = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'enterprise')
      .where((eb) => eb(eb.cast<string>('after', 'text'), 'like', `%${unknownNace.nationalId}%`))
      .execute()
    expect(mentions).toEqual([])
  })

  it('filters by entity', async () => {
    const created = await createEnterprise('Entity Filter')
    const { body } = await send<AuditPage>('GET', `/api/audit?entity=region&entityId=${created.id}`)
    expect(body.items.filter((entry) => entry.entity !== 'region')).toEqual([])
    const all = await send<AuditPage>('GET', `/api/audit?entityId=${created.id}`)
    expect(all.body.items.map((entry) => entry.entity)).toContain('enterprise')
  })

  it.each([
    ['entity=planet', 'query.entity'],
    ['limit=0', 'query.limit'],
    ['limit=abc', 'query.limit'],
    ['offset=-1', 'query.offset'],
  ])('refuses %s naming %s', async (query, path) => {
    const { status, body } = await send<ApiError>('GET', `/api/audit?${query}`)
    expect(status).toBe(400)
    expect(body.error.details.map((detail) => detail.path)).toContain(path)
  })
})

describe('the audit log cannot be changed', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('has no %s route', async (method) => {
    const created = await createEnterprise(`No ${method}`)
    const { status } = await send(method, '/api/audit', {
      entity: 'enterprise',
      entityId: String(created.id),
    })
    expect(status).toBe(404)
    const { body } = await auditOf(created.id)
    expect(body.total).toBe(1)
  })

  it('is refused by the database too (append-only trigger)', async () => {
    const { db } = await testDatabase()
    const created = await createEnterprise('Tamper Proof')
    await expect(
      db.updateTable('audit_log').set({ after: null }).where('entity_id', '=', String(created.id)).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(
      db.deleteFrom('audit_log').where('entity_id', '=', String(created.id)).execute(),
    ).rejects.toThrow(/append-only/)
    expect((await auditOf(created.id)).body.items[0]?.after).toEqual(created)
  })
})
