import { type GeoJSONVTTile, geoJSONToTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { stTileEnvelope } from '../../db/postgis.js'
import type { TileAddress } from '../../geo/tile-address.js'
import type { DB } from '../../db/schema.js'
import { TILE_BUFFER, TILE_EXTENT } from './layer-queries.js'

/** One source-layer of a tile: its features as SQL (see layer-queries.ts) and property names. */
export type TileLayerSql = {
  name: string
  features: RawBuilder<unknown>
  /** Columns of `features` written as properties, in this order. */
  properties: readonly string[]
  /** The `id` column is also the MVT feature id (MapLibre's feature-state and promoteId). */
  hasId: boolean
}

export type TileEncoder = 'postgis' | 'node'

/** Encodes the layers into one tile; an empty result means no feature in the tile. */
export function encodeTile(
  encoder: TileEncoder,
  db: Kysely<DB>,
  tile: TileAddress,
  layers: readonly TileLayerSql[],
): Promise<Uint8Array> {
  return encoder === 'postgis' ? encodeWithPostgis(db, tile, layers) : encodeInNode(db, tile, layers)
}

/**
 * ST_AsMVT in the database (PostgreSQL). Layers are encoded one by one and concatenated: a tile
 * is a repeated `layers` field, so the bytes of two one-layer tiles are a valid two-layer tile.
 */
async function encodeWithPostgis(db: Kysely<DB>, tile: TileAddress, layers: readonly TileLayerSql[]) {
  const parts: Uint8Array[] = []
  for (const layer of layers) {
    const result = await sql<{ tile: Uint8Array | null }>`with f as (${layer.features})
      select (${stAsMvtOf('f', layer, tile)}) as tile`.execute(db)
    const bytes = result.rows[0]?.tile
    if (bytes && bytes.length > 0) parts.push(bytes)
  }
  return concat(parts)
}

/** `select ST_AsMVT(…)` over the relation `from` holding the layer's features. */
export function stAsMvtOf(
  from: string,
  layer: TileLayerSql,
  tile: TileAddress,
): RawBuilder<Uint8Array | null> {
  // `id` once as the feature id (ST_AsMVT takes the first column of that name) and again as a
  // property, as the Node encoder keeps it (promoteId)
  const columns = layer.properties.map((name) => sql`f.${sql.ref(name)}`)
  if (layer.hasId) columns.unshift(sql`f.id`)
  const featureId = layer.hasId ? sql`, 'id'` : sql``
  return sql<Uint8Array | null>`select ST_AsMVT(m, ${layer.name}, ${TILE_EXTENT}, 'mvt_geom'${featureId})
    from (
      select ${sql.join(columns)},
        ST_AsMVTGeom(ST_Transform(f.geom, 3857), ${stTileEnvelope(tile)}, ${TILE_EXTENT}, ${TILE_BUFFER}, true) as mvt_geom
      from ${sql.table(from)} f
    ) m
    where m.mvt_geom is not null`
}

/**
 * PGlite's PostGIS is built without protobuf-c, so ST_AsMVT fails there: the database selects
 * the features (already limited to the tile and its buffer) and MapLibre's geojson-vt clips,
 * simplifies and projects them, vt-pbf writes the protobuf.
 */
async function encodeInNode(db: Kysely<DB>, tile: TileAddress, layers: readonly TileLayerSql[]) {
  const tiles: Record<string, GeoJSONVTTile> = {}
  for (const layer of layers) {
    const result = await sql<{
      geometry: Geometry
      properties: Record<string, unknown>
    }>`with f as (${layer.features})
      select ST_AsGeoJSON(f.geom, 9)::json as geometry, to_jsonb(f) - 'geom' as properties from f`.execute(db)
    if (result.rows.length === 0) continue
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: result.rows.map((row): Feature => ({
        type: 'Feature',
        geometry: row.geometry,
        properties: withoutNulls(row.properties),
      })),
    }
    const encoded = geoJSONToTile(collection, tile.z, tile.x, tile.y, {
      extent: TILE_EXTENT,
      buffer: TILE_BUFFER,
      clip: true,
      promoteId: layer.hasId ? 'id' : null,
    })
    if (encoded.features.length > 0) tiles[layer.name] = encoded
  }
  if (Object.keys(tiles).length === 0) return new Uint8Array()
  return fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT })
}

/** MVT has no null value; like ST_AsMVT, a null property is left out. */
function withoutNulls(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null))
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0]
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
