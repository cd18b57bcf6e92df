import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import type { EwcEntry, EwcPage, NacePage } from '../../contract/catalog.js'
import type { ApiError } from '../../contract/errors.js'

let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp()
})
afterAll(() => app.close())

async function get<T>(url: string) {
  const response = await app.inject({ method: 'GET', url })
  return { status: response.statusCode, body: response.json() as T }
}

describe('the List of Waste is complete (Decision 2000/532/EC as amended by 2014/955/EU)', () => {
  it.each([
    ['level=chapter', 20],
    ['level=subchapter', 111],
    ['level=entry', 842],
    ['level=entry&hazardous=true', 408],
  ])('%s → %i', async (query, expected) => {
    const { status, body } = await get<EwcPage>(`/api/catalog/ewc?${query}&limit=1`)
    expect(status).toBe(200)
    expect(body.total).toBe(expected)
  })

  it('pairs mirror entries both ways', async () => {
    const { body } = await get<EwcEntry>('/api/catalog/ewc/100115')
    expect(body.hazardous).toBe(false)
    expect(body.mirrorOf).toBe('100114')
    const { body: hazardous } = await get<EwcEntry>('/api/catalog/ewc/100114')
    expect(hazardous.hazardous).toBe(true)
    expect(hazardous.mirrorOf).toBe('100115')
  })
})

describe('NACE Rev.2 is complete (Regulation (EC) No 1893/2006)', () => {
  it.each([
    ['section', 21],
    ['division', 88],
    ['group', 272],
    ['class', 615],
  ])('%s → %i', async (level, expected) => {
    const { body } = await get<NacePage>(`/api/catalog/nace?level=${level}&limit=1`)
    expect(body.total).toBe(expected)
  })

  it('finds a class by code in either spelling and by words', async () => {
    expect((await get<{ title: string }>('/api/catalog/nace/23.51')).body.title).toBe('Manufacture of cement')
    expect((await get<{ code: string }>('/api/catalog/nace/2351')).body.code).toBe('23.51')
    const { body } = await get<NacePage>('/api/catalog/nace?q=manufacture%20cement&level=class')
    expect(body.items.map((item) => item.code)).toContain('23.51')
  })
})

describe('GET /api/catalog/ewc/:code', () => {
  it.each(['100102', '10%2001%2002', '10.01.02'])('accepts %s', async (code) => {
    const { status, body } = await get<EwcEntry>(`/api/catalog/ewc/${code}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      code: '100102',
      display: '10 01 02',
      level: 'entry',
      chapter: '10',
      parent: '1001',
      hazardous: false,
    })
    expect(body.description).toMatch(/fly ash/i)
  })

  it('shows hazardous entries with an asterisk', async () => {
    const { body } = await get<EwcEntry>('/api/catalog/ewc/130205')
    expect(body).toMatchObject({ hazardous: true, display: '13 02 05*' })
  })

  it('answers 400 naming the field for a malformed code, 404 for an unknown one', async () => {
    const bad = await get<ApiError>('/api/catalog/ewc/10-01-02')
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('VALIDATION_FAILED')
    expect(bad.body.error.details[0]?.path).toBe('params.code')
    expect(bad.body.error.details[0]?.message).toMatch(/not an EWC code/)
    const unknown = await get<ApiError>('/api/catalog/ewc/109999')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'EWC code 109999 not found' })
  })
})

describe('GET /api/catalog/ewc search', () => {
  it('searches by words of the description, all words must match', async () => {
    const { body } = await get<EwcPage>('/api/catalog/ewc?q=fly%20ash%20peat&level=entry')
    expect(body.items.map((item) => item.code)).toEqual(['100103'])
  })

  it('matches words at their start, so a word inside another word is not a hit', async () => {
    const flyAsh = await get<EwcPage>('/api/catalog/ewc?q=fly%20ash')
    expect(flyAsh.body.items.map((item) => item.code)).toEqual([
      '100102',
      '100103',
      '100104',
      '100113',
      '100116',
      '100117',
      '190113',
      '190114',
      '190402',
    ])
    const cement = await get<NacePage>('/api/catalog/nace?q=cement')
    expect(cement.body.items.map((item) => item.code)).toEqual(['23.5', '23.51', '23.6', '23.65', '23.69'])
  })

  it('treats regular-expression characters in the words as plain text', async () => {
    const { status, body } = await get<EwcPage>('/api/catalog/ewc?q=%28%5B*%2B%3F')
    expect(status).toBe(200)
    expect(body.total).toBe(0)
  })

  it('searches by a code prefix in any spelling, filtered by chapter and hazardous', async () => {
    const { body } = await get<EwcPage>('/api/catalog/ewc?q=13%2002&hazardous=true&limit=100')
    expect(body.total).toBeGreaterThan(0)
    expect(body.items.every((item) => item.code.startsWith('1302') && item.hazardous)).toBe(true)
    const chapter = await get<EwcPage>('/api/catalog/ewc?chapter=02&level=entry&limit=1000')
    expect(chapter.body.items.every((item) => item.chapter === '02')).toBe(true)
  })

  it('refuses a bad filter with the field named', async () => {
    const { status, body } = await get<ApiError>('/api/catalog/ewc?hazardous=maybe&limit=0')
    expect(status).toBe(400)
    const paths = body.error.details.map((d) => d.path)
    expect(paths).toContain('query.hazardous')
    expect(paths).toContain('query.limit')
  })
})
