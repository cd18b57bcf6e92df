import type { Kysely } from 'kysely'
import type { MultiPolygonGeometry } from '../src/contract/geojson.js'
import { stMultiPolygon, stPoint } from '../src/db/postgis.js'
import type { DB, NewEnterprise, NewWasteStream } from '../src/db/schema.js'

/**
 * Test data built per test. Each call to `testArea()` hands out a fresh 1°×1° square in the
 * southern Pacific, far from the demo region and from other tests' squares, so tests that
 * share one database never see each other's regions or enterprises.
 */
let nextArea = 0
export function testArea() {
  const index = nextArea++
  const lon = -170 + (index % 60) * 2
  const lat = -60 + Math.floor(index / 60) * 2 + (process.pid % 5) * 0.001
  return { lon, lat, size: 1 }
}

/**
 * A square with no other test square within ~1,000 km, for tests that count everything within a
 * distance (the outlet gap at 150 km): `testArea()` squares are 2° apart, which near 60° S is
 * ~110 km, so whichever file happened to get the neighbouring square used to leak its permits
 * into the count (a flake seen in CI). East of that grid (lon 0–160, ≥ 52° from it), 20° (over
 * 1,100 km) apart, nine to a band of latitude; the bands are 30° apart, so a run may ask for 36
 * (at index 9 a single band would have reached lon 180, outside the world: a CI failure).
 */
let nextIsolatedArea = 0
// TEST_AREA_SHIFT=k hands the squares out from the k-th on (wrapping): a run with another shift
// puts every test at other latitudes, to find tests that hold only where their square fell
const shift = Number(process.env.TEST_AREA_SHIFT ?? 0)
export function isolatedTestArea() {
  const taken = nextIsolatedArea++
  if (taken >= 36) throw new Error('isolatedTestArea: no isolated square left (36 per run)')
  const index = (taken + shift) % 36
  const lon = (index % 9) * 20
  const lat = -60 + Math.floor(index / 9) * 30 + (process.pid % 5) * 0.001
  return { lon, lat, size: 1 }
}

export type Box = { west: number; south: number; east: number; north: number }

export function boxPolygon({ west, south, east, north }: Box): MultiPolygonGeometry {
  return {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    ],
  }
}

export async function newRegion(
  db: Kysely<DB>,
  box: Box,
  name = 'Test region',
  level: DB['regions']['level'] = 'custom',
) {
  return db
    .insertInto('regions')
    .values({ name, level, geom: stMultiPolygon(boxPolygon(box)) })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function newEnterprise(
  db: Kysely<DB>,
  at: { lon: number; lat: number },
  overrides: Partial<Omit<NewEnterprise, 'geom'>> = {},
) {
  return db
    .insertInto('enterprises')
    .values({ name: 'Test enterprise', nace_code: '23.51', geom: stPoint(at.lon, at.lat), ...overrides })
    .returning(['id', 'region_id'])
    .executeTakeFirstOrThrow()
}

export async function newWasteStream(
  db: Kysely<DB>,
  enterpriseId: number,
  overrides: Partial<Omit<NewWasteStream, 'enterprise_id'>> = {},
) {
  return db
    .insertInto('waste_streams')
    .values({
      enterprise_id: enterpriseId,
      ewc_code: '100101',
      quantity: 10,
      unit: 't',
      period: 'year',
      basis: 'measured',
      survey_year: 2024,
      ...overrides,
    })
    .returning(['id', 'hazardous', 'quantity_t_per_year'])
    .executeTakeFirstOrThrow()
}
