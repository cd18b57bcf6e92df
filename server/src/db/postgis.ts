import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { MultiPolygonGeometry, PointGeometry } from '../contract/geojson.js'

/**
 * Typed helpers for the PostGIS SQL we write. All raw SQL goes through Kysely's parameterised
 * `sql` tag here, so features never concatenate strings into queries.
 */

/** A WGS84 point from lon/lat. */
export function stPoint(longitude: number, latitude: number): RawBuilder<string> {
  return sql<string>`ST_SetSRID(ST_MakePoint(${longitude}, ${latitude}), 4326)`
}

/** A geometry(MultiPolygon, 4326) from already-checked GeoJSON (see geo/polygon-validity.ts). */
export function stMultiPolygon(geometry: MultiPolygonGeometry): RawBuilder<string> {
  return sql<string>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326))`
}

export function stPointFromGeoJson(geometry: PointGeometry): RawBuilder<string> {
  const [longitude, latitude] = geometry.coordinates
  return stPoint(longitude, latitude)
}

/** The column as a GeoJSON object (7 decimals ≈ 1 cm). */
export function stAsGeoJson<T>(column: string): RawBuilder<T> {
  return sql<T>`ST_AsGeoJSON(${sql.ref(column)}, 7)::json`
}

export function stAsGeoJsonOf<T>(expression: RawBuilder<unknown>): RawBuilder<T> {
  return sql<T>`ST_AsGeoJSON(${expression}, 7)::json`
}

/**
 * `area` covers `point` (boundary included), with the bounding-box test first so the GiST
 * indexes on both columns can be used.
 */
export function stCovers(area: string, point: string): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(area)} && ${sql.ref(point)} and ST_Covers(${sql.ref(area)}, ${sql.ref(point)}))`
}

/** Version of the PostGIS library, e.g. "3.6.2". */
export async function postgisVersion<T>(db: Kysely<T>): Promise<string> {
  const result = await sql<{ version: string }>`select postgis_lib_version() as version`.execute(db)
  return result.rows[0]?.version ?? 'unknown'
}
