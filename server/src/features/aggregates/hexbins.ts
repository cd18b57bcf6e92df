import { type Kysely, sql } from 'kysely'
import type { HexbinCollection, HexbinQuery } from '../../contract/aggregates.js'
import { hexbinCounts, stHexagon } from '../../db/hexbins.js'
import type { DB } from '../../db/schema.js'
import { HttpError } from '../../plugins/error-handler.js'
import type { DisclosureSettings, Viewer } from './service.js'

/** More hexagons than this in one answer is a request for a tile layer, not a table. */
const MAX_CELLS = 20_000

/**
 * Hexagonal density over an area at a chosen resolution (issue 5), with PostGIS's
 * ST_HexagonGrid in Web Mercator: the size is scaled by the area's latitude so a cell is about
 * `cellKm` across on the ground. The same grid as the map's hexbin tiles, at another size.
 */
export async function hexbinDensity(
  db: Kysely<DB>,
  { bbox, cellKm, ...filters }: HexbinQuery,
  viewer: Viewer,
  { minEnterprises }: DisclosureSettings,
): Promise<HexbinCollection> {
  const midLatitude = ((bbox.south + bbox.north) / 2) * (Math.PI / 180)
  // ST_HexagonGrid's size is the circumradius in projected metres
  const size = (cellKm * 1000) / 2 / Math.cos(midLatitude)
  const widthKm = (bbox.east - bbox.west) * 111.32 * Math.cos(midLatitude)
  const heightKm = (bbox.north - bbox.south) * 110.57
  const cells = (widthKm * heightKm) / (cellKm * cellKm * 0.65)
  if (cells > MAX_CELLS) {
    const message = `too small for this area: about ${Math.round(cells)} hexagons, at most ${MAX_CELLS}`
    throw new HttpError(400, 'VALIDATION_FAILED', `Invalid query: cellKm: ${message}`, [
      { path: 'query.cellKm', message },
    ])
  }
  const within = sql<string>`ST_MakeEnvelope(${bbox.west}::float8, ${bbox.south}::float8, ${bbox.east}::float8, ${bbox.north}::float8, 4326)`
  const result = await sql<{
    geometry: { coordinates: number[][][] }
    n: number
    total_t: number
    hazardous_t: number
  }>`
    select ST_AsGeoJSON(ST_Transform(${stHexagon(size, sql`c.i`, sql`c.j`)}, 4326), 7)::json as geometry,
      c.n, c.total_t, c.hazardous_t
    from (${hexbinCounts(db, filters, size, within)}) c
    order by c.i, c.j`.execute(db)
  const applied = viewer.kind === 'public'
  return {
    type: 'FeatureCollection',
    features: result.rows.map((row) => {
      const suppressed = applied && row.n < minEnterprises
      return {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: row.geometry.coordinates },
        properties: {
          enterpriseCount: suppressed ? null : row.n,
          totalTonnesPerYear: suppressed ? null : row.total_t,
          hazardousTonnesPerYear: suppressed ? null : row.hazardous_t,
          suppressed,
        },
      }
    }),
    disclosure: { minEnterprises, applied },
  }
}
