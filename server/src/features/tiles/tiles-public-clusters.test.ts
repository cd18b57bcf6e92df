import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { PUBLIC_CLUSTER_GRID_ZOOM } from '../../contract/tiles.js'
import type { TileAddress } from '../../geo/tile-address.js'
import { tileCentre } from '../../geo/tile-address.js'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { isolatedTestArea, newEnterprise, newWasteStream } from '../../../test/factories.js'
import { decodeTile, tileAt } from '../../../test/tiles.js'
import { enterpriseClusters } from './queries.js'

// Issue 14: the public's clusters are counted over the cells the requested tile touches, not
// over its whole zoom-10 ancestor; the features must stay exactly those of the old way.
const YEAR = 2024
const K = 3
const privacy = { gridZoom: PUBLIC_CLUSTER_GRID_ZOOM, minEnterprises: K }
const filters = { surveyYear: YEAR }

const child = (t: TileAddress, i: number, j: number): TileAddress => ({
  z: t.z + 1,
  x: 2 * t.x + i,
  y: 2 * t.y + j,
})

/** The tile's bounds in lon/lat. */
function bounds(t: TileAddress) {
  const n = 2 ** t.z
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI
  return {
    west: (t.x / n) * 360 - 180,
    east: ((t.x + 1) / n) * 360 - 180,
    north: lat(t.y),
    south: lat(t.y + 1),
  }
}

type Cluster = { lon: number; lat: number; enterpriseCount: number; totalTonnesPerYear: number | null }

async function clustersOf(tile: TileAddress): Promise<Cluster[]> {
  const { db } = await testDatabase()
  const result = await sql<Cluster>`select ST_X(f.geom) as lon, ST_Y(f.geom) as lat,
      f."enterpriseCount" as "enterpriseCount", f."totalTonnesPerYear" as "totalTonnesPerYear"
    from (${enterpriseClusters(db, filters, tile, privacy)}) f`.execute(db)
  return result.rows.map((r) => ({ ...r, lon: Number(r.lon.toFixed(9)), lat: Number(r.lat.toFixed(9)) }))
}

const inside = (c: Cluster, t: TileAddress) => {
  const b = bounds(t)
  return c.lon > b.west && c.lon < b.east && c.lat > b.south && c.lat < b.north
}
const sorted = (clusters: Cluster[]) => [...clusters].sort((a, b) => a.lon - b.lon || a.lat - b.lat)

let publicApp: FastifyInstance
let z14: TileAddress
let cellA: TileAddress // a z15 cell of the public grid inside z14, four enterprises
beforeAll(async () => {
  publicApp = await buildTestApp({ as: 'public' })
  const { db } = await testDatabase()
  const area = isolatedTestArea()
  const at = tileAt(area.lon + 0.83, area.lat + 0.27, 14)
  // not on the east edge of its zoom-10 ancestor, so the neighbour east shares the ancestor
  z14 = at.x % 16 === 15 ? { ...at, x: at.x - 1 } : at
  cellA = child(z14, 0, 0)
  const located = async (points: { lon: number; lat: number }[]) => {
    for (const point of points) {
      const e = await newEnterprise(db, point)
      await newWasteStream(db, e.id, { quantity: 10, survey_year: YEAR })
    }
  }
  // one in each quarter of cell A, two in cell B (fewer than k), five in the tile east of z14
  await located([0, 1].flatMap((i) => [0, 1].map((j) => tileCentre(child(cellA, i, j)))))
  const b = tileCentre(child(z14, 1, 1))
  await located([b, { lon: b.lon + 0.0001, lat: b.lat }])
  const east = tileCentre({ ...z14, x: z14.x + 1 })
  await located([0, 1, 2, 3, 4].map((i) => ({ lon: east.lon + i * 0.0001, lat: east.lat })))
})
afterAll(async () => {
  await publicApp?.close()
})

describe("the public's enterprise clusters", () => {
  it('at z14 are those of the whole zoom-10 ancestor that lie in the tile: same counts, tonnes and places', async () => {
    const ancestor = {
      z: PUBLIC_CLUSTER_GRID_ZOOM,
      x: z14.x >> (14 - PUBLIC_CLUSTER_GRID_ZOOM),
      y: z14.y >> (14 - PUBLIC_CLUSTER_GRID_ZOOM),
    }
    const before = (await clustersOf(ancestor)).filter((c) => inside(c, z14))
    const now = await clustersOf(z14)
    expect(sorted(now)).toEqual(sorted(before))
    // the fixture's two cells: A with its tonnes, B (two enterprises) without
    expect(now.map((c) => c.enterpriseCount).sort()).toEqual([2, 4])
    expect(now.find((c) => c.enterpriseCount === 4)?.totalTonnesPerYear).toBeGreaterThan(0)
    expect(now.find((c) => c.enterpriseCount === 2)?.totalTonnesPerYear).toBeNull()
    // and the tile served to the public draws those two
    const url = `/api/tiles/enterprises/14/${z14.x}/${z14.y}.mvt?surveyYear=${YEAR}`
    const response = await publicApp.inject({ method: 'GET', url })
    expect(response.statusCode).toBe(200)
    const drawn = decodeTile(response.rawPayload).enterprise_clusters ?? []
    expect(drawn.map((f) => f.properties.enterpriseCount).sort()).toEqual([2, 4])
  })

  it('past the grid, give a tile that cuts a cell the count of the whole cell', async () => {
    // a quarter of cell A holds one of its four enterprises; the cell is drawn with four
    for (const [i, j] of [
      [0, 0],
      [1, 1],
    ] as const) {
      const quarter = child(cellA, i, j)
      const clusters = await clustersOf(quarter)
      expect(clusters.map((c) => c.enterpriseCount)).toEqual([4])
      const url = `/api/tiles/enterprises/16/${quarter.x}/${quarter.y}.mvt?surveyYear=${YEAR}`
      const drawn = decodeTile((await publicApp.inject({ method: 'GET', url })).rawPayload)
      expect(drawn.enterprise_clusters?.map((f) => f.properties.enterpriseCount)).toEqual([4])
    }
  })
})
