import { z } from 'zod'

/**
 * GeoJSON as it crosses the API: WGS84 lon/lat (RFC 7946). These schemas check structure and
 * ranges; topology (self-intersection, winding) is checked on the server in geo/polygon-validity.ts
 * because PGlite's PostGIS answers some invalid geometries with no rows instead of an error.
 */
/**
 * Bounds on the work one geometry may ask for (README, "Limits"). An official boundary needs far
 * less: the largest district of geoBoundaries' Azerbaijan ADM2 file has 477 positions in 3 parts
 * (2 rings), a full-resolution national boundary some thousands to tens of thousands. The checks
 * in Node are O(n log n) (a sweep line): a drawn area of 50,000 positions is checked in ~0.2 s.
 * A region is stored, and PostgreSQL's CHECK runs PostGIS's ST_IsValid on it, which GEOS 3.11
 * answers in quadratic time on adversarial rings (a 25,000-position star: 1 s), so regions are
 * held to 20,000 positions (docs/architecture.md, measured).
 */
export const maxAreaPositions = 50_000
export const maxRegionPositions = 20_000
export const maxAreaParts = 1_000
export const maxPolygonRings = 1_000

const longitude = z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180')
const latitude = z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90')

export const positionSchema = z
  .tuple([longitude, latitude], z.number())
  .refine(
    (position) => position.length <= 3,
    'a position has at most 3 numbers: longitude, latitude, elevation',
  )
  .describe('[longitude, latitude] in WGS84 degrees; a third value (elevation) is ignored')

const linearRing = z
  .array(positionSchema)
  .min(4, 'a ring needs at least 4 positions (3 corners and the closing one)')
  .max(maxAreaPositions, `a ring may have at most ${maxAreaPositions} positions`)
  .refine(
    (ring) => samePosition(ring[0], ring[ring.length - 1]),
    'ring is not closed: the last position must equal the first',
  )

function samePosition(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1]
}

export const pointSchema = z
  .object({ type: z.literal('Point'), coordinates: positionSchema })
  .meta({ id: 'Point' })
export const polygonSchema = z
  .object({
    type: z.literal('Polygon'),
    coordinates: z
      .array(linearRing)
      .min(1, 'a polygon needs an outer ring')
      .max(maxPolygonRings, `a polygon may have at most ${maxPolygonRings} rings`),
  })
  .meta({ id: 'Polygon' })
export const multiPolygonSchema = z
  .object({
    type: z.literal('MultiPolygon'),
    coordinates: z
      .array(
        z
          .array(linearRing)
          .min(1, 'a polygon needs an outer ring')
          .max(maxPolygonRings, `a polygon may have at most ${maxPolygonRings} rings`),
      )
      .min(1, 'empty MultiPolygon')
      .max(maxAreaParts, `a MultiPolygon may have at most ${maxAreaParts} parts`),
  })
  .meta({ id: 'MultiPolygon' })
export const areaGeometrySchema = z.discriminatedUnion('type', [polygonSchema, multiPolygonSchema])

export type Position = z.infer<typeof positionSchema>
export type PointGeometry = z.infer<typeof pointSchema>
export type PolygonGeometry = z.infer<typeof polygonSchema>
export type MultiPolygonGeometry = z.infer<typeof multiPolygonSchema>
export type AreaGeometry = z.infer<typeof areaGeometrySchema>

/** A GeoJSON Feature with typed geometry and properties. */
export function featureSchema<G extends z.ZodType, P extends z.ZodType>(geometry: G, properties: P) {
  return z.object({ type: z.literal('Feature'), id: z.number().int().optional(), geometry, properties })
}

export function featureCollectionSchema<F extends z.ZodType>(feature: F) {
  return z.object({ type: z.literal('FeatureCollection'), features: z.array(feature) })
}
