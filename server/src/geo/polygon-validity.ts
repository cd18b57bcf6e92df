import { rewind } from '@turf/rewind'
import {
  type AreaGeometry,
  maxAreaPositions,
  type MultiPolygonGeometry,
  type Position,
} from '../contract/geojson.js'
import { firstRingMeeting } from './ring-crossing.js'

export type GeometryIssue = { path: string; message: string }
export type AreaCheck = { ok: true; geometry: MultiPolygonGeometry } | { ok: false; issues: GeometryIssue[] }

/**
 * Checks a (Multi)Polygon that already passed the structural zod schema (closed rings, ranges,
 * the part and ring limits) for what PGlite's PostGIS can fail to report: more positions than
 * accepted (`maxAreaPositions`, or `maxRegionPositions` for a region), a ring crossing the antimeridian (an edge spanning more than 180°
 * of longitude, which every planar tool would read as going the long way round), a ring touching
 * or crossing itself, and rings with no area (all positions on one line). Returns it as a 2-D
 * MultiPolygon (an elevation is dropped: the column is 2-D) with RFC 7946 winding (outer rings
 * counter-clockwise, holes clockwise); the input is not mutated.
 *
 * Not caught here, left to PostGIS's ST_IsValid: rings of one polygon crossing each other,
 * holes outside their shell, overlapping parts of a MultiPolygon. Cost: O(n log n) in the
 * positions of each ring (a sweep line, geo/ring-crossing.ts); see docs/architecture.md.
 */
export function checkAreaGeometry(
  geometry: AreaGeometry,
  path = 'geometry',
  maxPositions = maxAreaPositions,
): AreaCheck {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const issues: GeometryIssue[] = []
  const positions = polygons.reduce((sum, rings) => rings.reduce((n, ring) => n + ring.length, sum), 0)
  if (positions > maxPositions) {
    issues.push({
      path: `${path}.coordinates`,
      message: `has ${positions} positions; at most ${maxPositions} are accepted (simplify it first)`,
    })
    return { ok: false, issues }
  }
  polygons.forEach((rings, polygonIndex) => {
    rings.forEach((ring, ringIndex) => {
      const where =
        geometry.type === 'Polygon'
          ? `${path}.coordinates.${ringIndex}`
          : `${path}.coordinates.${polygonIndex}.${ringIndex}`
      const jump = antimeridianJump(ring)
      if (jump !== undefined) {
        const from = ring[jump] ?? []
        const to = ring[jump + 1] ?? []
        issues.push({
          path: where,
          message: `ring crosses the antimeridian between positions ${jump} [${from[0]}, ${from[1]}] and ${jump + 1} [${to[0]}, ${to[1]}] (more than 180° of longitude apart): split it at ±180° as RFC 7946 §3.1.9 asks`,
        })
        return
      }
      if (allOnOneLine(ring)) {
        issues.push({ path: where, message: 'ring has no area: its positions lie on one line' })
        return
      }
      const meeting = firstRingMeeting(ring)
      if (meeting) {
        issues.push({
          path: where,
          message: `ring intersects itself near [${meeting.at[0].toFixed(6)}, ${meeting.at[1].toFixed(6)}]`,
        })
      } else if (ringArea(ring) === 0) {
        issues.push({ path: where, message: 'ring has no area: its positions lie on one line' })
      }
    })
  })
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, geometry: rewind(asMultiPolygon(geometry), { mutate: true }) as MultiPolygonGeometry }
}

/** A fresh 2-D MultiPolygon copy of a (Multi)Polygon, winding untouched. */
export function asMultiPolygon(geometry: AreaGeometry): MultiPolygonGeometry {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) => rings.map((ring) => ring.map(([lon, lat]): Position => [lon, lat]))),
  }
}

/** The area of a ring in square degrees (shoelace), only to tell a flat ring from a real one. */
function ringArea(ring: readonly (readonly number[])[]): number {
  let twice = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? []
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? []
    twice += x1 * y2 - x2 * y1
  }
  return Math.abs(twice) / 2
}

/** The first edge spanning more than 180° of longitude, by the index of its first position. */
function antimeridianJump(ring: readonly (readonly number[])[]): number | undefined {
  for (let i = 0; i + 1 < ring.length; i++) {
    if (Math.abs((ring[i + 1]?.[0] ?? 0) - (ring[i]?.[0] ?? 0)) > 180) return i
  }
  return undefined
}

/** Every position on the line through the first two distinct ones (or all the same). */
function allOnOneLine(ring: readonly (readonly number[])[]): boolean {
  const [x0 = 0, y0 = 0] = ring[0] ?? []
  const other = ring.find(([x = 0, y = 0]) => x !== x0 || y !== y0)
  if (!other) return true
  const [x1 = 0, y1 = 0] = other
  return ring.every(([x = 0, y = 0]) => (x1 - x0) * (y - y0) - (y1 - y0) * (x - x0) === 0)
}
