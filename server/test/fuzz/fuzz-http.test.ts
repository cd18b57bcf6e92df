import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { ApiError } from '../../src/contract/errors.js'
import { maxAreaPositions } from '../../src/contract/geojson.js'
import { testDatabase } from '../database.js'
import { testArea } from '../factories.js'
import { enterpriseBody } from '../factories-enterprises.js'
import { regionFeatureBody, uniqueName } from '../factories-regions.js'
import { appPerFile } from '../test-app.js'
import { starRing } from './geometry-shapes.js'

/**
 * Property-based fuzzing of the geometry and text inputs (issue 13), bounded in time: a fixed
 * number of runs (FUZZ_RUNS, default 40 each), a wall-clock cap per property, and a cap per
 * request. Every answer must be a success or a 4xx naming a field under `body`, never a 5xx,
 * never slower than the cap; a refusal writes no row. FUZZ_SEED replays a failing run.
 */
const admin = appPerFile()
const publicApp = appPerFile({ as: 'public' })

const runs = Number(process.env.FUZZ_RUNS ?? 40)
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED)
const perRequestMs = 3_000
const perPropertyMs = 60_000
const options = {
  numRuns: runs,
  interruptAfterTimeLimit: perPropertyMs,
  markInterruptAsFailure: false,
  ...(seed === undefined ? {} : { seed }),
}

const area = testArea()
const inBox = fc.tuple(
  fc.double({ min: area.lon, max: area.lon + 1, noNaN: true }),
  fc.double({ min: area.lat, max: area.lat + 1, noNaN: true }),
)
const closed = (points: number[][]) => (points.length > 0 ? [...points, points[0] as number[]] : points)

/** Random rings: most invalid in some way, some valid; raw JSON text so NaN and 1e400 can be sent. */
const ringText: fc.Arbitrary<string> = fc.oneof(
  // random positions: crossing, touching, flat or fine
  fc.array(inBox, { minLength: 0, maxLength: 40 }).map((points) => JSON.stringify(closed(points))),
  // a valid star, then a vertex repeated somewhere (self-touching)
  fc.tuple(fc.integer({ min: 8, max: 400 }), fc.nat()).map(([n, k]) => {
    const ring = starRing({ west: area.lon, south: area.lat, east: area.lon + 1, north: area.lat + 1 }, n)
    ring.splice(1 + (k % (n - 2)), 0, ring[Math.floor(n / 2)] as [number, number])
    return JSON.stringify(ring)
  }),
  // a valid star, sometimes just over the limit
  fc
    .constantFrom(1_000, 5_000, maxAreaPositions, maxAreaPositions + 1)
    .map((n) =>
      JSON.stringify(
        starRing({ west: area.lon, south: area.lat, east: area.lon + 1, north: area.lat + 1 }, n),
      ),
    ),
  // across the antimeridian
  fc
    .tuple(fc.double({ min: 170, max: 180, noNaN: true }), fc.double({ min: -180, max: -170, noNaN: true }))
    .map(([east, west]) =>
      JSON.stringify([
        [east, 10],
        [west, 10],
        [west, 11],
        [east, 11],
        [east, 10],
      ]),
    ),
  // NaN, Infinity, null, strings, out of range, too many numbers in a position
  fc
    .constantFrom('NaN', 'Infinity', '-Infinity', '1e400', 'null', '"1"', '200', '-91', '0, 0, 0, 0')
    .map(
      (bad) =>
        `[[${area.lon},${area.lat}],[${bad},${area.lat}],[${area.lon + 0.5},${area.lat + 0.5}],[${area.lon},${area.lat}]]`,
    ),
)

/** Geometries of wrong and right nesting around those rings. */
const geometryText: fc.Arbitrary<string> = fc.oneof(
  ringText.map((ring) => `{"type":"Polygon","coordinates":[${ring}]}`),
  fc
    .array(ringText, { minLength: 1, maxLength: 3 })
    .map((rings) => `{"type":"Polygon","coordinates":[${rings.join(',')}]}`),
  ringText.map((ring) => `{"type":"MultiPolygon","coordinates":[[${ring}]]}`),
  ringText.map((ring) => `{"type":"MultiPolygon","coordinates":[${ring}]}`), // one level short
  ringText.map((ring) => `{"type":"Polygon","coordinates":${ring}}`), // one level short
  ringText.map((ring) => `{"type":"Polygon","coordinates":[[${ring}]]}`), // one level deep
  fc.jsonValue().map((value) => JSON.stringify({ type: 'Polygon', coordinates: value })),
  fc.jsonValue().map((value) => JSON.stringify(value)),
)

async function timedInject(app: FastifyInstance, method: 'POST', url: string, payload: string) {
  const started = performance.now()
  const response = await app.inject({ method, url, payload, headers: { 'content-type': 'application/json' } })
  return { response, ms: performance.now() - started }
}

