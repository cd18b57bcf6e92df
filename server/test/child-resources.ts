import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import type { ApiError } from '../src/contract/errors.js'
import type { ChildTable } from '../src/domain/enterprise-child.js'
import { testDatabase } from './database.js'
import { newEnterprise, newRegion, testArea } from './factories.js'
import { appPerFile } from './test-app.js'

/**
 * The setup the tests of the enterprise children (waste streams, resource needs, permits) share:
 * JSON calls, an enterprise of its own, row counts, field errors and a small survey square.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A JSON call on the app: status and parsed body (undefined when empty). */
export function jsonCaller(app: () => FastifyInstance) {
  return async function call<T>(method: Method, url: string, payload?: Record<string, unknown>) {
    const response = await app().inject({ method, url, ...(payload === undefined ? {} : { payload }) })
    return {
      status: response.statusCode,
      body: (response.body === '' ? undefined : response.json()) as T,
    }
  }
}

/** An enterprise of its own in a fresh test square, with the URL of its `path` children. */
export async function enterpriseWith(path: string, overrides: Parameters<typeof newEnterprise>[2] = {}) {
  const { db } = await testDatabase()
  const area = testArea()
  const { id } = await newEnterprise(db, { lon: area.lon + 0.5, lat: area.lat + 0.5 }, overrides)
  return { id, area, url: `/api/enterprises/${id}/${path}` }
}

/** How many rows of `table` the enterprise has. */
export async function childCount(table: ChildTable, enterpriseId: number) {
  const { db } = await testDatabase()
  const rows = await db.selectFrom(table).select('id').where('enterprise_id', '=', enterpriseId).execute()
  return rows.length
}

/** A 400 VALIDATION_FAILED with a detail on `path` (whose message matches, if given). */
export function expectFieldError(
  response: { status: number; body: unknown },
  path: string,
  message?: RegExp,
) {
  expect(response.status).toBe(400)
  const { error } = response.body as ApiError
  expect(error.code).toBe('VALIDATION_FAILED')
  const detail = error.details.find((d) => d.path === path)
  expect(detail, `a detail on ${path} in ${JSON.stringify(error.details)}`).toBeDefined()
  if (message) expect(detail?.message).toMatch(message)
}

type EnterpriseOverrides = Parameters<typeof newEnterprise>[2]

/**
 * A fresh test square with a region over its western half, one enterprise in it and one east of
 * it; `bbox` covers the square.
 */
export async function surveySquare(westSite: EnterpriseOverrides, eastSite: EnterpriseOverrides) {
  const { db } = await testDatabase()
  const area = testArea()
  const region = await newRegion(db, {
    west: area.lon,
    south: area.lat,
    east: area.lon + 0.5,
    north: area.lat + 1,
  })
  const west = await newEnterprise(db, { lon: area.lon + 0.25, lat: area.lat + 0.5 }, westSite)
  const east = await newEnterprise(db, { lon: area.lon + 0.75, lat: area.lat + 0.5 }, eastSite)
  const bbox = `${area.lon},${area.lat},${area.lon + 1},${area.lat + 1}`
  return { db, area, region, west, east, bbox }
}

/**
 * One child's test kit, for the top of its test file: an app for the file, JSON calls, an
 * enterprise of its own with the URL of its `path` children, and the count of its rows.
 */
export function childResourceKit(path: string, table: ChildTable) {
  const app = appPerFile()
  return {
    app,
    call: jsonCaller(app),
    enterprise: (overrides: Parameters<typeof newEnterprise>[2] = {}) => enterpriseWith(path, overrides),
    count: (enterpriseId: number) => childCount(table, enterpriseId),
  }
}
