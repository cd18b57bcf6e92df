import { type GeoJSONVTTile, geoJSONToTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Feature, FeatureCollection } from 'geojson'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { TileAddress } from '../../geo/tile-address.js'
import { geoJsonLayerSql, mvtLayerSql, TILE_BUFFER, TILE_EXTENT, type TileLayerSql } from './queries.js'

export type { TileLayerSql } from './queries.js'

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
    const result = await mvtLayerSql(layer, tile).execute(db)
    const bytes = result.rows[0]?.tile
    if (bytes && bytes.length > 0) parts.push(bytes)
  }
  return concat(parts)
}

/**
 * PGlite's PostGIS is built without protobuf-c, so ST_AsMVT fails there: the database selects
 * the features (already limited to the tile and its buffer) and MapLibre's geojson-vt clips,
 * simplifies and projects them, vt-pbf writes the protobuf.
 */
async function encodeInNode(db: Kysely<DB>, tile: TileAddress, layers: readonly TileLayerSql[]) {
  const tiles: Record<string, GeoJSONVTTile> = {}
  for (const layer of layers) {
    const result = await geoJsonLayerSql(layer).execute(db)
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