function expectSuccessOr4xxNamingAField(response: LightMyRequestResponse, ms: number, success: number) {
  expect(response.statusCode, response.body.slice(0, 500)).toBeLessThan(500)
  expect(ms, `answered in ${ms.toFixed(0)} ms`).toBeLessThan(perRequestMs)
  if (response.statusCode === success) return
  expect(response.statusCode).toBeGreaterThanOrEqual(400)
  const { error } = response.json<ApiError>()
  // a body that is not JSON at all is refused by the parser, before any field exists
  if (error.code === 'BAD_REQUEST' && /JSON/i.test(error.message)) return
  expect(error.details.length, response.body.slice(0, 500)).toBeGreaterThan(0)
  for (const detail of error.details) expect(detail.path).toMatch(/^(body|query)(\.|$)/)
}

async function rowCount(table: 'regions' | 'enterprises'): Promise<number> {
  const { db } = await testDatabase()
  const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)
  return Number(result.rows[0]?.n)
}

describe('fuzz: geometry inputs', () => {
  it(
    'POST /api/aggregates/area (public): success or a 4xx naming the field, in time',
    async () => {
      await fc.assert(
        fc.asyncProperty(geometryText, async (geometry) => {
          const { response, ms } = await timedInject(
            publicApp(),
            'POST',
            '/api/aggregates/area',
            `{"geometry":${geometry}}`,
          )
          expectSuccessOr4xxNamingAField(response, ms, 200)
        }),
        options,
      )
    },
    perPropertyMs + 30_000,
  )

  it(
    'POST /api/regions (admin): 201 or a 4xx naming the field, in time, and no row written on refusal',
    async () => {
      await fc.assert(
        fc.asyncProperty(geometryText, async (geometry) => {
          const before = await rowCount('regions')
          const name = uniqueName('Fuzz')
          const { response, ms } = await timedInject(
            admin(),
            'POST',
            '/api/regions',
            `{"type":"Feature","properties":{"name":${JSON.stringify(name)}},"geometry":${geometry}}`,
          )
          expectSuccessOr4xxNamingAField(response, ms, 201)
          if (response.statusCode === 201) {
            expect(await rowCount('regions')).toBe(before + 1)
            const id = response.json<{ properties: { id: number } }>().properties.id
            expect(
              (await admin().inject({ method: 'DELETE', url: `/api/regions/${id}?reassign=true` }))
                .statusCode,
            ).toBe(200)
          } else {
            expect(await rowCount('regions')).toBe(before)
          }
        }),
        options,
      )
    },
    perPropertyMs + 30_000,
  )
})

describe('fuzz: text fields', () => {
  // any UTF-16 code units: NUL, lone surrogates, controls, astral characters
  const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 })

  it(
    'POST /api/enterprises: a random name is stored as sent or refused at body.name, never a 5xx',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyText, async (name) => {
          const before = await rowCount('enterprises')
          const body = enterpriseBody(
            { lon: area.lon + 0.5, lat: area.lat + 0.5 },
            { name, nationalId: null },
          )
          const { response, ms } = await timedInject(
            admin(),
            'POST',
            '/api/enterprises',
            JSON.stringify(body),
          )
          expectSuccessOr4xxNamingAField(response, ms, 201)
          if (response.statusCode === 201) {
            const stored = response.json<{ id: number; name: string }>()
            expect(stored.name).toBe(name.trim())
            await admin().inject({ method: 'DELETE', url: `/api/enterprises/${stored.id}` })
          } else {
            expect(response.json<ApiError>().error.details.map((d) => d.path)).toContain('body.name')
            expect(await rowCount('enterprises')).toBe(before)
          }
        }),
        options,
      )
    },
    perPropertyMs + 30_000,
  )

  it(
    'POST /api/regions: a random name and code are stored as sent or refused naming the field',
    async () => {
      const ring = `[[${area.lon},${area.lat}],[${area.lon + 1},${area.lat}],[${area.lon + 1},${area.lat + 1}],[${area.lon},${area.lat}]]`
      await fc.assert(
        fc.asyncProperty(anyText, anyText, async (name, code) => {
          const before = await rowCount('regions')
          const body = regionFeatureBody(
            JSON.parse(`{"type":"Polygon","coordinates":[${ring}]}`) as unknown,
            { name, code },
          )
          const { response, ms } = await timedInject(admin(), 'POST', '/api/regions', JSON.stringify(body))
          expectSuccessOr4xxNamingAField(response, ms, 201)
          if (response.statusCode === 201) {
            const id = response.json<{ properties: { id: number } }>().properties.id
            await admin().inject({ method: 'DELETE', url: `/api/regions/${id}?reassign=true` })
          } else {
            expect(await rowCount('regions')).toBe(before)
          }
        }),
        options,
      )
    },
    perPropertyMs + 30_000,
  )
})
