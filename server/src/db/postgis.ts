import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { MultiPolygonGeometry, PointGeometry } from '../contract/geojson.js'
import type { TileAddress } from '../geo/tile-address.js'
import type { Db } from './database.js'

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

/** The tile's square in EPSG:3857; with `margin` (a fraction of the tile) it is grown on every side. */
export function stTileEnvelope({ z, x, y }: TileAddress, margin = 0): RawBuilder<string> {
  return margin === 0
    ? sql<string>`ST_TileEnvelope(${z}, ${x}, ${y})`
    : sql<string>`ST_TileEnvelope(${z}, ${x}, ${y}, margin => ${margin}::float8)`
}

/**
 * The same square in WGS84 (computed here, clamped to the world), for an index-friendly
 * `geom && …` test on 4326 columns. Transforming ST_TileEnvelope instead would wrap a margin
 * that crosses the antimeridian onto the other side of the world (seen on PostGIS 3.3).
 */
export function stTileEnvelope4326({ z, x, y }: TileAddress, margin = 0): RawBuilder<string> {
  const n = 2 ** z
  const lonAt = (column: number) => Math.min(180, Math.max(-180, (column / n) * 360 - 180))
  const latAt = (row: number) => {
    const clamped = Math.min(n, Math.max(0, row))
    return (Math.atan(Math.sinh(Math.PI * (1 - (2 * clamped) / n))) * 180) / Math.PI
  }
  const west = lonAt(x - margin)
  const east = lonAt(x + 1 + margin)
  const north = latAt(y - margin)
  const south = latAt(y + 1 + margin)
  return sql<string>`ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326)`
}

/**
 * `a` and `b` (geometry 4326 columns or expressions) lie within `km` of each other on the
 * spheroid. Written as a geography cast of the column so the expression index
 * `enterprises_geography_idx` (migrations/007_matching.sql) serves it.
 */
export function stDWithinKm(a: RawBuilder<unknown>, b: RawBuilder<unknown>, km: number): RawBuilder<boolean> {
  return sql<boolean>`ST_DWithin((${a})::geography, (${b})::geography, ${km * 1000}::float8)`
}

/**
 * PostGIS's own verdict on a geometry that passed the Turf checks, for what those do not catch
 * (rings crossing each other, holes outside their shell, overlapping parts). No row counts as
 * invalid: PGlite's PostGIS can answer a geometry it cannot read with no rows.
 */
export async function stValidity(
  db: Db,
  geometry: MultiPolygonGeometry,
): Promise<{ valid: boolean; reason: string }> {
  const geom = stMultiPolygon(geometry)
  const result = await sql<{ valid: boolean; reason: string }>`
    select ST_IsValid(${geom}) as valid, ST_IsValidReason(${geom}) as reason`.execute(db)
  const row = result.rows[0]
  return row ?? { valid: false, reason: 'PostGIS could not read the geometry' }
}

/**
 * ST_MakeValid splits self-intersecting rings at their crossings, and the polygonal parts are
 * kept (a bow-tie becomes two triangles). Undefined when nothing polygonal is left. Chosen over
 * Turf's unkinkPolygon, which returns overlapping pieces for rings that loop over themselves and
 * refuses repeated vertices.
 */
export async function stMakeValidMultiPolygon(
  db: Db,
  geometry: MultiPolygonGeometry,
): Promise<MultiPolygonGeometry | undefined> {
  const repaired = sql`ST_Multi(ST_CollectionExtract(ST_MakeValid(${stMultiPolygon(geometry)}), 3))`
  const result = await sql<{ geometry: MultiPolygonGeometry | null; empty: boolean }>`
    select ${stAsGeoJsonOf<MultiPolygonGeometry>(repaired)} as geometry, ST_IsEmpty(${repaired}) as empty`.execute(
    db,
  )
  const row = result.rows[0]
  return row && !row.empty && row.geometry ? row.geometry : undefined
}

/** `stCovers` for expressions (a point built from lon/lat, a subquery), bounding-box test first. */
export function stCoversOf(area: RawBuilder<unknown>, geom: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${area} && ${geom} and ST_Covers(${area}, ${geom}))`
}

/** Planar `ST_DWithin` in degrees (4326): a cheap first cut where an exact metre test follows. */
export function stDWithinDegrees(
  a: RawBuilder<unknown>,
  b: RawBuilder<unknown>,
  degrees: RawBuilder<number>,
): RawBuilder<boolean> {
  return sql<boolean>`ST_DWithin(${a}, ${b}, ${degrees})`
}

/** `ST_Intersects` of two geometries of one SRID (columns or expressions). */
export function stIntersects(a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`ST_Intersects(${a}, ${b})`
}
