import { z } from 'zod'
import {
  CLUSTER_BELOW_ZOOM,
  enterpriseClusterTileProperties,
  enterpriseTileProperties,
  hexbinTileProperties,
  MAX_TILE_ZOOM,
  regionTileProperties,
  sourceLayers,
  type TileJson,
  type TileLayer,
  treatmentSiteTileProperties,
} from '../../contract/tiles.js'

type PropertiesSchema = z.ZodObject<z.ZodRawShape>
type VectorLayer = { id: string; properties: PropertiesSchema; minzoom?: number; maxzoom?: number }

/** The source-layers of each tile layer, described by the contract's property schemas. */
const vectorLayers: Record<TileLayer, VectorLayer[]> = {
  enterprises: [
    {
      id: sourceLayers.enterpriseClusters,
      properties: enterpriseClusterTileProperties,
      maxzoom: CLUSTER_BELOW_ZOOM - 1,
    },
    { id: sourceLayers.enterprises, properties: enterpriseTileProperties, minzoom: CLUSTER_BELOW_ZOOM },
  ],
  regions: [{ id: sourceLayers.regions, properties: regionTileProperties }],
  'treatment-sites': [{ id: sourceLayers.treatmentSites, properties: treatmentSiteTileProperties }],
  hexbins: [{ id: sourceLayers.hexbins, properties: hexbinTileProperties }],
}

/** TileJSON 3.0.0 for a layer whose tiles are at `tileUrl` (with {z}/{x}/{y}). */
export function tileJson(layer: TileLayer, tileUrl: string): TileJson {
  return {
    tilejson: '3.0.0',
    name: `Loopmap ${layer}`,
    tiles: [tileUrl],
    minzoom: 0,
    maxzoom: MAX_TILE_ZOOM,
    vector_layers: vectorLayers[layer].map(({ id, properties, minzoom, maxzoom }) => ({
      id,
      fields: fieldTypes(properties),
      ...(minzoom === undefined ? {} : { minzoom }),
      ...(maxzoom === undefined ? {} : { maxzoom }),
    })),
  }
}

/** TileJSON field types (Number, String, Boolean) from a zod object. */
function fieldTypes(schema: PropertiesSchema): Record<string, string> {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => {
      const inner = field instanceof z.ZodOptional ? field.unwrap() : field
      const type =
        inner instanceof z.ZodNumber ? 'Number' : inner instanceof z.ZodBoolean ? 'Boolean' : 'String'
      return [name, type]
    }),
  )
}
