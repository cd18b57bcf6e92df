import { kinks, rewind } from '@turf/turf'
import type { AreaGeometry, MultiPolygonGeometry } from '../contract/geojson.js'

export type GeometryIssue = { path: string; message: string }
export type AreaCheck = { ok: true; geometry: MultiPolygonGeometry } | { ok: false; issues: GeometryIssue[] }

/**
 * Checks a (Multi)Polygon that already passed the structural zod schema (closed rings, ranges)
 * for what PGlite's PostGIS can fail to report: self-intersections (bow-ties). Returns it as a
 * MultiPolygon with RFC 7946 winding (outer rings counter-clockwise, holes clockwise); the input
 * is not mutated.
 */
export function checkAreaGeometry(geometry: AreaGeometry, path = 'geometry'): AreaCheck {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  const issues: GeometryIssue[] = []
  polygons.forEach((rings, polygonIndex) => {
    rings.forEach((ring, ringIndex) => {
      const crossings = kinks({ type: 'Polygon', coordinates: [ring] }).features
      const first = crossings[0]?.geometry.coordinates
      if (first) {
        const where =
          geometry.type === 'Polygon'
            ? `${path}.coordinates.${ringIndex}`
            : `${path}.coordinates.${polygonIndex}.${ringIndex}`
        issues.push({
          path: where,
          message: `ring intersects itself near [${first[0]?.toFixed(6)}, ${first[1]?.toFixed(6)}] (${crossings.length} crossing${crossings.length === 1 ? '' : 's'})`,
        })
      }
    })
  })
  if (issues.length > 0) return { ok: false, issues }
  const multi: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: structuredClone(polygons) }
  return { ok: true, geometry: rewind(multi, { mutate: true }) as MultiPolygonGeometry }
}
