import { MAX_TILE_ZOOM, type TileLayer, type TileQuery } from '@contract/tiles.js'
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl'
import type { MapDisplay } from './map-display.js'
import {
  clusterCircleLayer,
  clusterCountLayer,
  ENTERPRISE_SOURCE,
  enterpriseCircleLayer,
  enterpriseSelectedLayer,
} from './styles/enterprises.js'
import { HEXBIN_SOURCE, hexbinFillLayer } from './styles/hexbins.js'
import {
  choroplethFillLayer,
  REGION_TILE_SOURCE,
  regionBoundaryLayer,
  regionSelectedLayer,
} from './styles/region-tiles.js'
import { SITE_SOURCE, treatmentSiteLayer } from './styles/treatment-sites.js'
import { tileUrlTemplate } from './tile-urls.js'

/**
 * The vector sources of the waste map and the tile layer each reads. Points and region polygons
 * are overzoomed past z14 (4096 units a tile is ~1 m there); hexagons are a fixed fraction of a
 * tile, so they are fetched at every zoom to keep their size on screen.
 */
const sources: { id: string; layer: TileLayer; maxzoom: number }[] = [
  { id: REGION_TILE_SOURCE, layer: 'regions', maxzoom: 14 },
  { id: HEXBIN_SOURCE, layer: 'hexbins', maxzoom: MAX_TILE_ZOOM },
  { id: ENTERPRISE_SOURCE, layer: 'enterprises', maxzoom: 14 },
  { id: SITE_SOURCE, layer: 'treatment-sites', maxzoom: 14 },
]

/** Layer ids in drawing order, bottom to top; clicks look at them top to bottom. */
export const layerIds = {
  choropleth: choroplethFillLayer.id,
  boundaries: regionBoundaryLayer.id,
  regionSelected: regionSelectedLayer.id,
  hexbins: hexbinFillLayer.id,
  enterprises: 'enterprise-circles',
  enterpriseSelected: enterpriseSelectedLayer.id,
  clusters: clusterCircleLayer.id,
  clusterCounts: clusterCountLayer.id,
  sites: treatmentSiteLayer.id,
} as const

/** Adds our sources and layers on top of whatever basemap the style has. */
export function addWasteLayers(map: MapLibreMap, filters: TileQuery, display: MapDisplay): void {
  for (const source of sources) {
    map.addSource(source.id, {
      type: 'vector',
      tiles: [tileUrlTemplate(source.layer, filters, window.location.origin)],
      minzoom: 0,
      maxzoom: source.maxzoom,
    })
  }
  map.addLayer(choroplethFillLayer)
  map.addLayer(regionBoundaryLayer)
  map.addLayer(regionSelectedLayer)
  map.addLayer(hexbinFillLayer)
  map.addLayer(enterpriseCircleLayer(display.colourBy))
  map.addLayer(enterpriseSelectedLayer)
  map.addLayer(clusterCircleLayer)
  map.addLayer(clusterCountLayer)
  map.addLayer(treatmentSiteLayer)
}

/** Points every source at the tiles of the new filters; MapLibre refetches, nothing is rebuilt. */
export function setTileFilters(map: MapLibreMap, filters: TileQuery): void {
  for (const source of sources) {
    const url = tileUrlTemplate(source.layer, filters, window.location.origin)
    const current = map.getSource<VectorTileSource>(source.id)
    if (current && current.tiles?.[0] !== url) current.setTiles([url])
  }
}
