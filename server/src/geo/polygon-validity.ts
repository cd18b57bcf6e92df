import { kinks } from '@turf/kinks'
import { rewind } from '@turf/rewind'
import type { AreaGeometry, MultiPolygonGeometry, Position } from '../contract/geojson.js'

export type GeometryIssue = { path: string; message: string }
export type AreaCheck = { ok: true; geometry: MultiPolygonGeometry } | { ok: false; issues: GeometryIssue[] }

/**
 * Checks a (Multi)Polygon that already passed the structural zod schema (closed rings, ranges)
 * for what PGlite's PostGIS can fail to report: self-intersections (bow-ties) and rings with no
 * area (all positions on one line). Returns it as a 2-D MultiPolygon (an elevation is dropped:
 * the column is 2-D) with RFC 7946 winding (outer rings counter-clockwise, holes clockwise); the
 * input is not mutated.
 *
 * Not caught here, left to PostGIS's ST_IsValid: rings of one polygon crossing each other,
 * holes outside their shell, overlapping parts of a MultiPolygon. Cost: quadratic in the
 * positions of each ring (Turf's kinks).
 */
export function checkAreaGeometry(geometry: AreaGeometry, path = 'geometry'): AreaCheck {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const issues: GeometryIssue[] = []
  polygons.forEach((rings, polygonIndex) => {
    rings.forEach((ring, ringIndex) => {
      const where =
        geometry.type === 'Polygon'
          ? `${path}.coordinates.${ringIndex}`
          : `${path}.coordinates.${polygonIndex}.${ringIndex}`
      // crossings first: a symmetric bow-tie also has a net (signed) area of zero
      const crossings = kinks({ type: 'Polygon', coordinates: [ring] }).features
      const first = crossings[0]?.geometry.coordinates
      if (first) {
        issues.push({
          path: where,
          message: `ring intersects itself near [${first[0]?.toFixed(6)}, ${first[1]?.toFixed(6)}] (${crossings.length} crossing${crossings.length === 1 ? '' : 's'})`,
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
