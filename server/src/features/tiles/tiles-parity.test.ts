import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { TileLayer } from '../../contract/tiles.js'
import type { Database } from '../../db/database.js'
import { testDatabase } from '../../../test/database.js'
import { type TileFixture, tileFixture } from '../../../test/tile-fixture.js'
import { type DecodedFeature, decodeTile, tileAt } from '../../../test/tiles.js'
import { tileService } from './service.js'

// ST_AsMVT exists only on PostgreSQL (PGlite's PostGIS lacks protobuf-c), so the two encoders
// can be compared there; on PGlite the Node encoder is covered by tiles.test.ts.
const onPostgres = inject('testDatabase').databaseUrl !== undefined

describe.runIf(onPostgres)('the Node encoder and ST_AsMVT', () => {
  let database: Database
  let fixture: TileFixture
  beforeAll(async () => {
    database = await testDatabase()
    fixture = await tileFixture(database.db)
  })

  it.each<[TileLayer, number]>([
    ['enterprises', 10],
    ['enterprises', 12],
    ['enterprises', 5],
    ['regions', 10],
    ['regions', 8],
    ['treatment-sites', 10],
    ['hexbins', 9],
    ['hexbins', 13],
  ])('encode the same %s features and properties at zoom %i', async (layer, z) => {
    // the tile of enterprise A, which holds all four enterprises from zoom 10 down
    const tile = { layer, ...tileAt(fixture.centre.lon - 0.05, fixture.centre.lat, z) }
    const query = { q: fixture.prefix }
    const [fromNode, fromPostgis] = await Promise.all(
      (['node', 'postgis'] as const).map(async (encoder) => {
        const answer = await tileService(database, { encoder }).tile(tile, query, undefined)
        if (answer.kind !== 'tile') throw new Error('expected a tile')
        return decodeTile(answer.bytes)
      }),
    )
    const node = fromNode ?? {}
    const postgis = fromPostgis ?? {}
    expect(Object.keys(node).sort()).toEqual(Object.keys(postgis).sort())
    expect(Object.keys(node).length, 'the fixture puts features in this tile').toBeGreaterThan(0)
    for (const name of Object.keys(node)) {
      const a = sorted(node[name] ?? [])
      const b = sorted(postgis[name] ?? [])
      expect(a.map((f) => [f.id, f.type, f.properties])).toEqual(b.map((f) => [f.id, f.type, f.properties]))
      a.forEach((feature, i) => expectSameShape(feature, b[i]))
    }
  })
})

function sorted(features: DecodedFeature[]): DecodedFeature[] {
  const key = (f: DecodedFeature) => `${f.id ?? ''}|${JSON.stringify(f.properties)}`
  return [...features].sort((a, b) => key(a).localeCompare(key(b)))
}

/**
 * Geometry may differ in the last tile unit (rounding) and in how polygons are simplified and
 * clipped to the buffer, so the comparison is of bounding boxes, within 2 units of 4096.
 */
function expectSameShape(a: DecodedFeature, b: DecodedFeature | undefined) {
  expect(b).toBeDefined()
  if (!b) return
  const box = (f: DecodedFeature) => {
    const points = f.geometry.flat()
    return [
      Math.min(...points.map((p) => p.x)),
      Math.min(...points.map((p) => p.y)),
      Math.max(...points.map((p) => p.x)),
      Math.max(...points.map((p) => p.y)),
    ]
  }
  const [boxA, boxB] = [box(a), box(b)]
  boxA.forEach((value, i) => expect(Math.abs(value - (boxB[i] ?? Number.NaN))).toBeLessThanOrEqual(2))
}
