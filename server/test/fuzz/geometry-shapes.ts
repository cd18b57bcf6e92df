import type { Position } from '../../src/contract/geojson.js'
import type { Box } from '../factories.js'

/**
 * A valid star-shaped ring of `positions` positions (closing one included) inside the box:
 * alternating radii, so no three positions are collinear and nothing stops a check early.
 */
export function starRing({ west, south, east, north }: Box, positions: number): Position[] {
  const corners = positions - 1
  const cx = (west + east) / 2
  const cy = (south + north) / 2
  const rx = (east - west) / 2
  const ry = (north - south) / 2
  const ring: Position[] = Array.from({ length: corners }, (_, i) => {
    const angle = (2 * Math.PI * i) / corners
    const r = i % 2 === 0 ? 1 : 0.6
    return [cx + rx * r * Math.cos(angle), cy + ry * r * Math.sin(angle)]
  })
  ring.push(ring[0] as Position)
  return ring
}
