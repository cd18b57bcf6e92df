import type { Kysely } from 'kysely'
import type { HexbinCollection, HexbinQuery } from '../../contract/aggregates.js'
import type { Disclosure } from '../../contract/disclosure.js'
import type { DB } from '../../db/schema.js'
import { HttpError } from '../../plugins/error-handler.js'
import { filteredEnterprises } from '../../domain/survey/enterprise-totals.js'
import { latestSurveyYear } from '../../domain/survey/years.js'
import { hexbinSuppressed, hexCellKmFor } from '../../domain/hexbin/disclosure.js'
import { readsNoise, roundPublic } from '../../domain/disclosure/noise.js'
import { hexbinDensitySql } from './queries.js'

/** More hexagons than this in one answer is a request for a tile layer, not a table. */
const MAX_CELLS = 20_000

/**
 * Hexagonal density over an area at a chosen resolution (issue 5), with PostGIS's
 * ST_HexagonGrid in Web Mercator: the size is scaled by the area's latitude so a cell is about
 * `cellKm` across on the ground. The same grid as the map's hexbin tiles, at another size.
 */
export async function hexbinDensity(
  db: Kysely<DB>,
  { bbox, cellKm: asked, ...filters }: HexbinQuery,
  disclosure: Disclosure,
): Promise<HexbinCollection> {
  // the public's hexagons are never smaller than PUBLIC_MIN_HEX_CELL_KM (the tiles' rule too)
  const cellKm = hexCellKmFor(disclosure, asked)
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
  // one survey year's tonnes: the chosen one, else the latest with data in the box
  const within = filteredEnterprises(db, { ...filters, bbox })
  const surveyYear = filters.surveyYear ?? (await latestSurveyYear(db, within, filters))
  const applied = !disclosure.seesSmallCells
  const noise = { noisy: readsNoise(disclosure) }
  const year = { ...filters, surveyYear: surveyYear ?? 0 }
  const result = await hexbinDensitySql(db, year, size, bbox, noise).execute(db)
  const shown = applied ? roundPublic : (tonnes: number) => tonnes
  return {
    type: 'FeatureCollection',
    features: result.rows.map((row) => {
      const suppressed = hexbinSuppressed(disclosure, row.n)
      return {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: row.geometry.coordinates },
        properties: {
          enterpriseCount: suppressed ? null : row.n,
          totalTonnesPerYear: suppressed ? null : shown(row.total_t),
          hazardousTonnesPerYear: suppressed ? null : shown(row.hazardous_t),
          suppressed,
        },
      }
    }),
    surveyYear,
    disclosure: { minEnterprises: disclosure.minEnterprises, applied },
  }
}
