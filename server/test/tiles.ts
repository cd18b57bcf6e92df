import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

export type DecodedFeature = {
  id: number | undefined
  type: 'Point' | 'LineString' | 'Polygon' | 'Unknown'
  properties: Record<string, number | string | boolean>
  /** Rings / points in tile units (0–4096). */
  geometry: { x: number; y: number }[][]
}

/** Decodes a Mapbox Vector Tile into plain objects per source-layer (with @mapbox/vector-tile). */
export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new PbfReader(bytes))
  const layers: Record<string, DecodedFeature[]> = {}
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = []
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i)
      features.push({
        id: feature.id,
        type: (['Unknown', 'Point', 'LineString', 'Polygon'] as const)[feature.type],
        properties: feature.properties,
        geometry: feature.loadGeometry().map((ring) => ring.map(({ x, y }) => ({ x, y }))),
      })
    }
    layers[name] = features
  }
  return layers
}

export { tileAt } from '../src/geo/tile-address.js'
