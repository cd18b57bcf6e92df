import type { Disclosure } from '../../contract/disclosure.js'
import { smallCellThreshold } from '../../contract/disclosure.js'

/**
 * What the public (and enterprises: whoever does not see small cells) may see of hexagonal
 * density, for both outputs that draw it: the hexbin tiles (features/tiles) and
 * `GET /api/aggregates/hexbins` (features/aggregates/hexbins.ts). Issue 13: a z22 tile drew a
 * 0.45 m hexagon around one enterprise's site.
 *
 * 1. A hexagon is never smaller than PUBLIC_MIN_HEX_CELL_KM across (opposite corners) on the
 *    ground: the API raises a smaller `cellKm` to it; a tile past the zoom where its hexagons
 *    would be smaller keeps drawing the grid of that zoom (publicHexGridZoom).
 * 2. A hexagon of fewer than k enterprises keeps its shape but loses its figures (count and
 *    tonnes): the small-cell rule of the totals (contract/disclosure.ts, smallCellThreshold).
 */
export const PUBLIC_MIN_HEX_CELL_KM = 2

/** The hexagon size (km across) a viewer gets when asking for `cellKm`. */
export function hexCellKmFor(disclosure: Disclosure, cellKm: number): number {
  return disclosure.seesSmallCells ? cellKm : Math.max(cellKm, PUBLIC_MIN_HEX_CELL_KM)
}

/** Hexagons with fewer enterprises than this lose their figures (0: nothing is withheld). */
export function hexbinThreshold(disclosure: Disclosure): number {
  return smallCellThreshold(disclosure)
}

/** Whether a hexagon of `enterpriseCount` enterprises has its figures withheld. */
export function hexbinSuppressed(disclosure: Disclosure, enterpriseCount: number): boolean {
  return enterpriseCount < hexbinThreshold(disclosure)
}

const WORLD_WIDTH_M = 40_075_016.685_578_49
/** Tiles draw hexagons of circumradius tile width / 32 (16 across a tile). */
export const HEX_SIZE_PER_TILE = 1 / 32
/**
 * The zoom whose tile rows set a latitude band: every tile of a band uses one public grid, so
 * neighbouring tiles agree on each hexagon (a band boundary is a tile boundary at every zoom).
 */
const BAND_ZOOM = 6

/** Latitude (degrees) of the northern edge of tile row `y` at zoom `z`. */
function rowLatitude(y: number, z: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / 2 ** z))) * 180) / Math.PI
}

/**
 * The zoom whose hexagon grid a tile at (z, y) draws: z itself for those who see small cells;
 * for the others the largest zoom ≤ z whose hexagons are at least PUBLIC_MIN_HEX_CELL_KM across
 * on the ground at the pole-most latitude of the tile's band (Web Mercator shrinks ground
 * distances by cos(latitude)). At 40° N that is zoom 9: hexagons 3.75 km across.
 */
export function hexGridZoom(disclosure: Disclosure, z: number, y: number): number {
  if (disclosure.seesSmallCells) return z
  const bandZoom = Math.min(z, BAND_ZOOM)
  const row = y >> (z - bandZoom)
  const latitude = Math.max(Math.abs(rowLatitude(row, bandZoom)), Math.abs(rowLatitude(row + 1, bandZoom)))
  const shrink = Math.cos((Math.min(latitude, 85.06) * Math.PI) / 180)
  // across on the ground at zoom g: 2 × circumradius × shrink = 2 × (W / 2^g / 32) × shrink
  const finest = Math.floor(
    Math.log2((2 * WORLD_WIDTH_M * HEX_SIZE_PER_TILE * shrink) / (PUBLIC_MIN_HEX_CELL_KM * 1000)),
  )
  return Math.max(0, Math.min(z, finest))
}

/** The circumradius (EPSG:3857 metres, ST_HexagonGrid's size) of the hexagons of zoom `gridZoom`. */
export function hexSizeAtZoom(gridZoom: number): number {
  return (WORLD_WIDTH_M / 2 ** gridZoom) * HEX_SIZE_PER_TILE
}
