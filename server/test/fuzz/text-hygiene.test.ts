import { describe, expect, it } from 'vitest'
import { badCodePoint } from '../../src/contract/common.js'
import type { ApiError } from '../../src/contract/errors.js'
import type { ImportReport } from '../../src/contract/imports.js'
import { testDatabase } from '../database.js'
import { testArea } from '../factories.js'
import { enterpriseBody } from '../factories-enterprises.js'
import { countInArea, importCsv, importRow } from '../factories-imports.js'
import { boxRing, polygon, regionFeatureBody, regionsNamed } from '../factories-regions.js'
import { streamBody } from '../factories-streams.js'
import { appPerFile } from '../test-app.js'

// Issue 13: `"name": "a\u0000b"` on enterprises, streams and regions was a 500 (PostgreSQL: invalid
// UTF8 0x00) instead of a 400 naming the field; lone surrogates the same.
const app = appPerFile()

const nul = 'a\u0000b'
const loneSurrogate = 'a\ud800b'

async function enterpriseId(): Promise<number> {
  const { lon, lat } = testArea()
  const response = await app().inject({
    method: 'POST',
    url: '/api/enterprises',
    payload: enterpriseBody({ lon: lon + 0.5, lat: lat + 0.5 }),
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<{ id: number }>().id
}

function expectRefused(response: { statusCode: number; json: <T>() => T }, path: string, reason: RegExp) {
  expect(response.statusCode).toBe(400)
  const { error } = response.json<ApiError>()
  expect(error.code).toBe('VALIDATION_FAILED')
  expect(error.details).toContainEqual({ path, message: expect.stringMatching(reason) as unknown })
}

describe('text hygiene at the edge', () => {
  it.each([
    ['NUL', nul, /U\+0000 \(NUL\) at character 2/],
    ['a lone surrogate', loneSurrogate, /lone surrogate U\+D800 at character 2/],
  ])(
    'refuses %s in an enterprise name with 400 naming body.name, and writes nothing',
    async (_, name, reason) => {
      const { db } = await testDatabase()
      const { lon, lat } = testArea()
      const response = await app().inject({
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody({ lon: lon + 0.5, lat: lat + 0.5 }, { name }),
      })
      expectRefused(response, 'body.name', reason)
      expect(await countInArea(db, { lon, lat, size: 1 })).toEqual({ enterprises: 0, streams: 0 })
    },
  )

  it('refuses NUL in a waste stream description with 400 naming body.description', async () => {
    const id = await enterpriseId()
    const response = await app().inject({
      method: 'POST',
      url: `/api/enterprises/${id}/waste-streams`,
      payload: streamBody({ description: nul }),
    })
    expectRefused(response, 'body.description', /U\+0000/)
    const streams = await app().inject({ method: 'GET', url: `/api/enterprises/${id}/waste-streams` })
    expect(streams.json<{ items: unknown[] }>().items).toHaveLength(0)
  })

  it('refuses NUL in a region name and a lone surrogate in a property name, writing nothing', async () => {
    const { db } = await testDatabase()
    const { lon, lat } = testArea()
    const ring = boxRing({ west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const body = regionFeatureBody(polygon(ring), { name: nul })
    expectRefused(
      await app().inject({ method: 'POST', url: '/api/regions', payload: body }),
      'body.properties.name',
      /U\+0000/,
    )
    expect(await regionsNamed(db, 'ab', 'a b')).toEqual([])
    const imported = {
      type: 'FeatureCollection',
      nameProperty: 'name',
      features: [{ type: 'Feature', geometry: polygon(ring), properties: { name: 'x', [loneSurrogate]: 1 } }],
    }
    expectRefused(
      await app().inject({ method: 'POST', url: '/api/regions/import', payload: imported }),
      'body.features.0.properties.a\ufffdb',
      /the name contains a lone surrogate/,
    )
  })

  it('refuses NUL in a query parameter with 400 naming it', async () => {
    expectRefused(
      await app().inject({ method: 'GET', url: '/api/catalog/ewc?q=a%00b' }),
      'query.q',
      /U\+0000/,
    )
  })

  it('reports NUL and lone surrogates in import cells against row and column, writes nothing, never quotes them back', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const at = { lon: area.lon + 0.5, lat: area.lat + 0.5 }
    const feature = (overrides: Record<string, string>) => {
      const { lon: _lon, lat: _lat, ...cells } = importRow(at, overrides)
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
        properties: cells,
      }
    }
    const document = {
      type: 'FeatureCollection',
      features: [feature({ name: nul }), feature({ waste_description: loneSurrogate })],
    }
    const response = await app().inject({
      method: 'POST',
      url: '/api/imports',
      payload: JSON.stringify(document),
      headers: { 'content-type': 'application/geo+json' },
    })
    expect(response.statusCode, response.body).toBe(422)
    const report = response.json<ImportReport>()
    expect(report.errors).toContainEqual(
      expect.objectContaining({
        column: 'name',
        value: 'a\ufffdb',
        reason: expect.stringMatching(/U\+0000/) as unknown,
      }),
    )
    expect(report.errors).toContainEqual(
      expect.objectContaining({
        column: 'waste_description',
        value: 'a\ufffdb',
        reason: expect.stringMatching(/lone surrogate/) as unknown,
      }),
    )
    expect(response.body).not.toContain('\\u0000')
    expect(await countInArea(db, area)).toEqual({ enterprises: 0, streams: 0 })
  })

  it('refuses a CSV holding a NUL byte as a 4xx, writing nothing', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const response = await app().inject({
      method: 'POST',
      url: '/api/imports',
      payload: importCsv([importRow({ lon: area.lon + 0.5, lat: area.lat + 0.5 }, { name: nul })]),
      headers: { 'content-type': 'text/csv' },
    })
    expect(response.statusCode).toBeGreaterThanOrEqual(400)
    expect(response.statusCode).toBeLessThan(500)
    expect(await countInArea(db, area)).toEqual({ enterprises: 0, streams: 0 })
  })

  it('accepts real text: accents, Azerbaijani letters, emoji (a surrogate pair), a tab', () => {
    for (const good of ['Şəki Sement', 'Gəncə 🏭 zavod', 'a\tb', '\ufffd'])
      expect(badCodePoint(good)).toBeUndefined()
  })
})
